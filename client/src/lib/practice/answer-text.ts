// The right answer as a sentence part: letters for choices (A、C), 正确/错误, or the accepted texts.
import type { PracticeKeyDto } from '@dangshi/protocol';
import { optionStyle } from '$lib/contest/answer-style';
import { t } from '$lib/i18n';

export function answerText(key: PracticeKeyDto, options: readonly string[]): string {
  if (key.type === 'truefalse') return t(key.value ? 'play.answer.true' : 'play.answer.false');
  if (key.type === 'fill') return key.accepted.join(' / ');
  return key.options.map((i) => `${optionStyle(i).letter}. ${options[i] ?? ''}`).join('；');
}
