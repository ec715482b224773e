// Public face of the i18n module.
export { t, type MessageParams } from './t';
export { locale, LOCALES, type Locale } from './locale.svelte';
export { errorText } from './error-text';
export { formatTime } from './format-time';
export type { MessageKey } from './messages';
