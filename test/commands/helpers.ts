// Runs console lines against the real commands and the real library, collecting the text.
import { ConsoleSession, type ConsoleOptions } from '../../src/cli/console.ts';

export interface Run {
  code: number;
  text: string;
}

export async function session(options: ConsoleOptions): Promise<{ session: ConsoleSession; out: string[] }> {
  const out: string[] = [];
  const s = await ConsoleSession.open({ bold: 'ansi', ...options, write: (text) => out.push(text) });
  return { session: s, out };
}

/** One line in a fresh session: the exit code and everything printed. */
export async function run(line: string, options: ConsoleOptions): Promise<Run> {
  const { session: s, out } = await session(options);
  try {
    const code = await s.run(line);
    return { code, text: out.join('\n') };
  } finally {
    s.close();
  }
}

export const PRIVATE = '(only you can see this)';

/** Text as the console shows a match on a terminal. */
export const bold = (text: string) => `\x1b[1m${text}\x1b[22m`;
