// Translation lookup: reads the rune-backed locale, so any template calling t() re-renders
// when the language switches.
import { en, zh, type MessageKey } from './messages';
import { locale } from './locale.svelte';

export type MessageParams = Record<string, string | number>;

export function t(key: MessageKey, params?: MessageParams): string {
  const text = (locale.current === 'en' ? en : zh)[key];
  if (!params) return text;
  // `{name}` placeholders; unknown ones are left visible so a typo is noticed, not hidden.
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
