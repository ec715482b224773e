// A bank question as practice asks it: in the bank's own option order (no shuffling, so the
// wrong-answer book and explanations match what the member studied), with the answer key built
// the way a contest builds it, so judge() and isValidResponse() are shared with contests.
import type { PracticeKeyDto, PracticeQuestionDto } from '@dangshi/protocol';
import { LETTERS, type Question } from '@dangshi/question-bank';
import type { AnswerKey, ContestQuestion } from '../contest/engine/types';

export function answerKey(q: Question): AnswerKey {
  if (q.type === 'single') return { type: 'single', options: [LETTERS.indexOf(q.answer)] };
  if (q.type === 'multiple') return { type: 'multiple', options: q.answer.map((l) => LETTERS.indexOf(l)).sort((a, b) => a - b) };
  if (q.type === 'truefalse') return { type: 'truefalse', value: q.answer };
  return { type: 'fill', accepted: q.answer };
}

/** What the phone shows before answering: never the key. */
export function questionView(q: Question): PracticeQuestionDto {
  return {
    questionId: q.id,
    type: q.type,
    stem: q.stem,
    options: q.type === 'single' || q.type === 'multiple' ? q.options : [],
    category: q.category,
    ...(q.media ? { media: q.media } : {}),
  };
}

/** The key as the phone shows it after the answer. */
export function keyView(key: AnswerKey): PracticeKeyDto {
  return key.type === 'single' || key.type === 'multiple' ? { type: key.type, options: [...key.options] } : key;
}

/** isValidResponse reads only the type and the options of a contest question. */
export function asJudgedQuestion(q: Question): ContestQuestion {
  return { type: q.type, options: q.type === 'single' || q.type === 'multiple' ? q.options : [] } as Pick<ContestQuestion, 'type' | 'options'> as ContestQuestion;
}
