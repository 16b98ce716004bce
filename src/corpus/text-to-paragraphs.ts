// Plain-text or Markdown body → raw paragraphs with their kinds: one non-empty line is one
// paragraph (the seeds put one paragraph per line). Markdown markup is reduced to its text;
// a fenced code block is one code paragraph with its line breaks; an image line marks the
// caption position for the line after it.
import type { ParagraphKind, RawParagraph } from './article.ts';
import { decodeEntities } from './clean-text.ts';

const FENCE = /^\s*(```|~~~)/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const HEADING = /^\s{0,3}#{1,6}\s+/;
const QUOTE = /^\s{0,3}>\s?/;
const BULLET = /^\s{0,3}[-*+]\s+/;
const NUMBERED = /^\s{0,3}\d{1,3}[.)]\s+/;
const IMAGE_LINE = /^\s*(!\[(?:[^[\]]|\[[^\]]*\])*\]\([^)]*\)\s*)+$/;

export function textToParagraphs(body: string): RawParagraph[] {
  const paragraphs: RawParagraph[] = [];
  let code: string[] | null = null;
  let imageBefore = false;
  const emit = (text: string, kind: ParagraphKind) => {
    paragraphs.push({ text, kind, afterImage: imageBefore });
    imageBefore = false;
  };
  for (const rawLine of body.split(/\r\n|\r|\n/)) {
    if (FENCE.test(rawLine)) {
      if (code === null) code = [];
      else {
        if (code.some((l) => l.trim())) emit(code.join('\n'), 'code');
        code = null;
      }
      continue;
    }
    if (code !== null) {
      code.push(rawLine);
      continue;
    }
    if (RULE.test(rawLine)) continue;
    if (IMAGE_LINE.test(rawLine)) {
      imageBefore = true;
      continue;
    }
    let kind: ParagraphKind = 'text';
    if (HEADING.test(rawLine)) kind = 'heading';
    else if (QUOTE.test(rawLine)) kind = 'quote';
    else if (BULLET.test(rawLine) || NUMBERED.test(rawLine)) kind = 'list';
    const line = decodeEntities(rawLine)
      .replace(HEADING, '')
      .replace(QUOTE, '')
      .replace(BULLET, '')
      .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2'); // bold
    if (line.trim()) emit(line, kind);
  }
  // An unclosed fence: the rest is code, as Markdown renders it.
  if (code !== null && code.some((l) => l.trim())) emit(code.join('\n'), 'code');
  return paragraphs;
}
