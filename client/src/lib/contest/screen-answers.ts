// The rows the projector draws for a question's answers: options (colour + shape + letter),
// true/false (tick / cross) or, after a fill-in reveal, right / wrong. With a reveal each row
// also carries its count and whether it is (part of) the right answer.
import type { PublicQuestion, RevealView } from '@dangshi/protocol';
import type { MessageKey } from '$lib/i18n';
import { TRUE_FALSE_STYLES, optionStyle, type OptionStyle } from './answer-style';

export interface AnswerRow {
  index: number;
  /** A–F for choice options; null for true/false and fill rows. */
  letter: string | null;
  shape: OptionStyle['shape'] | null;
  glyph: string;
  background: string;
  /** The option's own text (choice), or a catalogue label (true/false, fill). */
  text: string | null;
  labelKey: MessageKey | null;
  count: number;
  /** null before the reveal (or when the key is withheld). */
  correct: boolean | null;
}

function isCorrect(reveal: RevealView | undefined, index: number): boolean | null {
  const key = reveal?.correct;
  if (!key) return null;
  if (key.type === 'single' || key.type === 'multiple') return key.options.includes(index);
  if (key.type === 'truefalse') return (index === 0) === key.value;
  return index === 0; // fill: row 0 counts the right answers
}

export function answerRows(question: PublicQuestion, reveal?: RevealView): AnswerRow[] {
  const count = (i: number) => reveal?.distribution[i] ?? 0;
  if (question.type === 'single' || question.type === 'multiple') {
    return question.options.map((text, i) => {
      const style = optionStyle(i);
      return {
        index: i,
        letter: style.letter,
        shape: style.shape,
        glyph: style.glyph,
        background: style.background,
        text,
        labelKey: null,
        count: count(i),
        correct: isCorrect(reveal, i),
      };
    });
  }
  if (question.type === 'truefalse') {
    return TRUE_FALSE_STYLES.map((style, i) => ({
      index: i,
      letter: null,
      shape: null,
      glyph: style.glyph,
      background: style.background,
      text: null,
      labelKey: style.value ? 'screen.true' : 'screen.false',
      count: count(i),
      correct: isCorrect(reveal, i),
    }));
  }
  // Fill-in: nothing to show while answering; after the reveal, right vs wrong.
  if (!reveal) return [];
  return [
    { glyph: '✔', background: '#00735A', labelKey: 'screen.fillRight' as const },
    { glyph: '✘', background: '#B5480B', labelKey: 'screen.fillWrong' as const },
  ].map((row, i) => ({ ...row, index: i, letter: null, shape: null, text: null, count: count(i), correct: isCorrect(reveal, i) }));
}
