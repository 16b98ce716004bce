// The local console: the bot's commands without Discord.
//   npm run cli -- index | show <id> | search "<q>" | ask "<q>" | summary <id> | timeline "<q>"
//   npm run cli -- "/search query:数据交易 limit:3"    (a slash command, as in Discord)
//   npm run cli                                         (interactive prompt)
import { UserInputError } from '../search/types.ts';
import { CliUsageError } from './args.ts';

const USAGE = `usage: npm run cli -- <command>
  index [--corpus DIR] [--json]                 load the corpus: files skipped, paragraphs removed per rule
  show <id> [--corpus DIR] [--json]             print one cleaned article and what was removed
  search "<query>" [--limit N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--source S] [--sort newest] [--json] [--batch]
  ask "<question>" [--json] [--batch]
  summary <id> [--json]
  timeline "<query>" [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--source S] [--json] [--png FILE]
  "/<slash command> option:value …"             run a bot command, e.g. "/ask question:工信部部长是谁？"
  (no arguments)                                interactive prompt`;

// `npm run cli -- index | head`: a reader that stops reading is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    const { runInteractiveConsole } = await import('./console.ts');
    return runInteractiveConsole();
  }
  if (command.startsWith('/')) {
    const { runSlashLine } = await import('./console.ts');
    return runSlashLine(argv.join(' '));
  }
  switch (command) {
    case 'index':
    case 'show': {
      const { runIndex, runShow } = await import('./corpus-commands.ts');
      return command === 'index' ? runIndex(rest) : runShow(rest);
    }
    case 'search':
    case 'ask': {
      const { runSearch } = await import('./search-commands.ts');
      return runSearch(rest, command);
    }
    case 'summary': {
      const { runSummary } = await import('./search-commands.ts');
      return runSummary(rest);
    }
    case 'timeline': {
      const { runTimeline } = await import('./search-commands.ts');
      return runTimeline(rest);
    }
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Bad input is one line on stderr and a non-zero exit, never a stack trace.
    if (error instanceof UserInputError || error instanceof CliUsageError) {
      console.error(`error: ${error.message}`);
      process.exitCode = error instanceof CliUsageError ? 2 : 1;
    } else {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  },
);
