// The current UI language as rune state: zh-CN by default, remembered per device in
// localStorage, mirrored to <html lang> so screen readers and fonts pick the right language.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'dangshi.locale';
const DEFAULT_LOCALE: Locale = 'zh-CN';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStored(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Private mode or disabled storage: fall back to the default rather than fail.
    return DEFAULT_LOCALE;
  }
}

class LocaleState {
  current = $state<Locale>(readStored());

  constructor() {
    this.#apply(this.current);
  }

  set(next: Locale): void {
    this.current = next;
    this.#apply(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisting is acceptable; the switch still works for this visit.
    }
  }

  toggle(): void {
    this.set(this.current === 'zh-CN' ? 'en' : 'zh-CN');
  }

  #apply(value: Locale): void {
    if (typeof document !== 'undefined') document.documentElement.lang = value;
  }
}

export const locale = new LocaleState();
