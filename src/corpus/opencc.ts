// opencc-js with its types resolved. Its types/full.d.ts re-exports from './core' without the
// extension NodeNext needs, so through 'opencc-js' every export arrives as an unresolved type
// (tsc's skipLibCheck hides that; typescript-eslint's no-unsafe-* rules see it). The package's
// 'opencc-js/core' types resolve on their own: this module gives the bundle those types.
import * as bundle from 'opencc-js';
import type { ConverterFunction, ConverterOptions, DictGroup, Trie } from 'opencc-js/core';

export type { DictGroup, DictLike } from 'opencc-js/core';

/** A locale's config, including normalizationChain, which opencc-js's types omit. */
export interface LocaleConfig {
  normalizationChain: readonly DictGroup[];
  segmentation: DictGroup;
  conversionChain: readonly DictGroup[];
}

export const OpenCC = bundle as unknown as {
  Trie: typeof Trie;
  Converter(options: ConverterOptions): ConverterFunction;
  Locale: { configs: Record<string, LocaleConfig> };
};
