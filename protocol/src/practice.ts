// Practice (日常学习) between contests: the daily quiz, category practice, the challenge and the
// wrong-answer book. The server judges; a question is sent without its key, and the key comes
// back only with the judgement of the member's answer.
import { z } from 'zod';
import { answerResponseSchema, type AnswerResponse } from './contest';

export const PRACTICE_MODES = ['daily', 'category', 'challenge', 'wrong'] as const;
export type PracticeMode = (typeof PRACTICE_MODES)[number];

/** Questions per session of each mode (a challenge draws up to this many and stops at the first wrong). */
export const PRACTICE_SIZES: Record<PracticeMode, number> = { daily: 5, category: 10, challenge: 50, wrong: 10 };
/** Points per right answer. */
export const PRACTICE_POINTS_PER_CORRECT = 10;

export const practiceStartSchema = z
  .object({
    mode: z.enum(PRACTICE_MODES),
    category: z.string().trim().min(1).max(40).optional(),
    difficulty: z.coerce.number().int().min(1).max(3).optional(),
  })
  .refine((s) => s.mode !== 'category' || !!s.category, { path: ['category'], message: 'category practice needs a category' });
export type PracticeStartInput = z.input<typeof practiceStartSchema>;

export const practiceAnswerSchema = z.object({
  /** Made by the phone once per answer: a retry with the same id is answered the same, never counted twice. */
  clientAnswerId: z.string().min(1).max(64),
  /** The question's position in the session (0-based): an answer to a question no longer current is refused. */
  position: z.number().int().min(0).max(1000),
  response: answerResponseSchema,
});
export type PracticeAnswerInput = z.infer<typeof practiceAnswerSchema>;

/** A question as a phone sees it before answering: no key. */
export interface PracticeQuestionDto {
  questionId: string;
  type: 'single' | 'multiple' | 'truefalse' | 'fill';
  stem: string;
  options: string[];
  category: string;
  media?: { image: string; alt: string };
}

/** The right answer, shown after the member answered. */
export type PracticeKeyDto =
  | { type: 'single' | 'multiple'; options: number[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'fill'; accepted: string[] };

export interface PracticeSessionDto {
  id: string;
  mode: PracticeMode;
  category: string | null;
  difficulty: number | null;
  /** Questions in the session (a challenge ends earlier at the first wrong answer). */
  total: number;
  /** How many are answered. */
  position: number;
  correct: number;
  ended: boolean;
  /** Points recorded for the rankings when the session ended (after the daily cap). */
  points: number;
  /** The member ended it before its last question (结束练习): only the answered part counted. */
  endedEarly: boolean;
  /** The question to answer now; null once ended. */
  question: PracticeQuestionDto | null;
}

export interface PracticeJudgementDto {
  correct: boolean;
  response: AnswerResponse;
  key: PracticeKeyDto;
  explanation: string;
  source: string;
  /** The session after this answer. */
  session: PracticeSessionDto;
}

export interface PracticeCategoryProgressDto {
  category: string;
  total: number;
  seen: number;
  correct: number;
}

export interface PracticeOverviewDto {
  /** The organisation's local date (YYYY-MM-DD). */
  today: string;
  daily: { done: boolean; sessionId: string | null; answered: number; total: number; streak: number };
  challengeBest: number;
  wrongCount: number;
  /** Ranking points from practice and matches recorded today (the organisation's local day). */
  pointsToday: number;
  /** The organisation's daily cap on them; 0: practice earns no ranking points. */
  dailyCap: number;
  categories: PracticeCategoryProgressDto[];
}

export interface ChallengeLeaderRowDto {
  rank: number;
  userId: string;
  name: string;
  best: number;
}

export interface ChallengeLeaderboardDto {
  /** Monday of this week (organisation's local date). */
  weekOf: string;
  rows: ChallengeLeaderRowDto[];
}

// ---------------------------------------------------------------------------------------------
// The wrong-answer book, browsed page by page (newest wrong answer first).

export const practiceWrongQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type PracticeWrongQuery = z.input<typeof practiceWrongQuerySchema>;

/** One question in the book, with its answer: the member studies it here, no answering. */
export interface PracticeWrongItemDto {
  questionId: string;
  type: PracticeQuestionDto['type'];
  stem: string;
  options: string[];
  category: string;
  media?: { image: string; alt: string };
  key: PracticeKeyDto;
  explanation: string;
  source: string;
  /** How many times the member answered it wrong in practice. */
  wrongCount: number;
  /** Right answers in a row since the last wrong one (two take it out of the book). */
  rightStreak: number;
  lastWrongAt: number;
}

export interface PracticeWrongPageDto {
  items: PracticeWrongItemDto[];
  /** Questions in the book. */
  total: number;
  page: number;
  pageSize: number;
}
