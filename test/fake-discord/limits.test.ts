// Each limit rule fires one past Discord's limit and stays quiet at the limit.
import { describe, expect, it } from 'vitest';
import { checkAutocompleteChoices, checkMessageBody, LIMITS } from './limits.ts';

const quiet = { allowed_mentions: { parse: [] } };
const rules = (body: unknown): string[] => checkMessageBody(body).map((p) => p.rule);
const button = (label: string, customId = 'id') => ({ type: 2, style: 1, label, custom_id: customId });
const field = (name = 'n', value = 'v') => ({ name, value });

describe('checkMessageBody', () => {
  const cases: [string, (n: number) => unknown, number][] = [
    ['content-length', (n) => ({ ...quiet, content: '字'.repeat(n) }), LIMITS.content],
    ['embed-count', (n) => ({ embeds: Array.from({ length: n }, () => ({ title: 't' })) }), LIMITS.embeds],
    ['embed-title', (n) => ({ embeds: [{ title: 'x'.repeat(n) }] }), LIMITS.embedTitle],
    ['embed-description', (n) => ({ embeds: [{ description: 'x'.repeat(n) }] }), LIMITS.embedDescription],
    ['embed-field-count', (n) => ({ embeds: [{ fields: Array.from({ length: n }, () => field()) }] }), LIMITS.embedFields],
    ['embed-field-name', (n) => ({ embeds: [{ fields: [field('x'.repeat(n))] }] }), LIMITS.embedFieldName],
    ['embed-field-value', (n) => ({ embeds: [{ fields: [field('n', 'x'.repeat(n))] }] }), LIMITS.embedFieldValue],
    ['embed-footer', (n) => ({ embeds: [{ footer: { text: 'x'.repeat(n) } }] }), LIMITS.embedFooter],
    ['embed-author', (n) => ({ embeds: [{ author: { name: 'x'.repeat(n) } }] }), LIMITS.embedAuthor],
    ['embed-total', (n) => ({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(n - 4000) }] }), LIMITS.embedTotal],
    ['component-rows', (n) => ({ components: Array.from({ length: n }, () => ({ type: 1, components: [button('b')] })) }), LIMITS.actionRows],
    ['row-buttons', (n) => ({ components: [{ type: 1, components: Array.from({ length: n }, (_, i) => button('b', `id${i}`)) }] }), LIMITS.rowComponents],
    ['custom-id', (n) => ({ components: [{ type: 1, components: [button('b', 'x'.repeat(n))] }] }), LIMITS.customId],
    ['button-label', (n) => ({ components: [{ type: 1, components: [button('x'.repeat(n))] }] }), LIMITS.buttonLabel],
  ];

  it.each(cases)('%s fires only past the limit', (rule, make, limit) => {
    expect(rules(make(limit))).not.toContain(rule);
    expect(rules(make(limit + 1))).toContain(rule);
  });

  it('attachment-size fires only past the upload limit, attachment-description past its length', () => {
    const sized = (size: number) => checkMessageBody({ embeds: [{ title: 't' }] }, [{ name: 'a.png', size }]).map((p) => p.rule);
    expect(sized(LIMITS.attachmentBytes)).not.toContain('attachment-size');
    expect(sized(LIMITS.attachmentBytes + 1)).toContain('attachment-size');
    const described = (n: number) => rules({ embeds: [{ title: 't' }], attachments: [{ id: '0', description: 'x'.repeat(n) }] });
    expect(described(LIMITS.attachmentDescription)).not.toContain('attachment-description');
    expect(described(LIMITS.attachmentDescription + 1)).toContain('attachment-description');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(rules({ ...quiet, content: '😀'.repeat(LIMITS.content) })).toEqual([]);
  });

  it('requires allowed_mentions on content and refuses any that could ping', () => {
    expect(rules({ content: 'hi' })).toEqual(['allowed-mentions-missing']);
    expect(rules({ embeds: [{ title: 't' }] })).toEqual([]);
    expect(rules({ content: 'hi @everyone', allowed_mentions: { parse: ['everyone'] } })).toEqual(['allowed-mentions-parse']);
    expect(rules({ content: 'hi <@123456789012345678>', allowed_mentions: { parse: [], users: ['123456789012345678'] } })).toEqual(['allowed-mentions-parse']);
    expect(rules({ content: 'no mention here', allowed_mentions: { parse: ['users'] } })).toEqual([]);
    expect(rules({ ...quiet, content: 'x', message_reference: { message_id: '1' } })).toEqual(['reply-ping']);
    expect(rules({ content: 'x', allowed_mentions: { parse: [], replied_user: false }, message_reference: { message_id: '1' } })).toEqual([]);
  });

  it('refuses empty embed fields and buttons without a custom_id', () => {
    expect(rules({ embeds: [{ fields: [field('', 'v')] }] })).toEqual(['embed-field-empty']);
    expect(rules({ components: [{ type: 1, components: [{ type: 2, style: 1, label: 'b' }] }] })).toEqual(['custom-id']);
    expect(rules({ components: [{ type: 1, components: [{ type: 2, style: 5, label: 'b', url: 'https://example.invalid' }] }] })).toEqual([]);
  });
});

describe('checkAutocompleteChoices', () => {
  const choice = (name: string, value: string | number = 'v') => ({ name, value });
  it('limits the count, name and value of choices', () => {
    expect(checkAutocompleteChoices({ choices: Array.from({ length: 25 }, (_, i) => choice(`c${i}`)) })).toEqual([]);
    const rulesOf = (data: unknown) => checkAutocompleteChoices(data).map((p) => p.rule);
    expect(rulesOf({ choices: Array.from({ length: 26 }, (_, i) => choice(`c${i}`)) })).toEqual(['autocomplete-count']);
    expect(rulesOf({ choices: [choice('x'.repeat(101))] })).toEqual(['autocomplete-choice-name']);
    expect(rulesOf({ choices: [choice('')] })).toEqual(['autocomplete-choice-name']);
    expect(rulesOf({ choices: [choice('n', 'x'.repeat(101))] })).toEqual(['autocomplete-choice-value']);
    expect(rulesOf({ choices: [choice('n', 12345)] })).toEqual([]);
  });
});
