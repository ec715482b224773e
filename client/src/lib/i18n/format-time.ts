// A moment as people read it in the chosen language (lists, logs, histories).
import { locale } from './locale.svelte';

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(locale.current === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
