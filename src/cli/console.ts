// The bot's commands in a terminal, for trying it without a Discord token. Lines are
// written like slash commands and run the real command modules through the console
// adapter; replies are printed as text.
//   npm run cli -- "/search query:数据交易 limit:3"
//   npm run cli                       (interactive, with history and tab completion)
import { appendFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import dotenv from 'dotenv';
import { loadConfig, ConfigError } from '../config/env.ts';
import { openLibrary } from '../library.ts';
import { createLogger, type Logger } from '../log.ts';
import type { Library } from '../search/types.ts';
import { definitionOf, type CommandContext, type CommandModule } from '../discord/command.ts';
import { runAutocomplete, runButton, runCommand, type CommandOutcome } from '../discord/dispatch.ts';
import { loadCommands } from '../discord/registry.ts';
import { PagingExpiry } from '../discord/paging-expiry.ts';
import {
  CONSOLE_USER,
  ConsoleAutocompleteInteraction,
  ConsoleButtonInteraction,
  ConsoleChannel,
  ConsoleSlashInteraction,
  type ConsoleIdentity,
  type Sent,
} from '../discord/console/adapter.ts';
import { payloadToText, type BoldStyle } from '../discord/console/render-text.ts';
import { parseSlashLine, SlashLineError, type SlashLine } from '../discord/console/slash-line.ts';

export interface ConsoleOptions {
  /** An open library; otherwise the corpus is loaded as the bot loads it (see openConsoleLibrary). */
  library?: Library;
  /** The corpus folder when no library is given (`--corpus DIR`); default CORPUS_DIR. */
  corpusDir?: string;
  commands?: readonly CommandModule[];
  /** Discord locale of the console user; default zh-CN. */
  locale?: string;
  /** The console user is a moderator unless this is false. */
  moderator?: boolean;
  moderatorRoleIds?: readonly string[];
  /** Where replies go; default stdout. */
  write?: (text: string) => void;
  /** How matches show; default ANSI bold when replies go to a terminal. */
  bold?: BoldStyle;
  logger?: Logger;
}

const EXIT: Record<CommandOutcome, number> = { done: 0, refused: 1, failed: 1, 'unknown-command': 2 };
const HISTORY_FILE = path.join(os.homedir(), '.zh-news-bot-history');
const HISTORY_SIZE = 500;

/** One console user talking to the bot; keeps the messages so their buttons can be pressed. */
export class ConsoleSession {
  private readonly channel: ConsoleChannel;
  private readonly identity: ConsoleIdentity;
  private readonly write: (text: string) => void;

  private constructor(
    readonly ctx: CommandContext,
    options: ConsoleOptions,
  ) {
    const write = options.write ?? ((text: string) => console.log(text));
    this.write = write;
    const bold = options.bold ?? (!options.write && process.stdout.isTTY ? 'ansi' : 'plain');
    this.channel = new ConsoleChannel((sent) => printSent(sent, write, bold));
    this.identity = {
      locale: options.locale ?? 'zh-CN',
      user: CONSOLE_USER,
      moderator: options.moderator ?? true,
      roleIds: options.moderatorRoleIds ?? ctx.moderatorRoleIds,
    };
  }

  static async open(options: ConsoleOptions = {}): Promise<ConsoleSession> {
    let { library, logger } = options;
    let moderatorRoleIds = options.moderatorRoleIds ?? [];
    if (!library) {
      const opened = await openConsoleLibrary(options.corpusDir, logger);
      ({ library, logger } = opened);
      moderatorRoleIds = options.moderatorRoleIds ?? opened.moderatorRoleIds;
    }
    logger ??= createLogger('silent');
    const commands = options.commands ?? (await loadCommands());
    const ctx: CommandContext = { library, logger, moderatorRoleIds, commands, paging: new PagingExpiry(logger) };
    return new ConsoleSession(ctx, { ...options, moderatorRoleIds });
  }

  /** Runs one `/command name:value …` line; the exit code says how it went. */
  async run(line: string): Promise<number> {
    let parsed;
    try {
      parsed = parseSlashLine(line, this.ctx.commands);
    } catch (err) {
      if (!(err instanceof SlashLineError)) throw err;
      this.write(`error: ${err.message}`);
      return 2;
    }
    return this.execute(parsed);
  }

  /** Runs a command with options already known (the console's `search`, `ask` and `summary` verbs). */
  async execute({ command, options }: SlashLine): Promise<number> {
    const interaction = new ConsoleSlashInteraction(command, options, this.channel, this.identity);
    return EXIT[await runCommand(interaction, this.ctx)];
  }

  /** The loaded command called `name`. */
  command(name: string): CommandModule {
    const found = this.ctx.commands.find((c) => c.data.name === name);
    if (!found) throw new Error(`no /${name} command is loaded`);
    return found;
  }

  /** Presses the enabled button whose label or custom_id contains `which` on the latest message that has one. */
  async press(which: string): Promise<number> {
    for (const [messageId, payload] of [...this.channel.messages].reverse()) {
      const buttons = (payload.components ?? []).flatMap((row) => row.components);
      const button = buttons.find(
        (b) => !b.disabled && 'custom_id' in b && (b.custom_id === which || (which !== '' && 'label' in b && b.label?.includes(which))),
      );
      if (!button || !('custom_id' in button)) continue;
      await runButton(new ConsoleButtonInteraction(button.custom_id, messageId, this.channel, this.identity), this.ctx);
      return 0;
    }
    this.write(`error: no button "${which}" to press`);
    return 2;
  }

  /** Buttons of the latest message that has any: label and custom_id. */
  latestButtons(): { label: string; customId: string; disabled: boolean }[] {
    for (const payload of [...this.channel.messages.values()].reverse()) {
      const buttons = (payload.components ?? []).flatMap((row) => row.components);
      if (buttons.length > 0) {
        return buttons.map((b) => ({
          label: 'label' in b ? (b.label ?? '') : '',
          customId: 'custom_id' in b ? b.custom_id : '',
          disabled: b.disabled ?? false,
        }));
      }
    }
    return [];
  }

  /**
   * What Discord offers while `line` is typed, when its last option autocompletes
   * (`/summary article:工信`): the values of the command's own choices, and the text they replace.
   */
  async suggestions(line: string): Promise<{ typed: string; values: string[] } | null> {
    const match = /^\/(\S+)\s(?:[\s\S]*\s)?([a-z][\w-]*)[:：]([^:：]*)$/.exec(line);
    if (!match) return null;
    const [, commandName, optionName, typed] = match as unknown as [string, string, string, string];
    const command = this.ctx.commands.find((c) => c.data.name === commandName);
    if (!command?.autocomplete) return null;
    const option = definitionOf(command).options?.find((o) => o.name === optionName);
    if (!option || !('autocomplete' in option) || !option.autocomplete) return null;
    const interaction = new ConsoleAutocompleteInteraction(commandName, { name: optionName, value: typed }, this.identity);
    await runAutocomplete(interaction, this.ctx);
    return { typed, values: interaction.choices.map((c) => c.value) };
  }

  close(): void {
    this.ctx.paging.stop();
  }
}

function printSent(sent: Sent, write: (text: string) => void, bold: BoldStyle): void {
  // A deleted "thinking…" placeholder shows nothing; everything else is printed as sent.
  if (sent.kind === 'delete' || !sent.payload) return;
  write(payloadToText(sent.payload, sent.ephemeral, bold));
}

async function openSession(options: ConsoleOptions): Promise<ConsoleSession | null> {
  try {
    return await ConsoleSession.open(options);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return null;
    }
    throw err;
  }
}

/**
 * The corpus loaded as the bot loads it: settings from the environment (dotenv), the index
 * restored from SNAPSHOT_DIR when it matches. Throws ConfigError for a bad setting.
 */
export async function openConsoleLibrary(
  corpusDir?: string,
  logger?: Logger,
): Promise<{ library: Library; logger: Logger; moderatorRoleIds: readonly string[] }> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env, 'console');
  // Logs go to stderr, quiet unless LOG_LEVEL asks, so replies stay readable.
  const log = logger ?? createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 2);
  const library = await openLibrary({
    corpusDir: corpusDir ?? config.corpusDir,
    read: config.corpusRead,
    snapshotDir: config.snapshotDir,
    snapshotTimeoutMs: config.snapshotTimeoutMs,
    logger: log,
  });
  return { library, logger: log, moderatorRoleIds: config.moderatorRoleIds };
}

/**
 * `npm run cli -- "/search query:…"`: runs one command and returns the exit code. The reply
 * goes to stdout, or to stderr when the command failed or was refused.
 */
export async function runSlashLine(line: string | ((session: ConsoleSession) => SlashLine), options: ConsoleOptions = {}): Promise<number> {
  const replies: string[] = [];
  const session = await openSession({
    ...options,
    write: options.write ?? ((text) => replies.push(text)),
    bold: options.bold ?? (process.stdout.isTTY ? 'ansi' : 'plain'),
  });
  if (!session) return 2;
  try {
    const code = typeof line === 'string' ? await session.run(line) : await session.execute(line(session));
    if (replies.length > 0) (code === 0 ? console.log : console.error)(replies.join('\n'));
    return code;
  } finally {
    session.close();
  }
}

/** `npm run cli`: a prompt. Lines starting with / are commands; other text is asked with /ask. */
export async function runInteractiveConsole(options: ConsoleOptions = {}): Promise<number> {
  const session = await openSession(options);
  if (!session) return 2;
  const names = session.ctx.commands.map((c) => `/${c.data.name}`);
  const history = await readHistory();
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    history,
    historySize: HISTORY_SIZE,
    completer: (line: string, done: (err: Error | null, result: [string[], string]) => void) => {
      session.suggestions(line).then(
        (found) => done(null, found ? [found.values, found.typed] : complete(line, session.ctx.commands)),
        (err: Error) => done(err, [[], line]),
      );
    },
  });
  console.log(
    `zh-news-bot console — commands: ${names.join(' ')}\n` +
      'Write them as in Discord, e.g. /search query:数据交易 limit:3 — or just type a question.\n' +
      '"next"/"prev" page through results; "exit" quits. Tab completes commands, options, titles and sources.',
  );
  rl.setPrompt('> ');
  rl.prompt();
  try {
    // The async iterator buffers lines, so piped input is not lost while a command runs.
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === 'exit' || line === 'quit') break;
      if (line !== '') {
        await appendFile(HISTORY_FILE, line + '\n').catch(() => {});
        await runConsoleLine(session, line);
      }
      rl.prompt();
    }
  } finally {
    rl.close();
    session.close();
  }
  return 0;
}

/** One prompt line: a slash command, "next"/"prev" for the latest buttons, or a question. */
async function runConsoleLine(session: ConsoleSession, line: string): Promise<void> {
  if (line === 'next' || line === 'prev') {
    const button = session.latestButtons().find((b) => b.customId.split(':')[1] === (line === 'next' ? 'n' : 'p'));
    await session.press(button?.customId ?? line);
  } else if (line.startsWith('/')) await session.run(line);
  else await session.run(`/ask question:"${line.replace(/"/g, '”')}"`);
}

async function readHistory(): Promise<string[]> {
  try {
    const lines = (await readFile(HISTORY_FILE, 'utf8')).split('\n').filter(Boolean);
    return lines.slice(-HISTORY_SIZE).reverse(); // readline wants the newest first
  } catch {
    return [];
  }
}

/** Tab completion: command names, then the chosen command's option names. */
export function complete(line: string, commands: readonly CommandModule[]): [string[], string] {
  const command = /^\/(\S+)\s/.exec(line);
  if (!command) {
    const hits = commands.map((c) => `/${c.data.name} `).filter((n) => n.startsWith(line));
    return [hits, line];
  }
  const found = commands.find((c) => c.data.name === command[1]);
  const last = line.split(/\s/).pop() ?? '';
  if (!found || last.includes(':')) return [[], last];
  const optionNames = (found.data.toJSON().options ?? []).map((o) => `${o.name}:`);
  return [optionNames.filter((n) => n.startsWith(last)), last];
}
