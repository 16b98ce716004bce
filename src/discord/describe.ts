// Command and option descriptions from the catalogues: zh-CN by default, localised for
// zh-TW and English clients. `vars` fills the placeholders, so an option's range is written
// once, as the constants the builder also uses.
import { localized, type MessageKey, type Vars } from './i18n.ts';

interface Describable {
  setDescription(description: string): unknown;
  setDescriptionLocalizations(localizations: Record<string, string>): unknown;
}

export function described<B extends Describable>(builder: B, key: MessageKey, vars: Vars = {}): B {
  const { text, localizations } = localized(key, vars);
  builder.setDescription(text);
  builder.setDescriptionLocalizations(localizations);
  return builder;
}
