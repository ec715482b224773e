// Turns bank questions and the host's settings into a contest's initial state: fixes each
// question's limit, points and scoring, and shuffles with an injected random source.
import type { ContestSettings } from '@dangshi/protocol';
import { LETTERS, type Question } from '@dangshi/question-bank';
import type { AnswerKey, ContestQuestion, ContestState } from './types';

export interface VersionedQuestion {
  question: Question;
  version: number;
}

export interface NewContest {
  id: string;
  pin: string;
  hostId: string;
  settings: ContestSettings;
  questions: VersionedQuestion[];
  /** Returns a float in [0, 1); Math.random in production, a seeded one in tests. */
  random: () => number;
  now: number;
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function sourceText(q: Question): string {
  return q.source.ref;
}

export function toContestQuestion(
  { question: q, version }: VersionedQuestion,
  position: number,
  settings: ContestSettings,
  random: () => number,
): ContestQuestion {
  const override = settings.overrides[String(position)] ?? {};
  const seconds = override.timeLimitSec ?? settings.timeLimitSec ?? q.timeLimit;
  const common = {
    questionId: q.id,
    version,
    type: q.type,
    stem: q.stem,
    ...(q.media ? { media: q.media } : {}),
    explanation: q.explanation,
    source: sourceText(q),
    limitMs: seconds * 1000 * (settings.relaxedTiming ? 2 : 1),
    points: override.points ?? settings.points,
    scoring: override.scoring ?? settings.scoring,
  };
  if (q.type === 'single' || q.type === 'multiple') {
    const order = q.options.map((_, i) => i);
    const display = settings.shuffleOptions ? shuffled(order, random) : order;
    const keyLetters = Array.isArray(q.answer) ? q.answer : [q.answer];
    const keyOriginal = keyLetters.map((l) => LETTERS.indexOf(l));
    const keyDisplay = keyOriginal.map((o) => display.indexOf(o)).sort((a, b) => a - b);
    const key: AnswerKey = q.type === 'single' ? { type: 'single', options: [keyDisplay[0]] } : { type: 'multiple', options: keyDisplay };
    return { ...common, options: display.map((i) => q.options[i]), key };
  }
  if (q.type === 'truefalse') return { ...common, options: [], key: { type: 'truefalse', value: q.answer } };
  return { ...common, options: [], key: { type: 'fill', accepted: q.answer } };
}

export function createContestState(input: NewContest): ContestState {
  const ordered = input.settings.shuffleQuestions ? shuffled(input.questions, input.random) : input.questions;
  return {
    id: input.id,
    pin: input.pin,
    hostId: input.hostId,
    settings: input.settings,
    questions: ordered.map((q, i) => toContestQuestion(q, i, input.settings, input.random)),
    phase: 'lobby',
    index: -1,
    answersOpenAt: null,
    deadline: null,
    pausedRemainingMs: null,
    paused: false,
    lobbyLocked: false,
    players: {},
    playerOrder: [],
    kickedCount: 0,
    answeredCount: 0,
    leaderboard: [],
    teamStandings: [],
    revealed: 0,
    createdAt: input.now,
    endedAt: null,
  };
}
