// The state behind /search's prev/next buttons, carried in the buttons' custom_id.
//
// Why in the custom_id: the message itself then holds everything needed for the next
// page, so buttons keep working across a bot restart and nothing grows in memory.
// Only a query too long for the 100-character custom_id falls back to a bounded
// in-memory map keyed by a short id; such entries live as long as the interaction
// token (15 minutes), and a press that finds none is told to search again.
import { LIMITS } from './limits.ts';

export const SEARCH_BUTTON_PREFIX = 'search';

export interface SearchRequest {
  query: string;
  limit: number;
  from: string | null;
  to: string | null;
  source: string | null;
}

export interface PageState extends SearchRequest {
  /** Who ran the search: only they may page. */
  userId: string;
  offset: number;
}

const OVERFLOW_MAX_ENTRIES = 1000;
const OVERFLOW_TTL_MS = LIMITS.interactionTokenMs;

interface OverflowEntry {
  request: SearchRequest;
  expires: number;
}

/** Requests whose custom_id would be too long; oldest dropped first. */
const overflow = new Map<string, OverflowEntry>();
let overflowCounter = 0;

const esc = (s: string) => s.replace(/%/g, '%25').replace(/:/g, '%3A');
const unesc = (s: string) => s.replace(/%3A/g, ':').replace(/%25/g, '%');

/**
 * custom_id of the button that shows `state`. `button` tells prev from next so the
 * two ids differ even when they point to the same page.
 */
export function encodePageId(state: PageState, button: 'prev' | 'next', now = Date.now()): string {
  const head = [SEARCH_BUTTON_PREFIX, button === 'prev' ? 'p' : 'n', state.userId, String(state.offset)];
  const full = [
    ...head,
    String(state.limit),
    esc(state.from ?? ''),
    esc(state.to ?? ''),
    esc(state.source ?? ''),
    esc(state.query),
  ].join(':');
  if (full.length <= LIMITS.customId) return full;
  return [...head, `~${overflowKey(state, now)}`].join(':');
}

function overflowKey(state: PageState, now: number): string {
  // The same search gets the same key for both of its buttons.
  const request: SearchRequest = { query: state.query, limit: state.limit, from: state.from, to: state.to, source: state.source };
  const same = JSON.stringify(request);
  for (const [key, entry] of overflow) {
    if (JSON.stringify(entry.request) === same && entry.expires > now) return key;
  }
  const key = (overflowCounter++).toString(36);
  overflow.set(key, { request, expires: now + OVERFLOW_TTL_MS });
  while (overflow.size > OVERFLOW_MAX_ENTRIES) overflow.delete(overflow.keys().next().value!);
  return key;
}

/** The state in a custom_id made by encodePageId, or null when it is unreadable or expired. */
export function decodePageId(customId: string, now = Date.now()): PageState | null {
  const parts = customId.split(':');
  if (parts[0] !== SEARCH_BUTTON_PREFIX || parts.length < 5) return null;
  const userId = parts[2]!;
  const offset = Number(parts[3]);
  if (!/^\d+$/.test(userId)) return null;
  if (!Number.isInteger(offset) || offset < 0) return null;
  if (parts.length === 5 && parts[4]!.startsWith('~')) {
    const entry = overflow.get(parts[4]!.slice(1));
    if (!entry || entry.expires <= now) return null;
    return { ...entry.request, userId, offset };
  }
  if (parts.length !== 9) return null;
  const limit = Number(parts[4]);
  if (!Number.isInteger(limit) || limit < 1) return null;
  const orNull = (s: string) => (s === '' ? null : unesc(s));
  return {
    userId,
    offset,
    limit,
    from: orNull(parts[5]!),
    to: orNull(parts[6]!),
    source: orNull(parts[7]!),
    query: unesc(parts[8]!),
  };
}
