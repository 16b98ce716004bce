// Before the corpus loads, and beside it: is DISCORD_TOKEN accepted and the API reachable?
// A wrong setting is one line that names it, at once, not a stack trace after the whole
// corpus has loaded.
import { DiscordAPIError, DiscordjsErrorCodes, REST, Routes } from 'discord.js';
import type { Config } from '../config/env.ts';

/** A setting that stops the bot from starting; its message is the one line to print. */
export class StartupError extends Error {
  override name = 'StartupError';
}

const CHECK_TIMEOUT_MS = 15_000;
const DEFAULT_API = 'https://discord.com/api';

/** Asks Discord who the token belongs to; throws StartupError for a refused token or an unreachable API. */
export async function checkDiscordAccess(config: Pick<Config, 'token' | 'apiUrl'>, timeoutMs = CHECK_TIMEOUT_MS): Promise<void> {
  const rest = new REST({ retries: 0, timeout: timeoutMs, ...(config.apiUrl && { api: config.apiUrl }) }).setToken(config.token ?? '');
  try {
    await rest.get(Routes.user());
  } catch (err) {
    const problem = startupProblem(err, config.apiUrl);
    // Anything else (a 5xx, a rate limit) is not a wrong setting: the login retries it.
    if (problem) throw problem;
  }
}

/** The one-line StartupError for a refused token or an unreachable API, else null. */
export function startupProblem(err: unknown, apiUrl: string | null): StartupError | null {
  if (err instanceof StartupError) return err;
  const status = err instanceof DiscordAPIError ? err.status : null;
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : null;
  if (status === 401 || status === 403 || code === DiscordjsErrorCodes.TokenInvalid) {
    return new StartupError(
      `DISCORD_TOKEN was refused by Discord${status ? ` (${status})` : ''}: reset it on the developer portal (Bot → Reset Token) and put the new one in .env.`,
    );
  }
  if (status === null && err instanceof Error && isNetworkError(err)) {
    const inner = err.cause instanceof Error ? (err.cause as NodeJS.ErrnoException) : (err as NodeJS.ErrnoException);
    const cause = inner.code ?? inner.message;
    return new StartupError(
      `Cannot reach the Discord API at ${apiUrl ?? DEFAULT_API} (${cause}): check DISCORD_API_URL (leave it empty for Discord itself) and the network.`,
    );
  }
  return null;
}

/** No answer at all: a refused or failed connection (Node's system errors), a timeout, or fetch giving up. */
function isNetworkError(err: Error): boolean {
  return 'syscall' in err || err.name === 'AbortError' || err.name === 'TimeoutError' || err.message === 'fetch failed';
}
