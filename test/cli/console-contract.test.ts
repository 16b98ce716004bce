// The console contract the benchmarks and scripts rely on: `npm run cli -- …` as a child
// process, its output, and its exit codes.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/discord/i18n.ts';
import { REPO } from '../helpers.ts';

function cli(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

// Each case starts fresh processes (tsx, the corpus, discord.js): slow on a busy machine.
const PROCESS_TIMEOUT_MS = 180_000;

describe('npm run cli', { timeout: PROCESS_TIMEOUT_MS }, () => {
  it('index --json prints the article count, the skipped files and the time', async () => {
    const { code, stdout } = await cli(['index', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { articles: number; skipped: unknown[]; ms: number };
    expect(report.articles).toBe(5);
    expect(report.skipped).toEqual([]);
    expect(report.ms).toBeGreaterThanOrEqual(0);
  });

  it('search --batch answers one JSON line per query, loads once, and reports a bad query without stopping', async () => {
    const { code, stdout } = await cli(['search', '--batch', '--limit', '2'], '肖亚庆\n   \n5G\n是什么\n');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            query: string;
            tookMs: number;
            error?: string;
            results?: { id: string; excerpt: { text: string; highlights: { start: number; end: number }[] } }[];
          },
      );
    expect(lines.map((l) => l.query)).toEqual(['肖亚庆', '   ', '5G', '是什么']);
    expect(lines[0]!.results!.length).toBe(2);
    const { text, highlights } = lines[0]!.results![0]!.excerpt;
    expect(highlights.length).toBeGreaterThan(0);
    expect(highlights.map((s) => text.slice(s.start, s.end)).join('')).toMatch(/肖亚庆|肖亞慶/);
    expect(lines[1]!.error).toMatch(/empty/);
    expect(lines[2]!.results!.length).toBeGreaterThan(0);
    expect(lines[3]!.error).toMatch(/stop words/);
    for (const line of lines) expect(typeof line.tookMs).toBe('number');
  });

  it('ask --json gives the best answers first', async () => {
    const { code, stdout } = await cli(['ask', '工信部部长是谁？', '--json']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as { results: { id: string; title: string; date: unknown; source: string; score: number }[] };
    expect(answer.results.length).toBeGreaterThan(0);
    const scores = answer.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('search, ask and summary print what the slash commands reply', async () => {
    const pairs: [string[], string][] = [
      [['search', '肖亚庆', '--limit', '1'], '/search query:肖亚庆 limit:1'],
      [['ask', '工信部部长是谁？'], '/ask question:工信部部长是谁？'],
      [['summary', '001_726417858a363bf0.txt'], '/summary article:001_726417858a363bf0.txt'],
    ];
    for (const [verb, slash] of pairs) {
      const [spelled, direct] = await Promise.all([cli(verb), cli([slash])]);
      expect(spelled.code).toBe(0);
      expect(spelled.stdout.length).toBeGreaterThan(20);
      expect(spelled.stdout).toBe(direct.stdout);
    }
  });

  it('bad input is one line on stderr and a non-zero exit code', async () => {
    const empty = await cli(['search', '  ']);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    expect(empty.stderr).toContain(t('zh-CN', 'input.empty-query'));

    const unknown = await cli(['summary', 'nope.txt']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(t('zh-CN', 'input.unknown-article'));

    const badDate = await cli(['search', '数据', '--from', 'yesterday']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain(t('zh-CN', 'input.bad-date'));

    const usage = await cli(['frobnicate']);
    expect(usage.code).toBe(2);
  });

  it('a 6,000-character query is answered', async () => {
    const long = '工业互联网平台建设与数据交易'.repeat(430).slice(0, 6000);
    const { code, stdout } = await cli(['search', long, '--json', '--limit', '1']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { results: unknown[] }).results).toHaveLength(1);
  });
});
