import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import nodejieba from 'nodejieba';

const pkgDir = path.dirname(createRequire(import.meta.url).resolve('nodejieba/package.json'));

describe('toolchain', () => {
  it('loads the nodejieba native addon', () => {
    expect(nodejieba.cut('工业互联网')).toContain('互联网');
  });

  it('builds nodejieba with one dictionary: the TextRank extractor shares the Jieba instance’s', () => {
    const source = readFileSync(path.join(pkgDir, 'lib', 'nodejieba.cpp'), 'utf8');
    expect(source).toContain('new cppjieba::TextRankExtractor(*_jieba_handle, stopWordsPath)');
    expect(source).not.toMatch(/TextRankExtractor\(dictPath/);
    // The addon in use was built from that source, not left over from before the fix.
    const binary = statSync(path.join(pkgDir, 'build', 'Release', 'nodejieba.node'));
    expect(binary.mtimeMs).toBeGreaterThanOrEqual(statSync(path.join(pkgDir, 'lib', 'nodejieba.cpp')).mtimeMs);
  });

  it('still extracts TextRank keywords with the shared dictionary', () => {
    const text = '工业互联网是新一代信息技术与制造业深度融合的产物，工业互联网平台推动制造业数字化转型。';
    const words = nodejieba.textRankExtract(text, 3).map((k: { word: string }) => k.word);
    expect(words.length).toBeGreaterThan(0);
    expect(words.some((w: string) => text.includes(w))).toBe(true);
  });
});
