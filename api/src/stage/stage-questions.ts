// The bank questions of a stage: how many each round needs, how a drawn list is split into
// rounds, and how a question is shown (content for everyone, the key for host and judges, the
// accepted answers for the auto-judge). Pure functions; the drawing itself is in stage.service.
import type { StageKeyDto, StageQuestionContentDto } from '@dangshi/protocol';
import { LETTERS, type Question } from '@dangshi/question-bank';
import { answerKey, keyView } from '../practice/practice-question';
import type { StageRound } from './engine/types';

/** A question as drawn: the bank's data and version at that moment (later edits do not move it). */
export interface StageQuestion {
  question: Question;
  version: number;
}

/** Per round (engine order), the questions in the order they are asked. */
export type StageQuestions = StageQuestion[][];

/** Sudden death draws this many questions ahead; more come from the bank if a tie lasts longer. */
export const TIEBREAK_RESERVE = 5;

export function questionsNeeded(rounds: readonly Pick<StageRound, 'type' | 'questionCount'>[]): number[] {
  return rounds.map((r) => (r.type === 'tiebreak' ? TIEBREAK_RESERVE : r.questionCount));
}

/** Splits one drawn list into the rounds' shares, in order. */
export function splitIntoRounds(drawn: readonly StageQuestion[], needed: readonly number[]): StageQuestions {
  let at = 0;
  return needed.map((n) => {
    const share = drawn.slice(at, at + n);
    at += n;
    return share;
  });
}

export function questionAt(questions: StageQuestions, round: number, question: number): StageQuestion | null {
  return questions[round]?.[question] ?? null;
}

/** What the projector and the teams may see: never the key. */
export function contentOf(q: Question): StageQuestionContentDto {
  return { questionId: q.id, type: q.type, stem: q.stem, options: q.type === 'single' || q.type === 'multiple' ? [...q.options] : [] };
}

const TRUE_WORDS = ['正确', '对', '√', '是', 'true', 't'];
const FALSE_WORDS = ['错误', '错', '×', '否', 'false', 'f'];

/** The answer in words, for the host to read out: "B. 南湖", "正确", "南湖 / 嘉兴南湖". */
export function answerText(q: Question): string {
  switch (q.type) {
    case 'single':
      return `${q.answer}. ${q.options[LETTERS.indexOf(q.answer)]}`;
    case 'multiple':
      return [...q.answer]
        .sort()
        .map((l) => `${l}. ${q.options[LETTERS.indexOf(l)]}`)
        .join('；');
    case 'truefalse':
      return q.answer ? '正确' : '错误';
    case 'fill':
      return q.answer.join(' / ');
  }
}

export function keyOf(q: Question): StageKeyDto {
  return { key: keyView(answerKey(q)), answerText: answerText(q), explanation: q.explanation, source: q.source.ref };
}

/**
 * What a team may write that counts as right, for the auto-judge (which compares case-folded,
 * trimmed text): the letter or the option's text for a choice, the letters in any usual
 * spelling for a multiple choice, the usual words for true/false, the accepted fill-in texts.
 */
export function acceptedAnswers(q: Question): string[] {
  switch (q.type) {
    case 'single':
      return [q.answer, q.options[LETTERS.indexOf(q.answer)], `${q.answer}. ${q.options[LETTERS.indexOf(q.answer)]}`];
    case 'multiple': {
      const letters = [...q.answer].sort();
      return [letters.join(''), letters.join(','), letters.join('，'), letters.join('、'), letters.join(' ')];
    }
    case 'truefalse':
      return q.answer ? TRUE_WORDS : FALSE_WORDS;
    case 'fill':
      return [...q.answer];
  }
}
