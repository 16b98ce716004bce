// Discord's documented limits for what a bot sends. The fake checks every reply
// body against them so an over-long answer fails a test instead of a live 400.

export interface LimitProblem {
  rule: string;
  detail: string;
}

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  attachments: 10,
  /** Upload limit without server boosts; interactions carry it as attachment_size_limit. */
  attachmentBytes: 10_485_760,
  attachmentDescription: 1024,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Discord counts characters, not UTF-16 units; CJK text is the same either way. */
export function charCount(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function tooLong(problems: LimitProblem[], rule: string, what: string, value: unknown, max: number): void {
  const length = charCount(value);
  if (length > max) problems.push({ rule, detail: `${what} has ${length} characters (max ${max})` });
}

// Mention syntax that would ping if allowed_mentions let it through.
const MENTION = /<@[!&]?\d+>|@everyone|@here/;

/** Message bodies: interaction callback data (types 4/7), webhook edits and follow-ups, channel messages. */
export function checkMessageBody(body: unknown, files: readonly { name: string; size: number }[] = []): LimitProblem[] {
  const fileCount = files.length;
  const problems: LimitProblem[] = [];
  if (!isObject(body)) return problems;

  tooLong(problems, 'content-length', 'content', body.content, LIMITS.content);
  checkEmbeds(problems, asArray(body.embeds));
  checkComponents(problems, asArray(body.components));
  const attachments = Math.max(asArray(body.attachments).length, fileCount);
  if (attachments > LIMITS.attachments) {
    problems.push({ rule: 'attachment-count', detail: `${attachments} attachments (max ${LIMITS.attachments})` });
  }
  for (const file of files) {
    if (file.size > LIMITS.attachmentBytes)
      problems.push({ rule: 'attachment-size', detail: `${file.name} has ${file.size} bytes (max ${LIMITS.attachmentBytes})` });
  }
  asArray(body.attachments).forEach((a, i) => {
    if (isObject(a)) tooLong(problems, 'attachment-description', `attachment ${i} description`, a.description, LIMITS.attachmentDescription);
  });
  checkMentions(problems, body);
  return problems;
}

function checkEmbeds(problems: LimitProblem[], embeds: unknown[]): void {
  if (embeds.length > LIMITS.embeds) {
    problems.push({ rule: 'embed-count', detail: `${embeds.length} embeds (max ${LIMITS.embeds})` });
  }
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isObject(embed)) return;
    const footer = isObject(embed.footer) ? embed.footer.text : undefined;
    const author = isObject(embed.author) ? embed.author.name : undefined;
    tooLong(problems, 'embed-title', `embed ${i} title`, embed.title, LIMITS.embedTitle);
    tooLong(problems, 'embed-description', `embed ${i} description`, embed.description, LIMITS.embedDescription);
    tooLong(problems, 'embed-footer', `embed ${i} footer text`, footer, LIMITS.embedFooter);
    tooLong(problems, 'embed-author', `embed ${i} author name`, author, LIMITS.embedAuthor);
    total += charCount(embed.title) + charCount(embed.description) + charCount(footer) + charCount(author);
    const fields = asArray(embed.fields);
    if (fields.length > LIMITS.embedFields) {
      problems.push({ rule: 'embed-field-count', detail: `embed ${i} has ${fields.length} fields (max ${LIMITS.embedFields})` });
    }
    fields.forEach((field, j) => {
      if (!isObject(field)) return;
      tooLong(problems, 'embed-field-name', `embed ${i} field ${j} name`, field.name, LIMITS.embedFieldName);
      tooLong(problems, 'embed-field-value', `embed ${i} field ${j} value`, field.value, LIMITS.embedFieldValue);
      if (charCount(field.name) === 0 || charCount(field.value) === 0) {
        problems.push({ rule: 'embed-field-empty', detail: `embed ${i} field ${j} has an empty name or value` });
      }
      total += charCount(field.name) + charCount(field.value);
    });
  });
  if (total > LIMITS.embedTotal) {
    problems.push({ rule: 'embed-total', detail: `embeds hold ${total} characters in all (max ${LIMITS.embedTotal})` });
  }
}

function checkComponents(problems: LimitProblem[], rows: unknown[]): void {
  if (rows.length > LIMITS.actionRows) {
    problems.push({ rule: 'component-rows', detail: `${rows.length} action rows (max ${LIMITS.actionRows})` });
  }
  rows.forEach((row, i) => {
    if (!isObject(row)) return;
    if (row.type !== 1) {
      problems.push({ rule: 'component-row-type', detail: `top-level component ${i} has type ${String(row.type)}, not an action row` });
    }
    const children = asArray(row.components);
    const buttons = children.filter((c) => isObject(c) && c.type === 2).length;
    if (buttons > LIMITS.rowComponents) {
      problems.push({ rule: 'row-buttons', detail: `row ${i} has ${buttons} buttons (max ${LIMITS.rowComponents})` });
    }
    children.forEach((child, j) => {
      if (!isObject(child)) return;
      tooLong(problems, 'custom-id', `row ${i} component ${j} custom_id`, child.custom_id, LIMITS.customId);
      if (child.type === 2) {
        tooLong(problems, 'button-label', `row ${i} button ${j} label`, child.label, LIMITS.buttonLabel);
        // Link (5) and premium (6) buttons carry no custom_id; every other style needs one.
        if (child.style !== 5 && child.style !== 6 && charCount(child.custom_id) === 0) {
          problems.push({ rule: 'custom-id', detail: `row ${i} button ${j} has no custom_id` });
        }
      }
      const options = asArray(child.options);
      if (options.length > LIMITS.selectOptions) {
        problems.push({ rule: 'select-options', detail: `row ${i} select ${j} has ${options.length} options (max ${LIMITS.selectOptions})` });
      }
    });
  });
}

/** The bot must never ping anyone: content needs allowed_mentions that parse nothing. */
function checkMentions(problems: LimitProblem[], body: Json): void {
  const content = typeof body.content === 'string' ? body.content : '';
  const allowed = body.allowed_mentions;
  if (content.length > 0 && !isObject(allowed)) {
    problems.push({ rule: 'allowed-mentions-missing', detail: 'message with content has no allowed_mentions' });
    return;
  }
  if (!isObject(allowed)) return;
  if (MENTION.test(content)) {
    const parse = asArray(allowed.parse).filter((p) => p === 'everyone' || p === 'roles' || p === 'users');
    if (parse.length > 0) {
      problems.push({ rule: 'allowed-mentions-parse', detail: `content has mentions and allowed_mentions.parse is ${JSON.stringify(parse)}` });
    }
    if (asArray(allowed.users).length > 0 || asArray(allowed.roles).length > 0) {
      problems.push({ rule: 'allowed-mentions-parse', detail: 'content has mentions and allowed_mentions lists users or roles' });
    }
  }
  if (isObject(body.message_reference) && allowed.replied_user !== false) {
    problems.push({ rule: 'reply-ping', detail: 'reply without allowed_mentions.replied_user: false pings the author' });
  }
}

/** Autocomplete results (callback type 8). */
export function checkAutocompleteChoices(data: unknown): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const choices = isObject(data) ? asArray(data.choices) : [];
  if (choices.length > LIMITS.autocompleteChoices) {
    problems.push({ rule: 'autocomplete-count', detail: `${choices.length} choices (max ${LIMITS.autocompleteChoices})` });
  }
  choices.forEach((choice, i) => {
    if (!isObject(choice)) return;
    const name = charCount(choice.name);
    if (name < 1 || name > LIMITS.choiceName) {
      problems.push({ rule: 'autocomplete-choice-name', detail: `choice ${i} name has ${name} characters (1..${LIMITS.choiceName})` });
    }
    tooLong(problems, 'autocomplete-choice-value', `choice ${i} value`, choice.value, LIMITS.choiceValue);
  });
  return problems;
}
