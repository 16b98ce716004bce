// Embed parts that /sources and /reload both show: the files that could not be read, and
// which shard processes serve which corpus version.
import type { APIEmbedField } from 'discord.js';
import type { CorpusStats } from '../search/types.ts';
import { escapeMarkdown } from './format.ts';
import { t, type Lang } from './i18n.ts';
import { LIMITS } from './limits.ts';
import type { ShardState } from './shard-fleet.ts';
import { fitList, truncateLine } from './truncate.ts';

const REASON_MAX = 200;
/** Enough of a corpus fingerprint to tell versions apart. */
const VERSION_CHARS = 8;

/** `file — reason` lines, as many as fit in one field. */
export function skippedList(skipped: CorpusStats['skipped'], lang: Lang): string {
  return fitList(
    skipped.map((s) => `${escapeMarkdown(s.file)} — ${escapeMarkdown(truncateLine(s.reason, REASON_MAX))}`),
    LIMITS.fieldValue,
    (count) => t(lang, 'list.more', { count }),
  );
}

/**
 * One line per corpus version with the shards serving it, then one per shard that failed or
 * did not answer, so drift between shard processes is visible.
 */
export function shardStatesField(states: readonly ShardState[], lang: Lang): APIEmbedField {
  const versions = new Map<string, { articles: number; ids: number[] }>();
  const failures: string[] = [];
  for (const { shards, stats, error } of states) {
    if (error !== undefined) {
      const reason = escapeMarkdown(truncateLine(error, REASON_MAX));
      const keeps = stats ? `; ${t(lang, 'shards.keeps', { version: stats.version.slice(0, VERSION_CHARS) })}` : '';
      failures.push(`❌ ${t(lang, 'shards.failed', { ids: shards.join(', '), reason })}${keeps}`);
    } else if (stats) {
      const key = `${stats.version}\t${stats.articles}`;
      const group = versions.get(key) ?? { articles: stats.articles, ids: [] };
      group.ids.push(...shards);
      versions.set(key, group);
    }
  }
  const lines = [...versions].map(
    ([key, { articles, ids }]) => `✅ ${t(lang, 'shards.version', { version: key.slice(0, VERSION_CHARS), articles, ids: ids.join(', ') })}`,
  );
  return { name: t(lang, 'shards.title'), value: fitList([...lines, ...failures], LIMITS.fieldValue, (count) => t(lang, 'list.more', { count })) };
}
