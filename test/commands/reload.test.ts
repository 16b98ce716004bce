// /reload on a copy of the seeds that the test changes between reloads.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/library.ts';
import type { Library } from '../../src/search/types.ts';
import { SEEDS } from '../helpers.ts';
import { PRIVATE, run } from './helpers.ts';

const MOD_ROLE = '223456789012345678';
let dir: string;
let library: Library;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reload-cmd-'));
  cpSync(SEEDS, path.join(dir, 'corpus'), { recursive: true });
  library = await openLibrary({ corpusDir: path.join(dir, 'corpus') });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('/reload', () => {
  it('is refused to a member who is not a moderator, privately', async () => {
    const { code, text } = await run('/reload', { library, moderator: false });
    expect(code).toBe(1);
    expect(text).toBe(`${PRIVATE} 只有管理员可以使用这个命令。`);
  });

  it('with MODERATOR_ROLE_IDS, needs one of those roles', async () => {
    const without = await run('/reload', { library, moderator: false, moderatorRoleIds: [MOD_ROLE] });
    expect(without.code).toBe(1);
    const withRole = await run('/reload', { library, moderator: true, moderatorRoleIds: [MOD_ROLE] });
    expect(withRole.code).toBe(0);
  });

  it('reports added, changed and removed files and the time taken, privately', async () => {
    const corpus = path.join(dir, 'corpus');
    const changed = path.join(corpus, '003_8f758f42e5038562.txt');
    writeFileSync(changed, readFileSync(changed, 'utf8') + '\n补充一段新的文字，关于数据要素市场。\n');
    writeFileSync(path.join(corpus, '900_new.txt'), '新文章标题\n\n新华社北京5月1日电 这是一篇新加入语料的文章，讲的是数据交易所的建设。\n');
    rmSync(path.join(corpus, '004_c22cbfc4fcc6f316.txt'));
    const { code, text } = await run('/reload', { library });
    expect(code).toBe(0);
    expect(text.startsWith(PRIVATE)).toBe(true);
    expect(text).toContain('新增: 1   修改: 1   删除: 1   失败: 0');
    expect(text).toMatch(/用时 \d+ 毫秒/);
    expect(text).toContain('现有 5 篇文章');
  });

  it('lists a file that failed with its reason', async () => {
    const corpus = path.join(dir, 'corpus');
    writeFileSync(path.join(corpus, '901_empty.txt'), '');
    const { text } = await run('/reload', { library, locale: 'en-US' });
    expect(text).toContain('Failed: 1');
    expect(text).toMatch(/Failed files:\n.*901_empty\.txt — \S/);
    rmSync(path.join(corpus, '901_empty.txt'));
  });

  it('a reload that fails says why and keeps the old index', async () => {
    const corpus = path.join(dir, 'corpus');
    renameSync(corpus, corpus + '-moved');
    try {
      const { code, text } = await run('/reload', { library });
      expect(code).toBe(0);
      expect(text).toContain('重新加载失败');
      expect(text).toContain('旧的索引仍在使用');
      const search = await run('/search query:数据交易所', { library });
      expect(search.text).toContain('新文章标题');
    } finally {
      renameSync(corpus + '-moved', corpus);
    }
  });
});
