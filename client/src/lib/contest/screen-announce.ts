// The sentence screen readers hear when the answer is revealed (the projector's aria-live
// region): the right answer in words, and how many got it right.
import type { PublicQuestion, RevealView } from '@dangshi/protocol';
import { t } from '$lib/i18n';
import { optionStyle } from './answer-style';

export function revealAnnouncement(question: PublicQuestion, reveal: RevealView): string {
  const key = reveal.correct;
  if (!key) return '';
  let answer: string;
  if (key.type === 'single' || key.type === 'multiple') {
    answer = key.options.map((i) => `${optionStyle(i).letter} ${question.options[i] ?? ''}`.trim()).join('；');
  } else if (key.type === 'truefalse') {
    answer = t(key.value ? 'screen.true' : 'screen.false');
  } else {
    answer = key.accepted.join('、');
  }
  return t('screen.announceReveal', { answer, correct: reveal.correctCount });
}
