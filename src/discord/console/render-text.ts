// A reply as plain text for the terminal: embeds drawn with a bar, Discord-only markdown
// (timestamps, masked links, escapes) made readable, buttons listed.
import { ComponentType, type APIEmbed } from 'discord.js';
import { BEIJING_OFFSET_MS } from '../../corpus/dates.ts';
import type { ReplyPayload } from '../interaction.ts';

function timestampText(seconds: number, style: string): string {
  const iso = new Date(seconds * 1000 + BEIJING_OFFSET_MS).toISOString();
  const date = iso.slice(0, 10);
  return style === 'D' || style === 'd' ? date : `${date} ${iso.slice(11, 16)}`;
}

/** How bold shows in a terminal: as ANSI bold, or (a pipe, a file) as plain text. */
export type BoldStyle = 'ansi' | 'plain';

/**
 * What Discord would show for a reply's markdown, as terminal text: timestamps as dates,
 * masked links as `text <url>`, bold as ANSI bold or plain, escapes undone, quotes left as `> `.
 */
export function markdownToText(md: string, bold: BoldStyle = 'plain'): string {
  return md
    .replace(/(?<!\\)\*\*((?:\\.|[^*\\\n])+?)\*\*/g, (_m, inner: string) => (bold === 'ansi' ? `\x1b[1m${inner}\x1b[22m` : inner))
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_m, s: string, style: string | undefined) => timestampText(Number(s), style ?? 'f'))
    .replace(/\[((?:\\.|[^\]\\\n])*)\]\(<?([^)\s>]+)>?\)/g, (_m, text: string, url: string) => `${text} <${url}>`)
    .replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

function embedText(e: APIEmbed, bold: BoldStyle): string[] {
  const lines: string[] = [];
  if (e.title) lines.push(`【${markdownToText(e.title, bold)}】${e.url ? ` <${e.url}>` : ''}`);
  if (e.description) lines.push(...markdownToText(e.description, bold).split('\n'));
  const fields = e.fields ?? [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.inline) {
      // Runs of inline fields share a line, as Discord shows them side by side.
      const run = [f];
      while (fields[i + 1]?.inline) run.push(fields[++i]!);
      lines.push(run.map((x) => `${markdownToText(x.name, bold)}: ${markdownToText(x.value, bold)}`).join('   '));
    } else {
      lines.push(
        `${markdownToText(f.name, bold)}:`,
        ...markdownToText(f.value, bold)
          .split('\n')
          .map((l) => `  ${l}`),
      );
    }
  }
  if (e.footer || e.timestamp) {
    lines.push(`— ${[e.footer?.text, e.timestamp && new Date(e.timestamp).toISOString().slice(0, 19).replace('T', ' ') + 'Z'].filter(Boolean).join(' ')}`);
  }
  return lines.map((l) => `┃ ${l}`);
}

export function payloadToText(payload: ReplyPayload, ephemeral: boolean, bold: BoldStyle = 'plain'): string {
  const parts: string[] = [];
  if (payload.content) parts.push(markdownToText(payload.content, bold));
  for (const e of payload.embeds ?? []) parts.push(embedText(e, bold).join('\n'));
  for (const f of payload.files ?? []) {
    // A file is named with its alt text; an image with a text version shows that too.
    parts.push(`📎 ${f.name} (${Math.ceil(f.attachment.length / 1024)} KB)${f.description ? `: ${f.description}` : ''}`);
    if (f.text) parts.push(f.text);
  }
  const buttons = (payload.components ?? []).flatMap((row) => row.components).filter((b) => b.type === ComponentType.Button);
  if (buttons.length > 0) parts.push(buttons.map((b) => `[${'label' in b ? b.label : '?'}${b.disabled ? ' (disabled)' : ''}]`).join(' '));
  const text = parts.join('\n');
  return ephemeral ? `(only you can see this) ${text}` : text;
}
