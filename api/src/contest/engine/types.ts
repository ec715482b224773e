// The live contest's state and the commands and effects of its engine. Everything here is
// plain data (JSON-serialisable), so a snapshot can be stored and restored after a restart.
import type {
  AnswerResponse,
  ContestPhase,
  ContestSettings,
  ErrorCode,
  LeaderboardEntry,
  TeamStanding,
  PointsMode,
  QuestionKind,
  ScoringMode,
} from '@dangshi/protocol';

/** The answer key in display order (options may have been shuffled for this contest). */
export type AnswerKey =
  | { type: 'single'; options: [number] }
  | { type: 'multiple'; options: number[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'fill'; accepted: string[] };

export interface ContestQuestion {
  questionId: string;
  version: number;
  type: QuestionKind;
  stem: string;
  /** Display order; empty for true/false and fill. */
  options: string[];
  media?: { image: string; alt: string };
  key: AnswerKey;
  explanation: string;
  source: string;
  limitMs: number;
  points: PointsMode;
  scoring: ScoringMode;
}

export interface StoredAnswer {
  questionIndex: number;
  clientAnswerId: string;
  response: AnswerResponse;
  receivedAt: number;
  elapsedMs: number;
  fraction: number;
  points: number;
  streakAfter: number;
}

export interface PlayerState {
  id: string;
  nickname: string;
  userId: string | null;
  /** Team mode: index into settings.teams. */
  team: number | null;
  joinedAt: number;
  kicked: boolean;
  connected: boolean;
  /** Score as of the last reveal (the current question's points are shown only at its reveal). */
  score: number;
  streak: number;
  correctCount: number;
  /** Sum of answer times (the limit for an unanswered question): the tie-breaker. */
  totalTimeMs: number;
  rank: number | null;
  previousRank: number | null;
  /** By question index. */
  answers: Record<number, StoredAnswer>;
}

export interface ContestState {
  id: string;
  pin: string;
  hostId: string;
  settings: ContestSettings;
  questions: ContestQuestion[];
  phase: ContestPhase;
  /** -1 in the lobby. */
  index: number;
  answersOpenAt: number | null;
  deadline: number | null;
  /** Set while paused in a question: the answer time still left. */
  pausedRemainingMs: number | null;
  paused: boolean;
  lobbyLocked: boolean;
  players: Record<string, PlayerState>;
  /** Join order; also the last tie-breaker. */
  playerOrder: string[];
  /** How many of them the host removed (so counting those still in is O(1)). */
  kickedCount: number;
  /** Answers received for the current question. */
  answeredCount: number;
  leaderboard: LeaderboardEntry[];
  teamStandings: TeamStanding[];
  /** Questions scored so far (0..revealed-1); a question cut short by `end` is never scored. */
  revealed: number;
  createdAt: number;
  endedAt: number | null;
}

export type Command =
  | { type: 'join'; playerId: string; nickname: string; userId: string | null; team?: number | null }
  | { type: 'answer'; playerId: string; questionIndex: number; clientAnswerId: string; response: AnswerResponse }
  | { type: 'start' }
  | { type: 'next' }
  | { type: 'skip' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'lockLobby' }
  | { type: 'unlockLobby' }
  | { type: 'kick'; playerId: string }
  | { type: 'end' }
  | { type: 'deadline'; questionIndex: number }
  | { type: 'reveal'; questionIndex: number }
  | { type: 'connection'; playerId: string; connected: boolean };

export type TimerKey = 'deadline' | 'reveal';

export type Effect =
  /** The public view changed: send it to every audience. */
  | { type: 'viewChanged' }
  /** These players' own views changed ('all' after a reveal). */
  | { type: 'playersChanged'; playerIds: string[] | 'all' }
  /** The lobby list or answer count changed: refresh the host and projector (throttled). */
  | { type: 'lobbyChanged' }
  | { type: 'answerProgress' }
  | { type: 'kicked'; playerId: string }
  | { type: 'persistAnswer'; playerId: string; answer: StoredAnswer }
  | { type: 'persistPlayer'; playerId: string }
  /** The phase changed: store a snapshot so a restart resumes here. */
  | { type: 'persistSnapshot' }
  | { type: 'schedule'; key: TimerKey; at: number; command: Command }
  | { type: 'cancel'; key: TimerKey }
  | { type: 'finished' };

export type Reply =
  | { ok: true; data?: StoredAnswer | { duplicate: true; answer: StoredAnswer } }
  | { ok: false; code: ErrorCode };

export interface Step {
  effects: Effect[];
  reply: Reply;
}
