// A practice match's state and the commands and effects of its engine (match-engine.ts). Plain
// data: the engine updates it in place and says through effects what to store, send and time.
import type { AnswerResponse, ErrorCode, MatchSize, PracticeQuestionDto } from '@dangshi/protocol';
import type { AnswerKey, ContestQuestion } from '../contest/engine/types';
import type { MatchTimingValues } from './match-timing';

export interface MatchQuestion {
  questionId: string;
  version: number;
  /** What the phones show: never the key. */
  view: PracticeQuestionDto;
  key: AnswerKey;
  /** The question as the shared judge reads it (type and options). */
  judged: ContestQuestion;
  explanation: string;
  source: string;
}

export interface SeatAnswer {
  index: number;
  /** Null for a bot. */
  clientAnswerId: string | null;
  /** Null for a bot: it has a result, not a response. */
  response: AnswerResponse | null;
  correct: boolean;
  points: number;
  /** From the question's start to the answer's arrival, by the server's clock. */
  ms: number;
  at: number;
}

export interface SeatState {
  seat: number;
  /** Null for a bot. */
  userId: string | null;
  name: string;
  bot: boolean;
  /** A bot's chance of a right answer, drawn when the match starts. */
  botAccuracy: number;
  connected: boolean;
  forfeited: boolean;
  /** As of the last reveal: the current question's points show only when it is revealed. */
  score: number;
  correct: number;
  /** By question index. */
  answers: Record<number, SeatAnswer>;
}

export type MatchPhase = 'starting' | 'question' | 'reveal' | 'finished';

export interface MatchState {
  id: string;
  size: MatchSize;
  kind: 'queue' | 'invite';
  questions: MatchQuestion[];
  phase: MatchPhase;
  /** The current question (0 during the count-down). */
  index: number;
  openedAt: number | null;
  /** When the current phase ends. */
  deadline: number | null;
  seats: SeatState[];
  timing: MatchTimingValues;
  createdAt: number;
  endedAt: number | null;
  /** By seat, once finished. */
  places: number[] | null;
}

export type MatchCommand =
  /** The current phase's time is up. */
  | { type: 'timeout'; phase: MatchPhase; index: number }
  /** A member's answer, already judged by `judgeAnswer` and stored. */
  | { type: 'answer'; seat: number; answer: SeatAnswer }
  | { type: 'botAnswer'; seat: number; index: number; correct: boolean }
  | { type: 'disconnected'; seat: number }
  | { type: 'reconnected'; seat: number }
  /** The grace after a disconnection is over. */
  | { type: 'forfeit'; seat: number };

export type TimerKey = 'phase' | `bot:${number}` | `forfeit:${number}`;

export type MatchEffect =
  /** What the phones show changed: send every player their view. */
  | { type: 'viewChanged' }
  | { type: 'schedule'; key: TimerKey; at: number; command: MatchCommand }
  | { type: 'cancel'; key: TimerKey }
  /** A bot's answer to store (members' answers are stored before they reach the engine). */
  | { type: 'persistAnswer'; seat: number; answer: SeatAnswer }
  /** The match is over: store the results and record the ranking points. */
  | { type: 'finished' };

export type Judgement =
  | { ok: true; answer: SeatAnswer; duplicate: boolean }
  | { ok: false; code: Extract<ErrorCode, 'ANSWER_NOT_OPEN' | 'ANSWER_TOO_LATE' | 'ANSWER_WRONG_QUESTION' | 'ANSWER_DUPLICATE' | 'ANSWER_INVALID' | 'MATCH_OVER'> };
