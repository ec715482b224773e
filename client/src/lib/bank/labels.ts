// Small display helpers shared by the admin pages: dates in the user's locale.
import { locale } from '$lib/i18n';

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(locale.current === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
