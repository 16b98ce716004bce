// Discord benchmark: `npm run bench:discord [-- --articles 1000] [--burst 1000] [--sequential 200]`;
// with `--sharding`, the sharding comparison instead (sharding.ts).
// The real bot, as `npm start` runs it in its own process, against the local fake Discord: for /search
// and /ask, on the seeds and on a generated corpus, one interaction at a time and as a
// burst, the time from dispatch to the first response (the 3-second deadline) and to the
// final reply. Prints a markdown table for the README.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeDiscord, type FakeDiscord, type InteractionExchange } from '../../test/fake-discord/index.ts';
import { writeCodedCorpus } from '../../test/e2e/corpus.ts';
import { SEEDS, spawnBot, TOKEN } from '../../test/e2e/helpers.ts';
import { deployCommands } from '../discord/deploy.ts';
import { loadCommands } from '../discord/registry.ts';
import { intFlag, parseArgs } from '../cli/args.ts';
import { loadMaterial, syntheticQueries } from './synthetic.ts';
import { finalMs, settled } from './exchanges.ts';
import { percentile } from './stats.ts';
import { benchSharding, shardingTable } from './sharding.ts';

const DEADLINE_MS = 3_000;
/** Option lengths the commands declare; Discord refuses longer values before the bot sees them. */
const MAX_QUERY = 200;
const MAX_QUESTION = 300;

interface Row {
  corpus: string;
  command: string;
  mode: string;
  n: number;
  firstP50: number;
  firstP99: number;
  finalP50: number;
  finalP99: number;
  /** Acknowledged after Discord's deadline, so refused: the user saw "The application did not respond". */
  late: number;
  wallMs: number;
}

function summarise(corpus: string, command: string, mode: string, exchanges: InteractionExchange[], wallMs: number): Row {
  const answered = exchanges.filter((e) => e.callback);
  const first = answered.map((e) => e.callback!.ms).sort((a, b) => a - b);
  const final = answered.map(finalMs).sort((a, b) => a - b);
  return {
    corpus,
    command,
    mode,
    n: exchanges.length,
    firstP50: percentile(first, 50),
    firstP99: percentile(first, 99),
    finalP50: percentile(final, 50),
    finalP99: percentile(final, 99),
    late: exchanges.length - answered.length + first.filter((ms) => ms > DEADLINE_MS).length,
    wallMs: Math.round(wallMs),
  };
}

async function measure(
  h: { discord: FakeDiscord },
  command: 'search' | 'ask',
  texts: string[],
  mode: 'sequential' | 'burst',
): Promise<{ exchanges: InteractionExchange[]; wallMs: number }> {
  const option = command === 'search' ? 'query' : 'question';
  const started = performance.now();
  const exchanges: InteractionExchange[] = [];
  for (const text of texts) {
    const exchange = await h.discord.sendInteraction(h.discord.slashCommand(command, { [option]: text }));
    exchanges.push(exchange);
    if (mode === 'sequential') await exchange.waitForFinal(settled, 30_000);
  }
  await Promise.all(exchanges.map((e) => e.waitForFinal(settled, 120_000)));
  return { exchanges, wallMs: performance.now() - started };
}

async function benchCorpus(
  label: string,
  corpusDir: string,
  queries: { search: string[]; ask: string[] },
  sizes: { sequential: number; burst: number },
): Promise<Row[]> {
  const discord = await startFakeDiscord({ token: TOKEN });
  // The bot in its own process, as `npm start` runs it: the fake's clock is not held up by
  // the bot's work, as real Discord's would not be.
  const bot = await spawnBot(discord, { CORPUS_DIR: corpusDir, DISCORD_GLOBAL_RATE_LIMIT: '10000' });
  await deployCommands({ token: TOKEN, clientId: discord.applicationId, guildId: discord.guild.id, apiUrl: discord.apiBase }, await loadCommands());
  const h = { discord };
  const rows: Row[] = [];
  try {
    // Warm up: the first query loads jieba's dictionary and JIT-compiles the hot paths.
    await measure(h, 'search', queries.search.slice(0, 20), 'sequential');
    await measure(h, 'ask', queries.ask.slice(0, 20), 'sequential');
    for (const command of ['search', 'ask'] as const) {
      for (const mode of ['sequential', 'burst'] as const) {
        const n = mode === 'sequential' ? sizes.sequential : sizes.burst;
        const texts = Array.from({ length: n }, (_, i) => queries[command][i % queries[command].length]!);
        const { exchanges, wallMs } = await measure(h, command, texts, mode);
        const row = summarise(label, `/${command}`, mode, exchanges, wallMs);
        rows.push(row);
        process.stderr.write(`${label} /${command} ${mode} ×${n}: first p50 ${row.firstP50} ms, final p99 ${row.finalP99} ms, over 3 s ${row.late}\n`);
      }
    }
    const rules = new Map<string, number>();
    for (const v of h.discord.violations) rules.set(v.rule, (rules.get(v.rule) ?? 0) + 1);
    if (rules.size > 0) process.stderr.write(`${label}: Discord rule violations: ${JSON.stringify(Object.fromEntries(rules))}\n`);
  } finally {
    await bot.stop();
    await discord.close();
  }
  return rows;
}

function table(rows: Row[]): string {
  const head = '| corpus | command | mode | n | first response p50 | p99 | final reply p50 | p99 | over 3 s | wall |';
  const rule = '|---|---|---|--:|--:|--:|--:|--:|--:|--:|';
  const ms = (x: number) => `${Math.round(x)} ms`;
  const lines = rows.map(
    (r) =>
      `| ${r.corpus} | ${r.command} | ${r.mode} | ${r.n} | ${ms(r.firstP50)} | ${ms(r.firstP99)} | ${ms(r.finalP50)} | ${ms(r.finalP99)} | ${r.late} | ${(r.wallMs / 1000).toFixed(1)} s |`,
  );
  return [head, rule, ...lines].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const articles = intFlag(args, 'articles') ?? 1000;
  const burst = intFlag(args, 'burst') ?? 1000;
  const sequential = intFlag(args, 'sequential') ?? 200;

  const material = await loadMaterial();
  const mixed = syntheticQueries(material, 2000);
  const search = mixed.filter((q) => q.kind !== 'question').map((q) => q.text.slice(0, MAX_QUERY));
  const ask = mixed.filter((q) => q.kind === 'question').map((q) => q.text.slice(0, MAX_QUESTION));
  const fallbackAsk = ask.length > 0 ? ask : search;

  const dir = await mkdtemp(path.join(tmpdir(), 'bench-discord-'));
  try {
    const started = performance.now();
    const coded = await writeCodedCorpus(dir, articles);
    process.stderr.write(`wrote ${articles} articles in ${Math.round(performance.now() - started)} ms\n`);
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    if (args.flags.has('sharding')) {
      const rows = await benchSharding(dir, coded, intFlag(args, 'burst') ?? 300);
      console.log(
        `\nSharding on ${articles} generated articles: the bot (npm start) and the fake Discord, Node ${process.version}, ${availableParallelism()} × ${cpu}.`,
      );
      console.log(
        'RSS after the burst; ready = spawn → "bot ready" (or "all shards ready"), tsx start-up included; burst spread over 3 guilds, one per shard.\n',
      );
      console.log(shardingTable(rows));
      return;
    }
    // On the generated corpus half the searches are article codes (one right answer each).
    const codedSearch = search.flatMap((q, i) => [q, coded[i % coded.length]!.code]);
    const rows = [
      ...(await benchCorpus('seeds (5)', SEEDS, { search, ask: fallbackAsk }, { sequential, burst })),
      ...(await benchCorpus(`generated (${articles})`, dir, { search: codedSearch, ask: fallbackAsk }, { sequential, burst })),
    ];
    console.log(
      `\nDiscord round trips: the bot (npm start) and the fake Discord in two Node ${process.version} processes, ${availableParallelism()} × ${cpu}.`,
    );
    console.log('First response = dispatch → interaction callback (Discord allows 3 s); final reply = dispatch → the edit that fills the deferred reply.\n');
    console.log(table(rows));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
