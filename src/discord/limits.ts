// Discord's limits, in one place. Lengths are counted in UTF-16 code units, which is
// never less than what Discord counts (code points), so staying under them is safe.
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of all embed text in one message. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  customId: 100,
  buttonLabel: 80,
  /** Files per message. */
  attachments: 10,
  /** Upload size without server boosts (Discord lowered it from 25 MiB to 10 MiB in 2024). */
  attachmentBytes: 10 * 1024 * 1024,
  /** An attachment's description (alt text). */
  attachmentDescription: 1024,
  actionRows: 5,
  buttonsPerRow: 5,
  /** Time to send the first response to an interaction. */
  firstResponseMs: 3000,
  /** An interaction token (editReply, followUp) lives this long. */
  interactionTokenMs: 15 * 60_000,
} as const;

/** Paging buttons are disabled a minute before the token that could edit them expires. */
export const PAGING_BUTTONS_TTL_MS = LIMITS.interactionTokenMs - 60_000;
