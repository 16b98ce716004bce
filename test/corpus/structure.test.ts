// Plain paragraphs read as headings: short (counted in characters, not UTF-16 units),
// unpunctuated, and followed by a longer body paragraph.
import { describe, expect, it } from 'vitest';
import type { RawParagraph } from '../../src/corpus/article.ts';
import { inferStructure } from '../../src/corpus/structure.ts';

const text = (t: string): RawParagraph => ({ text: t, kind: 'text', afterImage: false });
const BODY = text('这是一段足够长的正文，说明上面那一行是它的小标题，而不是一句独立的话。'.repeat(4));

describe('inferStructure', () => {
  it('reads a line of up to 30 characters as a heading, however many UTF-16 units they take', () => {
    const kinds = (line: string) => inferStructure([text(line), BODY]).map((p) => p.kind)[0];
    // 𠀀 is outside the BMP: 30 of them are 60 units, 31 are 62.
    expect(['资本流动的背景', '𠀀'.repeat(30), '资'.repeat(30)].map(kinds)).toEqual(['heading', 'heading', 'heading']);
    expect(['𠀀'.repeat(31), '资'.repeat(31), '资'.repeat(61)].map(kinds)).toEqual(['text', 'text', 'text']);
  });
});
