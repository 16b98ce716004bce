// One huge or pathological article costs only its own time: a 50 MB file, 100,000 nested
// <div>s and a 1.5 MB text arrive in the folder, and /help, /search and /ask sent during the
// /reload that reads them are all answered within Discord's 3 seconds. The files are made
// in a temp folder by the test, never committed.
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/discord/i18n.ts';
import type { InteractionExchange } from '../fake-discord/index.ts';
import { MOD_ROLE, useHarness } from './helpers.ts';

const SENTENCE = '这是一个重复了很多次的句子，用来检查一篇巨大的文章会不会拖慢所有人。\n';

/** `bytes` of text made of SENTENCE, written in chunks so the test never holds it all. */
async function writeBigText(file: string, bytes: number, title: string): Promise<void> {
  const handle = await open(file, 'w');
  const chunk = Buffer.from(SENTENCE.repeat(Math.ceil((1 << 20) / Buffer.byteLength(SENTENCE))));
  await handle.write(`${title}\n`);
  for (let written = 0; written < bytes; written += chunk.length) await handle.write(chunk);
  await handle.close();
}

describe('a 50 MB file, 100,000 nested divs and a 1.5 MB article', () => {
  const h = useHarness({ tempCorpus: { prefix: 'e2e-big-', seeds: true } });

  it('leave /help, /search and /ask answered within 3 s during the /reload that reads them', async () => {
    await writeBigText(path.join(h.corpusDir, 'huge.txt'), 50 << 20, '巨大的文章');
    await writeBigText(path.join(h.corpusDir, 'long.txt'), 1_500_000, '很长的文章');
    await writeFile(path.join(h.corpusDir, 'nested.html'), '<div>'.repeat(100_000) + '嵌套正文' + '</div>'.repeat(100_000));

    const send = async (name: string, options = {}, invoker = {}) => h.discord.sendInteraction(h.discord.slashCommand(name, options, invoker));
    const reload = await send('reload', {}, { roles: [MOD_ROLE] });
    const others: InteractionExchange[] = [];
    const reloadDone = reload.waitForFinal(undefined, 60_000);
    let finished = false;
    void reloadDone.then(() => (finished = true));
    // Keep asking until the reload has answered: every one must be acknowledged in time.
    for (let round = 0; !finished && round < 300; round++) {
      others.push(await send('help'), await send('search', { query: '工业互联网' }), await send('ask', { question: '工信部部长是谁？' }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await reloadDone;
    await Promise.all(others.map((e) => e.waitForFinal(undefined, 30_000)));

    const report = reload.text.replace(/\\/g, '');
    expect(report).toMatch(/huge\.txt — file is 50 MB, over the 5 MB limit \(CORPUS_MAX_FILE_MB\)/);
    expect(report).toMatch(/nested\.html — HTML nested more than 200 elements deep \(CORPUS_MAX_HTML_DEPTH\)/);
    expect(report).toContain(`${t('zh-CN', 'reload.added')}\n1`);
    const firstResponses = others.map((e) => e.callback!.ms);
    console.log(`${others.length} interactions during the reload; first response max ${Math.max(...firstResponses)} ms`);
    expect(others.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...firstResponses)).toBeLessThan(3_000);
    expect(others.filter((e) => e.text === '')).toEqual([]);

    // The long article is indexed, cut to its first 100,000 characters, and found.
    const found = await (await send('search', { query: '重复了很多次的句子' })).waitForFinal();
    expect(found.text).toContain('很长的文章');
    expect(h.bot.library.summary('long.txt').chars).toBeLessThanOrEqual(100_000);
    expect(h.discord.violations).toEqual([]);
  }, 120_000);
});
