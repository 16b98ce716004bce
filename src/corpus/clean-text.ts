// Line-level cleaning shared by the HTML and plain-text paths. Display text keeps the
// article's own script: nothing here converts traditional to simplified.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  middot: '·',
  copy: '©',
};

/** Decodes numeric entities (`&#123;`, `&#x7B;`) and the common named ones; others stay. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

// Letters that only occur in pinyin with tone marks (plus ü with tones).
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
// `互聯(lián)網`: a Han character (or the `?`/U+FFFD left by a broken byte) followed by a
// parenthesised pinyin syllable with at least one tone mark. Plain `(China)` is not touched.
const PINYIN_AFTER_HAN = new RegExp(`(?<=[\\p{Script=Han}?\\uFFFD])\\((?=[a-zü${TONED}]*[${TONED}])[a-zü${TONED}]{1,7}\\)`, 'giu');

export function stripPinyinAnnotations(text: string): string {
  return text.includes('(') ? text.replace(PINYIN_AFTER_HAN, '') : text;
}

// Alt text may hold one level of brackets: `![[科学技术]标题](/uploads/x.png)`.
const MARKDOWN_IMAGE = /!\[(?:[^[\]]|\[[^\]]*\])*\]\([^)]*\)/g;
const MARKDOWN_LINK = /\[([^\]]+)\]\((?:https?:|\/|\.)[^)]*\)/g;

/** Markdown images go entirely; links keep their text. */
export function stripMarkdownInline(text: string): string {
  if (!text.includes('](')) return text;
  return text.replace(MARKDOWN_IMAGE, '').replace(MARKDOWN_LINK, '$1');
}

/** Collapses spaces (including U+3000 and NBSP), trims: U+3000 indentation goes. */
export function normaliseSpaces(text: string): string {
  return text.replace(/[\s\u3000\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** The full per-paragraph clean-up; returns '' for a paragraph with nothing left. */
export function cleanParagraph(text: string): string {
  return normaliseSpaces(stripPinyinAnnotations(stripMarkdownInline(text)));
}

/**
 * A code listing keeps its lines and indentation: only trailing spaces, leading and trailing
 * blank lines and non-breaking spaces are tidied. Returns '' when nothing is left.
 */
export function cleanCode(text: string): string {
  const lines = text
    .replace(/[\u00a0\u200b\ufeff]/g, ' ')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** For comparing a paragraph with the title: ignores spaces and punctuation. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}_]+/gu, '')
    .toLowerCase();
}
