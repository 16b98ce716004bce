// `index` and `show`: load the corpus and report, or print one cleaned article.
import type { Article } from '../corpus/article.ts';
import { loadArticleFile, loadCorpus } from '../corpus/load.ts';
import { CliUsageError, parseArgs, stringFlag } from './args.ts';
import { dateText } from '../corpus/dates.ts';
import { corpusDirFrom, corpusReadOptions } from './corpus-dir.ts';

/** `index [--corpus DIR] [--json]`: load everything, print counts and skipped files. */
export async function runIndex(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const dir = corpusDirFrom(args);
    const started = performance.now();
    const { articles, skipped } = await loadCorpus(dir, corpusReadOptions());
    const ms = Math.round(performance.now() - started);
    if (args.flags.has('json')) {
      console.log(JSON.stringify({ articles: articles.length, skipped, ms }, null, 2));
    } else {
      console.log(`Loaded ${articles.length} article(s) from ${dir} in ${ms} ms.`);
      const notes = articles.flatMap((a) => (a.notes ?? []).map((note) => `${a.id}: ${note}`));
      if (notes.length > 0) {
        console.log(`Corrected ${notes.length} thing(s):`);
        for (const note of notes) console.log(`  ${note}`);
      }
      if (skipped.length === 0) console.log('No files skipped.');
      else {
        console.log(`Skipped ${skipped.length} file(s):`);
        for (const s of skipped) console.log(`  ${s.file}: ${s.reason}`);
      }
    }
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

/** `show <id> [--corpus DIR] [--json]`: print one cleaned article with provenance. */
export async function runShow(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const id = args.positional[0];
    if (!id) throw new CliUsageError('usage: show <id> [--corpus DIR] [--json]');
    const dir = corpusDirFrom(args);
    const article = await loadArticleFile(dir, id, corpusReadOptions());
    if (args.flags.has('json')) console.log(JSON.stringify(article, null, 2));
    else console.log(formatArticle(article));
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

function formatArticle(a: Article): string {
  const p = a.provenance;
  const field = (name: string, value: string | null, rule: string | null) =>
    `${name.padEnd(14)}${value ?? '—'}${rule ? `   [${rule}]` : ''}`;
  return [
    field('id', a.id, null),
    field('title', a.title, p.title),
    field('originalTitle', a.originalTitle, p.originalTitle),
    field('date', a.date ? `${dateText(a.date)} (${a.date.precision}, ${a.date.iso})` : null, p.date),
    field('source', a.source, p.source),
    field('url', a.url, p.url),
    field('categories', a.categories.length ? a.categories.join(' / ') : null, p.categories),
    `paragraphs    ${a.paragraphs.length}, ${a.text.length} characters`,
    ...(a.notes ?? []).map((note) => `note          ${note}`),
    '',
    ...a.paragraphs.map((text, i) => `[${i + 1}] ${text}`),
  ].join('\n');
}

function reportError(err: unknown): number {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  console.error(`error: ${message}`);
  return err instanceof CliUsageError ? 2 : 1;
}
