// The CMRC 2018 trial set as a corpus: one file per passage, its title in the front matter.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface CmrcQuestion {
  question: string;
  /** Article id of the passage that answers it. */
  articleId: string;
  answers: string[];
}

export interface CmrcCorpus {
  dir: string;
  passages: { id: string; title: string; context: string }[];
  questions: CmrcQuestion[];
}

interface SquadFile {
  data: { title: string; paragraphs: { id: string; context: string; qas: { question: string; answers: { text: string }[] }[] }[] }[];
}

export const DEFAULT_CMRC_PATH = path.resolve('..', 'shared', 'bench', 'cmrc2018_trial.json');

export async function writeCmrcCorpus(jsonPath = DEFAULT_CMRC_PATH): Promise<CmrcCorpus> {
  const squad = JSON.parse(await readFile(jsonPath, 'utf8')) as SquadFile;
  const dir = await mkdtemp(path.join(tmpdir(), 'cmrc-corpus-'));
  const passages: CmrcCorpus['passages'] = [];
  const questions: CmrcQuestion[] = [];
  for (const doc of squad.data) {
    for (const paragraph of doc.paragraphs) {
      const id = `${paragraph.id}.md`;
      passages.push({ id, title: doc.title, context: paragraph.context });
      await writeFile(path.join(dir, id), `---\ntitle: ${JSON.stringify(doc.title)}\n---\n\n${paragraph.context}\n`);
      for (const qa of paragraph.qas) {
        questions.push({ question: qa.question, articleId: id, answers: qa.answers.map((a) => a.text) });
      }
    }
  }
  return { dir, passages, questions };
}
