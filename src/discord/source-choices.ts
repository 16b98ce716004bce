// Autocomplete choices for a `source` option (/search, /timeline): known sources with their
// article counts, within Discord's limits.
import type { Library } from '../search/types.ts';
import { LIMITS } from './limits.ts';
import { truncateLine } from './truncate.ts';

export function sourceChoices(library: Library, typed: string): { name: string; value: string }[] {
  return library
    .suggestSources(typed, LIMITS.autocompleteChoices)
    .filter((s) => s.source.length <= LIMITS.choiceValue) // a longer name cannot be a value; it can still be typed
    .map((s) => ({ name: truncateLine(`${s.source} (${s.count})`, LIMITS.choiceName), value: s.source }));
}
