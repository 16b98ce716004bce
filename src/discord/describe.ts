// Command and option descriptions from the catalogues: zh-CN by default, localised for
// zh-TW and English clients.
import { localized, type MessageKey } from './i18n.ts';

interface Describable {
  setDescription(description: string): unknown;
  setDescriptionLocalizations(localizations: Record<string, string>): unknown;
}

export function described<B extends Describable>(builder: B, key: MessageKey): B {
  const { text, localizations } = localized(key);
  builder.setDescription(text);
  builder.setDescriptionLocalizations(localizations);
  return builder;
}
