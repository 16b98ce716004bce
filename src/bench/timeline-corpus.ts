// A small deterministic corpus with a topic that rises and falls over three years, for the
// /timeline tests and the README's picture: articles about the topic (in the title, several
// times in the body), articles that mention it once in passing, one dated by a dateline
// without a year and one with no date. Text around the topic is real news paragraphs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadMaterial, prng, type Material } from './synthetic.ts';

export const TIMELINE_TOPIC = '量子计算';
/** Articles about the topic per month, January 2019 to December 2021: a rise, a peak in mid-2020, a fall. */
export const TOPIC_PER_MONTH = [0, 1, 0, 1, 1, 2, 1, 2, 3, 2, 3, 4, 4, 5, 6, 8, 9, 12, 10, 7, 6, 5, 4, 4, 3, 3, 2, 3, 2, 1, 2, 1, 1, 2, 1, 1];
/** Articles mentioning the topic once in passing, spread evenly over the same months. */
export const PASSING_PER_MONTH = 2;

export interface TimelineCorpus {
  dir: string;
  about: number;
  passing: number;
  /** Files about the topic dated only by `新华社北京4月30日电`, and with no date at all. */
  yearless: number;
  undated: number;
}

function body(material: Material, rng: () => number, chars: number): string[] {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const p = material.paragraphs[Math.floor(rng() * material.paragraphs.length)]!;
    out.push(p);
    n += p.length;
  }
  return out;
}

const quoteYaml = (text: string) => `'${text.replace(/'/g, "''")}'`;

function file(title: string, date: string | null, paragraphs: string[]): string {
  const front = [`title: ${quoteYaml(title)}`, 'author: 新华社', ...(date ? [`date: ${date}`] : [])].join('\n');
  return `---\n${front}\n---\n\n${paragraphs.join('\n\n')}\n`;
}

export async function writeTimelineCorpus(dir: string, root = process.cwd()): Promise<TimelineCorpus> {
  const material = await loadMaterial(root);
  await mkdir(dir, { recursive: true });
  const rng = prng(20190101);
  const topic = TIMELINE_TOPIC;
  let about = 0;
  let passing = 0;
  const writes: Promise<void>[] = [];
  const put = (name: string, content: string) => writes.push(writeFile(path.join(dir, name), content));
  TOPIC_PER_MONTH.forEach((count, m) => {
    const year = 2019 + Math.floor(m / 12);
    const month = String((m % 12) + 1).padStart(2, '0');
    for (let i = 0; i < count + PASSING_PER_MONTH; i++) {
      const day = String(1 + Math.floor(rng() * 28)).padStart(2, '0');
      const date = `${year}-${month}-${day}`;
      const text = body(material, rng, 1500);
      if (i < count) {
        // About the topic: in the title and three times in the body.
        text.splice(1, 0, `${topic}研究取得新进展，多家机构发布${topic}路线图。`, `业内人士认为，${topic}的商业化仍需时日。`);
        put(`about-${year}${month}-${i}.md`, file(`${topic}新进展 ${year}年${Number(month)}月 第${i + 1}篇`, date, text));
        about++;
      } else {
        // A passing mention: once, in the middle of a long article on something else.
        const at = Math.floor(text.length / 2);
        text[at] = `${text[at]!}此外，会上也提到了${topic}等前沿领域。`;
        put(
          `passing-${year}${month}-${i}.md`,
          file(material.titles[Math.floor(rng() * material.titles.length)]!, date, [...text, ...body(material, rng, 1500)]),
        );
        passing++;
      }
    }
  });
  put(
    'yearless.md',
    file(`${topic}专家研讨会召开`, null, [
      `新华社北京4月30日电 ${topic}专家研讨会今天召开。`,
      `与会专家讨论了${topic}的发展方向，认为${topic}将改变计算方式。`,
    ]),
  );
  put('undated.md', `# ${topic}科普：什么是量子比特\n\n${topic}利用量子叠加。${topic}的基本单位是量子比特。\n`);
  await Promise.all(writes);
  return { dir, about, passing, yearless: 1, undated: 1 };
}
