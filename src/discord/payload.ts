// The last check before anything is sent: every text within Discord's limits.
// Renderers budget their own text so it reads well; this guarantees the limits even if
// they get it wrong, and lists violations for the tests.
import type { APIEmbed } from 'discord.js';
import { LIMITS } from './limits.ts';
import { truncate } from './truncate.ts';
import type { EditPayload } from './interaction.ts';

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every way `payload` breaks a Discord limit; empty when it is fine. */
export function limitViolations(payload: EditPayload): string[] {
  const v: string[] = [];
  const check = (what: string, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max) v.push(`${what}: ${text.length} > ${max}`);
  };
  check('content', payload.content, LIMITS.content);
  const embeds = payload.embeds ?? [];
  if (embeds.length > LIMITS.embedsPerMessage) v.push(`embeds: ${embeds.length}`);
  embeds.forEach((e, i) => {
    check(`embed ${i} title`, e.title, LIMITS.embedTitle);
    check(`embed ${i} description`, e.description, LIMITS.embedDescription);
    check(`embed ${i} footer`, e.footer?.text, LIMITS.footer);
    check(`embed ${i} author`, e.author?.name, LIMITS.authorName);
    if ((e.fields?.length ?? 0) > LIMITS.embedFields) v.push(`embed ${i} fields: ${e.fields?.length}`);
    e.fields?.forEach((f, j) => {
      check(`embed ${i} field ${j} name`, f.name, LIMITS.fieldName);
      check(`embed ${i} field ${j} value`, f.value, LIMITS.fieldValue);
      if (f.name.length === 0 || f.value.length === 0) v.push(`embed ${i} field ${j} is empty`);
    });
  });
  const total = embeds.reduce((n, e) => n + embedLength(e), 0);
  if (total > LIMITS.embedsTotal) v.push(`embeds total: ${total} > ${LIMITS.embedsTotal}`);
  const files = payload.files ?? [];
  if (files.length > LIMITS.attachments) v.push(`attachments: ${files.length}`);
  files.forEach((f, i) => {
    if (f.attachment.length > LIMITS.attachmentBytes) v.push(`attachment ${i}: ${f.attachment.length} bytes > ${LIMITS.attachmentBytes}`);
    check(`attachment ${i} description`, f.description, LIMITS.attachmentDescription);
  });
  const rows = payload.components ?? [];
  if (rows.length > LIMITS.actionRows) v.push(`action rows: ${rows.length}`);
  rows.forEach((row, i) => {
    if (row.components.length > LIMITS.buttonsPerRow) v.push(`row ${i}: ${row.components.length} buttons`);
    row.components.forEach((b, j) => {
      if ('custom_id' in b) check(`row ${i} button ${j} custom_id`, b.custom_id, LIMITS.customId);
      if ('label' in b) check(`row ${i} button ${j} label`, b.label, LIMITS.buttonLabel);
    });
  });
  return v;
}

/** `payload` with every text cut to its limit, and the embeds' total cut to 6000. */
export function fitPayload<P extends EditPayload>(payload: P): P {
  const embeds = payload.embeds?.slice(0, LIMITS.embedsPerMessage).map((e): APIEmbed => ({
    ...e,
    ...(e.title !== undefined && { title: truncate(e.title, LIMITS.embedTitle) }),
    ...(e.description !== undefined && { description: truncate(e.description, LIMITS.embedDescription) }),
    ...(e.footer && { footer: { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) } }),
    ...(e.author && { author: { ...e.author, name: truncate(e.author.name, LIMITS.authorName) } }),
    ...(e.fields && {
      fields: e.fields.slice(0, LIMITS.embedFields).map((f) => ({
        ...f,
        name: truncate(f.name, LIMITS.fieldName) || '\u200b',
        value: truncate(f.value, LIMITS.fieldValue) || '\u200b',
      })),
    }),
  }));
  if (embeds) shrinkToTotal(embeds);
  // A file over the upload limit would fail the whole message: it is left out (renderers check first).
  const files = payload.files
    ?.filter((f) => f.attachment.length <= LIMITS.attachmentBytes)
    .slice(0, LIMITS.attachments)
    .map((f) => (f.description === undefined ? f : { ...f, description: truncate(f.description, LIMITS.attachmentDescription) }));
  return {
    ...payload,
    ...(files && { files }),
    ...(payload.content !== undefined && { content: truncate(payload.content, LIMITS.content) }),
    ...(embeds && { embeds }),
  };
}

interface TextSlot {
  length: number;
  cut(max: number): void;
}

/** Every text of the embeds that counts towards the 6000 total. */
function textSlots(embeds: APIEmbed[]): TextSlot[] {
  const slots: TextSlot[] = [];
  const slot = (get: () => string, set: (s: string) => void) =>
    slots.push({
      get length() {
        return get().length;
      },
      cut: (max) => set(truncate(get(), max)),
    });
  for (const e of embeds) {
    if (e.title !== undefined)
      slot(
        () => e.title!,
        (s) => (e.title = s),
      );
    if (e.description !== undefined)
      slot(
        () => e.description!,
        (s) => (e.description = s),
      );
    if (e.footer)
      slot(
        () => e.footer!.text,
        (s) => (e.footer!.text = s),
      );
    if (e.author)
      slot(
        () => e.author!.name,
        (s) => (e.author!.name = s),
      );
    for (const f of e.fields ?? []) {
      slot(
        () => f.name,
        (s) => (f.name = s || '\u200b'),
      );
      slot(
        () => f.value,
        (s) => (f.value = s || '\u200b'),
      );
    }
  }
  return slots;
}

/** Cuts the longest texts until all embeds together fit in 6000 characters. */
function shrinkToTotal(embeds: APIEmbed[]): void {
  const slots = textSlots(embeds);
  let excess = embeds.reduce((n, e) => n + embedLength(e), 0) - LIMITS.embedsTotal;
  while (excess > 0) {
    const longest = slots.reduce((a, b) => (b.length > a.length ? b : a), slots[0]!);
    if (!longest || longest.length <= 1) break;
    const before = longest.length;
    // Cut at most half of it per step, so the cuts spread over several long texts.
    longest.cut(Math.max(1, before - excess, Math.floor(before / 2)));
    excess -= before - longest.length;
  }
}

/** Room left for an embed's description once its other texts are counted. */
export function descriptionRoom(embed: APIEmbed): number {
  const others = embedLength({ ...embed, description: '' });
  return Math.max(0, Math.min(LIMITS.embedDescription, LIMITS.embedsTotal - others));
}
