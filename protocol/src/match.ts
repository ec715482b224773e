// Real-time practice matches (双人对战 and 四人赛): members of the organisation are matched, or a
// friend is invited by a link; all players get the same questions at the same time, the server
// times and judges every answer, and faster right answers score more. Each socket is a logged-in
// member; the server sends `match:queue` while waiting and `match:view` once the match exists.
import { z } from 'zod';
import type { AckCallback } from './ack';
import { answerResponseSchema } from './contest';
import type { PracticeKeyDto, PracticeQuestionDto } from './practice';

export const MATCH_SIZES = [2, 4] as const;
export type MatchSize = (typeof MATCH_SIZES)[number];

/** Questions in a match. */
export const MATCH_QUESTION_COUNT = 5;
/** Answer time per question. */
export const MATCH_QUESTION_MS = 15_000;
/** How long matchmaking looks for opponents before offering a bot or cancelling. */
export const MATCH_QUEUE_WAIT_MS = 15_000;
/** A disconnected player counts as having forfeited only after this long without reconnecting. */
export const MATCH_FORFEIT_GRACE_MS = 20_000;
/** Ranking points of a match: this much per right answer… */
export const MATCH_POINTS_PER_CORRECT = 10;
/** …plus this for first place (shared places all get it; never a player who forfeited). */
export const MATCH_WIN_BONUS = 10;

const matchSizeSchema = z.union([z.literal(2), z.literal(4)]);

export const matchQueueInputSchema = z.object({ size: matchSizeSchema });
export const matchInviteInputSchema = z.object({ size: matchSizeSchema });
export const matchAcceptInputSchema = z.object({ code: z.string().trim().regex(/^[A-Za-z0-9]{6,12}$/) });
export const matchResumeInputSchema = z.object({ matchId: z.string().min(1).max(36) });
export const matchAnswerInputSchema = z.object({
  matchId: z.string().min(1).max(36),
  /** The question's index in the match: an answer to another question is refused. */
  index: z.number().int().min(0).max(100),
  /** Made once per answer by the phone: a resend after a dropped connection is never counted twice. */
  clientAnswerId: z.string().min(1).max(64),
  response: answerResponseSchema,
});
export type MatchAnswerInput = z.infer<typeof matchAnswerInputSchema>;

/** Waiting for players: in the organisation's queue, or in a friend match's room by invite code. */
export interface MatchQueueView {
  kind: 'queue' | 'invite';
  size: MatchSize;
  /** Invite: the code of `/practice/match?invite=CODE`. */
  code: string | null;
  /** Names of the members waiting together, this member included. */
  waiting: string[];
  since: number;
  serverNow: number;
  /** No opponent within MATCH_QUEUE_WAIT_MS: the phone offers a bot or cancelling. */
  timedOut: boolean;
}

export interface MatchPlayerView {
  seat: number;
  name: string;
  bot: boolean;
  score: number;
  correct: number;
  /** Has answered the current question (never which answer before the reveal). */
  answered: boolean;
  connected: boolean;
  forfeited: boolean;
}

export interface MatchRevealDto {
  index: number;
  key: PracticeKeyDto;
  explanation: string;
  source: string;
  answers: { seat: number; correct: boolean; points: number; ms: number | null }[];
}

export interface MatchResultDto {
  places: { seat: number; name: string; score: number; correct: number; place: number; forfeited: boolean }[];
  /** Ranking points this member's result is worth (MATCH_POINTS_PER_CORRECT per right answer, MATCH_WIN_BONUS for first place). */
  pointsEarned: number;
  /** Points recorded for this member's rankings: pointsEarned cut by the daily practice cap. */
  pointsRecorded: number;
}

export interface MatchView {
  id: string;
  size: MatchSize;
  /** starting: a short count-down before the first question. */
  phase: 'starting' | 'question' | 'reveal' | 'finished';
  index: number;
  total: number;
  question: PracticeQuestionDto | null;
  /** When the current phase ends (server clock). */
  deadline: number | null;
  serverNow: number;
  /** This member's seat. */
  me: number;
  players: MatchPlayerView[];
  reveal: MatchRevealDto | null;
  result: MatchResultDto | null;
}

export interface MatchAnswerReceipt {
  index: number;
  /** The same receipt for a resend with the same clientAnswerId. */
  accepted: true;
}

export interface MatchServerToClientEvents {
  'match:queue': (view: MatchQueueView) => void;
  'match:view': (view: MatchView) => void;
}

export interface MatchClientToServerEvents {
  /** Looks for opponents in the organisation. */
  'match:queue': (input: z.infer<typeof matchQueueInputSchema>, ack: AckCallback<MatchQueueView>) => void;
  /** Leaves the queue or the invite room. */
  'match:cancel': (input: Record<string, never>, ack: AckCallback<{ cancelled: boolean }>) => void;
  /** Fills the empty seats with bots and starts (after the wait, or in an invite room). */
  'match:bot': (input: Record<string, never>, ack: AckCallback<MatchView>) => void;
  /** Opens a friend match and returns its invite code. */
  'match:invite': (input: z.infer<typeof matchInviteInputSchema>, ack: AckCallback<MatchQueueView>) => void;
  /** Joins a friend match by its code; the match starts when the seats are full. */
  'match:accept': (input: z.infer<typeof matchAcceptInputSchema>, ack: AckCallback<MatchQueueView>) => void;
  /** Back after a reload or a dropped connection: the match as it stands. */
  'match:resume': (input: z.infer<typeof matchResumeInputSchema>, ack: AckCallback<MatchView>) => void;
  'match:answer': (input: MatchAnswerInput, ack: AckCallback<MatchAnswerReceipt>) => void;
}

/** Every client event name (a missing one fails the build): the server refuses any other. */
export const MATCH_CLIENT_EVENTS: Record<keyof MatchClientToServerEvents, true> = {
  'match:queue': true,
  'match:cancel': true,
  'match:bot': true,
  'match:invite': true,
  'match:accept': true,
  'match:resume': true,
  'match:answer': true,
};
