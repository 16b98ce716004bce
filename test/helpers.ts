// What test files across folders share: where the seed corpus is (and temporary copies of it),
// the text synthetic corpora are made of, one logger that keeps what it logs, and the context a command's handlers get
// (as the bot and the console build it).
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMaterial, type Material } from '../src/bench/synthetic.ts';
import type { CommandContext } from '../src/discord/command.ts';
import { PagingExpiry } from '../src/discord/paging-expiry.ts';
import { createLogger, type Logger } from '../src/log.ts';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
/** The seed corpus in the repository (seeds/), with a trailing slash. */
export const SEEDS = fileURLToPath(new URL('../seeds/', import.meta.url));

/** A new temporary folder; with `seeds`, holding a copy of the seed corpus. The caller removes it. */
export async function tempFolder(prefix: string, options: { seeds?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (options.seeds) await cp(SEEDS, dir, { recursive: true });
  return dir;
}

/** The seeds and the corpus samples, as texts: real articles for tests that compare two ways of doing one thing. */
export function seedAndSampleTexts(): { file: string; text: string }[] {
  return [SEEDS, path.join(REPO, 'test/fixtures/corpus-samples')].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => /\.(md|txt|html)$/.test(name))
      .map((name) => ({ file: name, text: readFileSync(path.join(dir, name), 'utf8') })),
  );
}

let material: Promise<Material> | undefined;

/** Paragraphs, titles and questions of the seeds and samples (src/bench/synthetic.ts), read once per test file. */
export function testMaterial(): Promise<Material> {
  return (material ??= loadMaterial(REPO));
}

/** One parsed pino line. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A logger at `level` (pino's names; 'silent' logs nothing) whose lines are kept, parsed, in `lines`. */
export function testLogger(level = 'debug'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger(level, {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
    },
  });
  return { logger, lines };
}

/**
 * The context a command's execute, autocomplete and buttons get: the given library, a silent
 * logger, no moderator roles, no commands and real paging timers, unless `options` says otherwise.
 */
export function testContext(options: Partial<CommandContext> & Pick<CommandContext, 'library'>): CommandContext {
  const logger = options.logger ?? testLogger('silent').logger;
  return { moderatorRoleIds: [], commands: [], paging: new PagingExpiry(logger), ...options, logger };
}
