// Reads a console line written like a Discord slash command:
//   /search query:数据交易 limit:3
// A value runs up to the next ` name:` (a lower-case ASCII word and a colon, as Discord
// option names are), so it may hold spaces; quote it ("…", '…', “…” or 「…」) to include
// such text literally. A URL's `http:` does not count.
import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord.js';
import { definitionOf, usage, type CommandModule } from '../command.ts';

export class SlashLineError extends Error {
  override name = 'SlashLineError';
}

export interface SlashLine {
  command: CommandModule;
  options: Map<string, string | number>;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '「': '」' };

function optionsOf(command: CommandModule): APIApplicationCommandBasicOption[] {
  return (definitionOf(command).options ?? []).filter(
    (o): o is APIApplicationCommandBasicOption => o.type !== ApplicationCommandOptionType.Subcommand && o.type !== ApplicationCommandOptionType.SubcommandGroup,
  );
}

export function parseSlashLine(line: string, commands: readonly CommandModule[]): SlashLine {
  const trimmed = line.trim();
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) throw new SlashLineError(`a command starts with "/", e.g. /ask question:工信部部长是谁？`);
  const name = match[1]!.toLowerCase();
  const command = commands.find((c) => c.data.name === name);
  if (!command) {
    throw new SlashLineError(`unknown command /${name}; the commands are ${commands.map((c) => `/${c.data.name}`).join(', ')}`);
  }
  const defs = optionsOf(command);
  const rest = match[2]!;
  const raw = splitOptions(
    rest,
    defs.map((d) => d.name),
    command,
  );
  const options = new Map<string, string | number>();
  for (const [optionName, text] of raw) {
    const def = defs.find((d) => d.name === optionName)!;
    options.set(optionName, convert(def, text, command));
  }
  for (const def of defs) {
    if (def.required && !options.has(def.name)) {
      throw new SlashLineError(`/${name} needs ${def.name}:…  (usage: ${usage(definitionOf(command))})`);
    }
  }
  return { command, options };
}

function splitOptions(rest: string, names: string[], command: CommandModule): [string, string][] {
  const out: [string, string][] = [];
  const usageText = usage(definitionOf(command));
  let text = rest.trim();
  while (text !== '') {
    const head = /^([^\s:：]+)[:：]/.exec(text);
    if (!head) throw new SlashLineError(`expected name:value, got "${text}"  (usage: ${usageText})`);
    const optionName = head[1]!.toLowerCase();
    if (!names.includes(optionName)) {
      throw new SlashLineError(
        names.length === 0
          ? `/${command.data.name} takes no options`
          : `unknown option "${optionName}" for /${command.data.name}; its options are ${names.join(', ')}`,
      );
    }
    if (out.some(([n]) => n === optionName)) throw new SlashLineError(`option ${optionName} is given twice`);
    text = text.slice(head[0].length);
    let value: string;
    const close = QUOTES[text[0] ?? ''];
    if (close !== undefined) {
      const end = text.indexOf(close, 1);
      if (end < 0) throw new SlashLineError(`the quote after ${optionName}: is not closed`);
      value = text.slice(1, end);
      text = text.slice(end + 1).trimStart();
    } else {
      const next = nextOptionStart(text);
      value = text.slice(0, next).trim();
      text = text.slice(next).trimStart();
    }
    out.push([optionName, value]);
  }
  return out;
}

const NEXT_OPTION = /\s[a-z][a-z0-9_-]{0,31}[:：](?!\/\/)/;

/** Index of the next ` name:`, or the end of the text. */
function nextOptionStart(text: string): number {
  const m = NEXT_OPTION.exec(text);
  return m ? m.index : text.length;
}

function convert(def: APIApplicationCommandBasicOption, text: string, command: CommandModule): string | number {
  const where = `/${command.data.name} ${def.name}`;
  if (def.type === ApplicationCommandOptionType.Integer || def.type === ApplicationCommandOptionType.Number) {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n) || (def.type === ApplicationCommandOptionType.Integer && !Number.isInteger(n))) {
      throw new SlashLineError(`${where} must be a whole number, got "${text}"`);
    }
    if (def.min_value !== undefined && n < def.min_value) throw new SlashLineError(`${where} must be at least ${def.min_value}`);
    if (def.max_value !== undefined && n > def.max_value) throw new SlashLineError(`${where} must be at most ${def.max_value}`);
    return n;
  }
  if (def.type === ApplicationCommandOptionType.String) {
    // An empty value is passed on (Discord's client would refuse it) so the command's own check answers.
    if (def.max_length !== undefined && text.length > def.max_length) {
      throw new SlashLineError(`${where} can be at most ${def.max_length} characters`);
    }
    return text;
  }
  throw new SlashLineError(`${where}: the console does not support this option type`);
}
