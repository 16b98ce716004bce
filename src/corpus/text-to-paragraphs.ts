// Plain-text or Markdown body → raw paragraph strings: one non-empty line is one paragraph
// (the seeds put one paragraph per line). Markdown markup is reduced to its text; fenced code
// blocks are dropped for the same reason as HTML <pre> (see html-to-paragraphs.ts).
import { decodeEntities } from './clean-text.ts';

const FENCE = /^\s*(```|~~~)/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

export function textToParagraphs(body: string): string[] {
  const paragraphs: string[] = [];
  let inFence = false;
  for (const rawLine of body.split(/\r\n|\r|\n/)) {
    if (FENCE.test(rawLine)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || RULE.test(rawLine)) continue;
    const line = decodeEntities(rawLine)
      .replace(/^\s{0,3}#{1,6}\s+/, '') // heading marks
      .replace(/^\s{0,3}>\s?/, '') // block quote
      .replace(/^\s{0,3}[-*+]\s+/, '') // bullet
      .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, '$1$2'); // bold
    if (line.trim()) paragraphs.push(line);
  }
  return paragraphs;
}
