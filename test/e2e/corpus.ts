// A deterministic corpus for e2e tests and the Discord benchmark: real paragraphs from the
// seeds and samples (plus CMRC when ../shared is there) recombined into articles, each with
// a unique code in its title, so a search for the code has exactly one right answer.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prng, type Material } from '../../src/bench/synthetic.ts';
import { titleLink } from '../../src/discord/format.ts';
import { testMaterial } from '../helpers.ts';

export interface CodedArticle {
  /** Unique Latin code in the title, e.g. `BT0042`: the query that must find this article. */
  code: string;
  title: string;
  file: string;
}

export const codeOf = (index: number): string => `BT${String(index).padStart(4, '0')}`;

/** The article's file content; a later `revision` gives it another title and text. */
function articleText(m: Material, index: number, revision: number): { title: string; content: string } {
  const rng = prng(index * 7919 + revision * 104_729 + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const base = pick(m.titles).replace(/\s+/g, ' ').slice(0, 60);
  const title = `${codeOf(index)} ${revision > 0 ? `修订${revision} ` : ''}${base}`;
  const paragraphs: string[] = [];
  let chars = 0;
  while (chars < 1200) {
    const p = pick(m.paragraphs);
    paragraphs.push(p);
    chars += p.length;
  }
  const date = new Date(Date.UTC(2018, 0, 1) + Math.floor(rng() * 5 * 365) * 86_400_000).toISOString().slice(0, 10);
  const source = pick(['新华社', '新浪财经', '每经网', '澎湃新闻', '第一财经', '人民网']);
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return { title, content: `---\ntitle: ${quote(title)}\nauthor: ${source}\ndate: ${date}\n---\n\n${paragraphs.join('\n\n')}\n` };
}

/** Writes articles `from` … `from + count - 1` into `dir`. */
export async function writeCodedCorpus(dir: string, count: number, options: { from?: number; revision?: number } = {}): Promise<CodedArticle[]> {
  const m = await testMaterial();
  const out: CodedArticle[] = [];
  for (let i = options.from ?? 0; i < (options.from ?? 0) + count; i++) {
    const { title, content } = articleText(m, i, options.revision ?? 0);
    const file = `${codeOf(i)}.md`;
    await writeFile(path.join(dir, file), content);
    out.push({ code: codeOf(i), title, file });
  }
  return out;
}

/** How the bot shows the article as the first hit of a /search reply. */
export function firstHitLine(article: CodedArticle): string {
  return `**1.** ${titleLink(article.title, null)}`;
}
