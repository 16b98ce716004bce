// `index` and `show`: load the corpus and report, or print one cleaned article.
import type { Article, RemovedParagraph } from '../corpus/article.ts';
import { readArticle, readCorpus } from '../search/read-corpus.ts';
import { REPEATED_RULE, RepeatedParagraphs } from '../corpus/repeated.ts';
import { CliUsageError, parseArgs } from './args.ts';
import { dateText } from '../corpus/dates.ts';
import { corpusDirFrom, corpusReadOptions } from './corpus-dir.ts';

/** `index [--corpus DIR] [--json]`: load everything, print counts and skipped files. */
export async function runIndex(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const dir = corpusDirFrom(args);
    const started = performance.now();
    const { articles, skipped, removed: removedById } = await readCorpus(dir, corpusReadOptions());
    const removedByRule = new Map<string, number>();
    for (const removed of removedById.values()) for (const { rule } of removed) removedByRule.set(rule, (removedByRule.get(rule) ?? 0) + 1);
    const repeated = repetitionIn(articles);
    for (const a of articles) {
      const hidden = a.paragraphs.filter((_, i) => repeated.repeatedCount(a, i) > 0).length;
      if (hidden > 0) removedByRule.set(REPEATED_RULE, (removedByRule.get(REPEATED_RULE) ?? 0) + hidden);
    }
    const ms = Math.round(performance.now() - started);
    const headlineOnly = articles.filter((a) => a.paragraphs.length === 0).length;
    const removed = [...removedByRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (args.flags.has('json')) {
      console.log(JSON.stringify({ articles: articles.length, headlineOnly, skipped, removedByRule: Object.fromEntries(removed), ms }, null, 2));
    } else {
      console.log(`Loaded ${articles.length} article(s) from ${dir} in ${ms} ms (${headlineOnly} headline only).`);
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
      if (removed.length > 0) {
        console.log('Paragraphs removed as site furniture, by rule (`show <id>` lists them):');
        for (const [rule, count] of removed) console.log(`  ${String(count).padStart(6)}  ${rule}`);
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
    const { article, removed } = await readArticle(dir, id, corpusReadOptions());
    // Repetition is a property of the corpus: the whole folder is read to count it.
    const repeated = repetitionIn((await readCorpus(dir, corpusReadOptions())).articles);
    article.paragraphs.forEach((text, i) => {
      const count = repeated.repeatedCount(article, i);
      if (count > 0) removed.push({ text, rule: `${REPEATED_RULE} (${count} articles of ${article.source ?? 'no source'})` });
    });
    if (args.flags.has('json')) console.log(JSON.stringify({ ...article, removed }, null, 2));
    else console.log(formatArticle(article, removed));
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

function formatArticle(a: Article, removed: RemovedParagraph[]): string {
  const p = a.provenance;
  const field = (name: string, value: string | null, rule: string | null) => `${name.padEnd(14)}${value ?? '—'}${rule ? `   [${rule}]` : ''}`;
  return [
    field('id', a.id, null),
    field('title', a.title, p.title),
    field('originalTitle', a.originalTitle, p.originalTitle),
    field('date', a.date ? `${dateText(a.date)} (${a.date.precision}, ${a.date.iso})` : null, p.date),
    field('source', a.source, p.source),
    field('url', a.url, p.url),
    field('categories', a.categories.length ? a.categories.join(' / ') : null, p.categories),
    `paragraphs    ${a.paragraphs.length}, ${a.text.length} characters${a.paragraphs.length === 0 ? ' (headline only)' : ''}`,
    ...(a.notes ?? []).map((note) => `note          ${note}`),
    '',
    ...a.paragraphs.map((text, i) => paragraphLine(text, a.kinds[i] ?? 'text', i)),
    '',
    removed.length === 0 ? 'removed       nothing' : `removed       ${removed.length} paragraph(s):`,
    ...removed.map((r) => `  - [${r.rule}] ${r.text.replace(/\s+/g, ' ').slice(0, 160)}`),
  ].join('\n');
}

/** `[3] text`, `[4 heading] …`; code keeps its lines, indented under its number. */
function paragraphLine(text: string, kind: string, i: number): string {
  const label = kind === 'text' ? `[${i + 1}]` : `[${i + 1} ${kind}]`;
  return kind === 'code' ? `${label}\n${text.replace(/^/gm, '    ')}` : `${label} ${text}`;
}

function repetitionIn(articles: Article[]): RepeatedParagraphs {
  const repeated = new RepeatedParagraphs();
  for (const a of articles) repeated.add(a);
  return repeated;
}

function reportError(err: unknown): number {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  console.error(`error: ${message}`);
  return err instanceof CliUsageError ? 2 : 1;
}
