// A hostile corpus folder and stale or malformed interactions, seen from Discord: a link to
// /etc/passwd is skipped and never shown, buttons nobody handles and options of the wrong
// shape still get a private answer, and markdown in titles cannot restyle an embed title.
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/discord/i18n.ts';
import { escapeMarkdown } from '../../src/discord/format.ts';
import { CALLBACK_TYPE, type InteractionExchange, type Json, type OptionValues } from '../fake-discord/index.ts';
import { MOD_ROLE, embedsOf, isEphemeral, useHarness } from './helpers.ts';

const MARKDOWN_TITLE = '**加粗** [点我](https://evil.example) ~~删~~ 标题MDX';

/** Everything any reply of the exchange shows, unescaped. */
const shown = (exchange: InteractionExchange) => exchange.text.replace(/\\/g, '');

/** A link to /etc/passwd and to /etc, a title full of markdown, implausible dates and UTF-16 without a BOM. */
async function writeHostileFiles(dir: string): Promise<void> {
  await symlink('/etc/passwd', path.join(dir, 'passwd.txt'));
  await symlink('/etc', path.join(dir, 'etcdir'));
  await writeFile(path.join(dir, 'markdown-title.md'), `---\ntitle: '${MARKDOWN_TITLE}'\n---\n\n这篇文章的标题带有 Markdown 标记，正文普通。\n`);
  await writeFile(path.join(dir, 'far-future.md'), `---\ntitle: '来自未来的文章'\ndate: 9999-12-31\n---\n\n未来正文。\n`);
  await writeFile(path.join(dir, 'long-ago.md'), `---\ntitle: '很久以前的文章'\ndate: 1900-01-01\n---\n\n旧日正文。\n`);
  await writeFile(path.join(dir, 'utf16.txt'), Buffer.from('无字节序标记的文章\n这篇文章用 UTF-16LE 保存，没有 BOM。\n', 'utf16le'));
}

describe('a corpus folder with links out of it, and a title full of markdown', () => {
  const h = useHarness({ tempCorpus: { prefix: 'e2e-hostile-', seeds: true, fill: writeHostileFiles }, logLevel: 'warn' });
  const run = (name: string, options: OptionValues = {}, invoker = {}): Promise<InteractionExchange> => h.command(name, options, invoker, 20_000);

  describe('a link out of the corpus folder', () => {
    it('is skipped with a reason in /sources and /reload, and never shown by /search, /summary or autocomplete', async () => {
      expect(h.bot.library.stats().articles).toBe(9);
      const sources = shown(await run('sources'));
      expect(sources).toMatch(/passwd\.txt — symbolic link to a path outside the corpus folder/);
      expect(sources).toMatch(/etcdir — symbolic link to a path outside the corpus folder/);

      const seen: string[] = [];
      for (const query of ['root', 'bin bash', 'daemon', 'nologin']) {
        const search = shown(await run('search', { query }));
        expect(search).toContain(t('zh-CN', 'search.none', { query }));
        seen.push(search);
      }
      const summary = await run('summary', { article: 'passwd.txt' });
      expect(isEphemeral(summary.original)).toBe(true);
      expect(summary.original?.content).toBe(t('zh-CN', 'input.unknown-article'));
      seen.push(shown(summary), shown(await run('summary', { article: 'etcdir/passwd' })));
      const complete = await h.discord.sendInteraction(h.discord.autocomplete('summary', { article: 'root' }, 'article'));
      await complete.firstResponse();
      seen.push(JSON.stringify(complete.choices));

      const reload = shown(await run('reload', {}, { roles: [MOD_ROLE] }));
      expect(reload).toMatch(/passwd\.txt — symbolic link to a path outside/);
      seen.push(shown(await run('search', { query: 'root' })));
      for (const text of seen) expect(text).not.toMatch(/root:x:0:0|\/bin\/|\/sbin\//);
    });
  });

  describe('interactions the bot has no handler for, or of the wrong shape', () => {
    it('a button left by a removed command is acknowledged privately within 3 s', async () => {
      const press = await h.discord.sendInteraction(h.discord.buttonPress('removedcmd:page:2', { id: '123456789012345678', content: 'old message' }));
      await press.waitForFinal();
      expect(press.callback?.type).toBe(CALLBACK_TYPE.ChannelMessageWithSource);
      expect(press.callback!.ms).toBeLessThan(3_000);
      expect(isEphemeral(press.original)).toBe(true);
      expect(press.original?.content).toBe(t('zh-CN', 'component.unknown'));
    });

    it('a select menu nobody handles is acknowledged too', async () => {
      const payload = h.discord.buttonPress('oldmenu:pick', { id: '123456789012345679', content: 'old message' });
      payload.data.component_type = 3;
      payload.data.values = ['a'];
      const press = await (await h.discord.sendInteraction(payload)).waitForFinal();
      expect(isEphemeral(press.original)).toBe(true);
      expect(press.original?.content).toBe(t('zh-CN', 'component.unknown'));
    });

    it('a missing required option, or one of another type, gets a private message naming it', async () => {
      const missing = await run('search', {});
      expect(isEphemeral(missing.original)).toBe(true);
      expect(missing.original?.content).toBe(t('zh-CN', 'input.missing-option', { name: 'query' }));

      const payload = h.discord.slashCommand('search', { query: '工业互联网' });
      (payload.data.options as Json[])[0]!.type = 4; // an integer where a string is declared
      const mistyped = await (await h.discord.sendInteraction(payload)).waitForFinal();
      expect(isEphemeral(mistyped.original)).toBe(true);
      expect(mistyped.original?.content).toBe(t('zh-CN', 'input.option-type', { name: 'query' }));
      expect(h.logs.filter((l) => l.msg === 'command failed')).toEqual([]);
    });
  });

  describe('odd but readable files', () => {
    it('UTF-16 without a BOM is found; dates before 1970 or in the future are unknown, reported, and do not stretch /sources', async () => {
      expect(shown(await run('search', { query: '字节序标记' }))).toContain('无字节序标记的文章');
      const sources = await run('sources');
      expect(sources.text).not.toMatch(/1900|9999/);
      const notes = h.logs.find((l) => l.msg.startsWith('articles loaded with corrections'));
      expect(notes?.notes).toEqual([
        'far-future.md: implausible date 9999-12-31 treated as unknown',
        'long-ago.md: implausible date 1900-01-01 treated as unknown',
      ]);
    });
  });

  describe('markdown in embed titles', () => {
    it('/search shows the query and /summary the article title escaped', async () => {
      const query = '**MDX** [x](https://evil.example)';
      const search = await run('search', { query });
      expect(embedsOf(search.original)[0]?.title).toBe(t('zh-CN', 'search.title', { query: escapeMarkdown(query) }));

      const summary = await run('summary', { article: 'markdown-title.md' });
      expect(embedsOf(summary.original)[0]?.title).toBe(escapeMarkdown(MARKDOWN_TITLE));
    });
  });
});

describe('an empty corpus folder', () => {
  const h = useHarness({ tempCorpus: { prefix: 'e2e-empty-' } });

  it('is a warning naming the folder at start-up, and /sources says so', async () => {
    expect(h.logs.find((l) => l.msg.startsWith('no articles in the corpus folder'))).toMatchObject({ level: 40, dir: h.corpusDir });
    const sources = await h.command('sources', {}, {}, 20_000);
    expect(embedsOf(sources.original)[0]?.description).toBe(t('zh-CN', 'sources.empty'));
    expect(h.discord.violations).toEqual([]);
  });
});
