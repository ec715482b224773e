// Turns answers (the player's own, or the correct one) into display parts: for choices the
// same colour + shape + letter as the buttons and the projector, for true/false a tick or a
// cross with its word, for fill the text itself. One shape for every place that shows one.
import type { AnswerResponse, CorrectAnswer, PublicQuestion } from '@dangshi/protocol';
import { TRUE_FALSE_STYLES, optionStyle } from './answer-style';

export interface AnswerPart {
  /** Letter of a choice option; absent for true/false and fill. */
  letter?: string;
  glyph: string;
  /** Option text or typed text; for true/false the caller shows the word for `truth`. */
  text: string;
  truth?: boolean;
  background: string;
}

const FILL_GLYPH = '✎';
const FILL_BACKGROUND = '#3D3D3D';

function choiceParts(question: PublicQuestion, indexes: readonly number[]): AnswerPart[] {
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => {
      const style = optionStyle(i);
      return { letter: style.letter, glyph: style.glyph, text: question.options[i] ?? '', background: style.background };
    });
}

function truthPart(value: boolean): AnswerPart {
  const style = TRUE_FALSE_STYLES.find((s) => s.value === value) ?? TRUE_FALSE_STYLES[0];
  return { glyph: style.glyph, text: '', truth: value, background: style.background };
}

export function responseParts(question: PublicQuestion, response: AnswerResponse): AnswerPart[] {
  switch (response.kind) {
    case 'choice':
      return choiceParts(question, response.options);
    case 'truefalse':
      return [truthPart(response.value)];
    case 'fill':
      return [{ glyph: FILL_GLYPH, text: response.text, background: FILL_BACKGROUND }];
  }
}

export function correctParts(question: PublicQuestion, correct: CorrectAnswer): AnswerPart[] {
  switch (correct.type) {
    case 'single':
    case 'multiple':
      return choiceParts(question, correct.options);
    case 'truefalse':
      return [truthPart(correct.value)];
    case 'fill':
      // Every accepted spelling, so a member who wrote a variant sees it was fine.
      return [{ glyph: FILL_GLYPH, text: correct.accepted.join(' / '), background: FILL_BACKGROUND }];
  }
}

/** "+950", "0", "−100": the sign is part of the news on a phone. */
export function signedPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `−${Math.abs(points)}`;
  return '0';
}

export type ResultKind = 'correct' | 'partial' | 'wrong' | 'unanswered';

export function resultKind(result: { answered: boolean; correct: boolean; fraction: number }): ResultKind {
  if (!result.answered) return 'unanswered';
  if (result.correct) return 'correct';
  return result.fraction > 0 ? 'partial' : 'wrong';
}
