// A deterministic synthetic corpus for the scale benchmark and tests: real paragraphs from
// the seeds, the corpus samples and the CMRC 2018 trial contexts, recombined into articles
// of about 2,000 characters in the formats the bot reads (Sina HTML with its boilerplate,
// Markdown with front matter, plain text with a title line).
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { parseArticle } from '../corpus/load.ts';

/** mulberry32: small, fast and the same everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

export interface Material {
  paragraphs: string[];
  titles: string[];
  questions: string[];
}

const SOURCES = ['新浪财经', '每经网', '智通财经', '新华社', '中国新闻网', '澎湃新闻', '第一财经', '界面新闻', '财联社', '证券时报', '人民网', '央视新闻'];
const EDITORS = ['蒋晓桐', '刘万里', '王馨茹', '张俊', '李铁民', '郭明煜'];

function firstExisting(...dirs: string[]): string | null {
  return dirs.find((d) => existsSync(d)) ?? null;
}

/** Splits a long CMRC context into paragraphs of a few sentences, as news is written. */
function splitContext(context: string): string[] {
  const sentences = context.match(/[^。！？]+[。！？]?/g) ?? [context];
  const out: string[] = [];
  let current = '';
  for (const s of sentences) {
    current += s;
    if (current.length > 120) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Reads the real text the synthetic articles are made of. */
export async function loadMaterial(root = process.cwd()): Promise<Material> {
  const paragraphs: string[] = [];
  const titles: string[] = [];
  const questions: string[] = [];
  const samples = firstExisting(path.join(root, 'test/fixtures/corpus-samples'), path.resolve(root, '../shared/corpus-samples'));
  for (const dir of [path.join(root, 'seeds'), samples]) {
    if (!dir || !existsSync(dir)) continue;
    for (const name of (await readdir(dir)).sort()) {
      if (!/\.(md|txt|html)$/.test(name) || name === 'SOURCES.md') continue;
      try {
        const article = parseArticle(name, await readFile(path.join(dir, name)));
        if (article.title) titles.push(article.title);
        paragraphs.push(...article.paragraphs.filter((p) => p.length >= 20));
      } catch {
        // A sample that does not parse adds nothing to the material.
      }
    }
  }
  const cmrc = path.resolve(root, '../shared/bench/cmrc2018_trial.json');
  if (existsSync(cmrc)) {
    const squad = JSON.parse(await readFile(cmrc, 'utf8')) as {
      data: { title: string; paragraphs: { context: string; qas: { question: string }[] }[] }[];
    };
    for (const doc of squad.data) {
      titles.push(doc.title);
      for (const p of doc.paragraphs) {
        paragraphs.push(...splitContext(p.context));
        questions.push(...p.qas.map((q) => q.question));
      }
    }
  }
  if (paragraphs.length === 0) throw new Error('no material for the synthetic corpus: seeds/ and ../shared are missing');
  return { paragraphs, titles, questions };
}

interface Draft {
  title: string;
  source: string;
  date: Date;
  paragraphs: string[];
}

function draft(rng: Rng, material: Material, targetChars: number, serial: number): Draft {
  const paragraphs: string[] = [];
  let chars = 0;
  const target = targetChars * (0.8 + 0.4 * rng());
  while (chars < target) {
    const p = pick(rng, material.paragraphs);
    paragraphs.push(p);
    chars += p.length;
  }
  const start = Date.UTC(2018, 0, 1);
  const date = new Date(start + Math.floor(rng() * 6 * 365 * 86400) * 1000);
  const suffix = rng() < 0.5 ? `（${(serial % 97) + 1}）` : `：${pick(rng, material.titles).slice(0, 8)}`;
  return { title: pick(rng, material.titles) + suffix, source: pick(rng, SOURCES), date, paragraphs };
}

const quoteYaml = (text: string) => `'${text.replace(/'/g, "''")}'`;
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function sinaHtml(d: Draft, rng: Rng): string {
  const body = d.paragraphs.map((p) => `<p cms-style="font-L">\u3000\u3000<font cms-style="font-L">${escapeHtml(p)}</font></p>`).join('\n');
  return `
---
title: ${quoteYaml(d.title)}
categories: 
 - 金融
 - ${d.source}
author: ${d.source}
comments: false
date: ${d.date.toUTCString()}
---

<div>   
<p class="ori_titlesource">\u3000\u3000原标题：${escapeHtml(d.title)}</p>
${body}
<!--article_adlist[<p cms-style="font-M align-right"><font cms-style="font-M align-right color240">举报/反馈</font></p>]article_adlist--><!-- news_keyword_pub,stock, -->
<!-- 文末二维码 start -->
            <style>
            .appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;
            .appendQr_normal_txt&#123;float:left;font-size:20px;line-height:74px;padding-left:20px;color:#333;&#125;
            </style>
            <div class="clearfix appendQr_wrap">
                <div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div>
            </div>
<p class="article-editor">责任编辑：${pick(rng, EDITORS)} </p>
</div>
`;
}

function markdown(d: Draft): string {
  return `---\ntitle: ${quoteYaml(d.title)}\nauthor: ${d.source}\ndate: ${d.date.toISOString()}\n---\n\n${d.paragraphs.join('\n\n')}\n`;
}

function plainText(d: Draft): string {
  const stamp = d.date.toISOString().replace('T', ' ').slice(0, 19);
  return `${d.title}\n\n作者: ${d.source} ${stamp}\n${d.paragraphs.join('\n\n')}\n`;
}

/** One synthetic article file: its name and content. Same inputs, same bytes. */
export function syntheticArticle(material: Material, index: number, seed: number, targetChars = 2000, revision = 0): { name: string; content: string } {
  // The file's format and name depend on its index only, so a revision rewrites the same file.
  const kind = prng(seed * 1_000_003 + index * 7919)();
  const rng = prng(seed * 1_000_003 + index * 7919 + (revision + 1) * 104_729);
  const d = draft(rng, material, targetChars, index);
  const stem = String(index).padStart(6, '0');
  if (kind < 0.55) return { name: `${stem}.txt`, content: sinaHtml(d, rng) };
  if (kind < 0.7) return { name: `${stem}.md`, content: markdown(d) };
  return { name: `${stem}.txt`, content: plainText(d) };
}

export async function writeSyntheticCorpus(dir: string, material: Material, count: number, seed = 1): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const { name, content } = syntheticArticle(material, i, seed);
    await writeFile(path.join(dir, name), content);
    names.push(name);
  }
  return names;
}

/** Rewrites every `step`-th article with new content (a later revision), as an editor would. */
export async function reviseSyntheticCorpus(dir: string, material: Material, count: number, step: number, seed = 1, revision = 1): Promise<string[]> {
  const changed: string[] = [];
  for (let i = 0; i < count; i += step) {
    const { name, content } = syntheticArticle(material, i, seed, 2000, revision);
    await writeFile(path.join(dir, name), content);
    changed.push(name);
  }
  return changed;
}

export type QueryKind = 'keyword' | 'phrase' | 'paste' | 'question';

/** Characters of the `phrase` and `paste` shapes: a few words typed, a sentence or two pasted. */
export const QUERY_SHAPE_CHARS = { phrase: 20, paste: 120 } as const;

/**
 * Mixed queries, a quarter of each shape: 1–3 words cut from the material, 20 characters of
 * its text, 120 characters of it pasted, and CMRC questions (asked, not searched).
 */
export function syntheticQueries(material: Material, count: number, seed = 7): { kind: QueryKind; text: string }[] {
  const rng = prng(seed);
  const out: { kind: QueryKind; text: string }[] = [];
  /** `chars` characters of the material, starting anywhere in a paragraph, running into the next ones. */
  const cut = (chars: number) => {
    const first = pick(rng, material.paragraphs);
    let text = first.slice(Math.floor(rng() * first.length));
    while (text.length < chars) text += pick(rng, material.paragraphs);
    return text.slice(0, chars);
  };
  while (out.length < count) {
    const r = rng();
    if (r < 0.25) {
      const words = nodejieba.cut(pick(rng, material.paragraphs)).filter((w) => w.length >= 2 && /\p{Script=Han}/u.test(w));
      if (words.length === 0) continue;
      const n = 1 + Math.floor(rng() * 3);
      const at = Math.floor(rng() * words.length);
      out.push({ kind: 'keyword', text: words.slice(at, at + n).join(' ') });
    } else if (r < 0.5) {
      out.push({ kind: 'phrase', text: cut(QUERY_SHAPE_CHARS.phrase) });
    } else if (r < 0.75) {
      out.push({ kind: 'paste', text: cut(QUERY_SHAPE_CHARS.paste) });
    } else if (material.questions.length > 0) {
      out.push({ kind: 'question', text: pick(rng, material.questions) });
    }
  }
  return out;
}
