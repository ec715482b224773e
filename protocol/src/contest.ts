// The live contest's contract: settings, the views each audience receives, and the commands.
// The server owns the phase; clients render what they are sent and never infer it.
import { z } from 'zod';

export const CONTEST_PHASES = ['lobby', 'question', 'locked', 'reveal', 'leaderboard', 'podium', 'ended'] as const;
export type ContestPhase = (typeof CONTEST_PHASES)[number];

export const POINTS_MODES = ['none', 'standard', 'double'] as const;
export type PointsMode = (typeof POINTS_MODES)[number];
export const SCORING_MODES = ['speed', 'accuracy'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];

export const questionOverrideSchema = z.object({
  points: z.enum(POINTS_MODES).optional(),
  scoring: z.enum(SCORING_MODES).optional(),
  timeLimitSec: z.number().int().min(5).max(300).optional(),
});
export type QuestionOverride = z.infer<typeof questionOverrideSchema>;

export const contestSettingsSchema = z.object({
  title: z.string().trim().min(1).max(100),
  /** speed: Kahoot's rule with streaks; accuracy: fixed points, no time pressure on the score. */
  scoring: z.enum(SCORING_MODES).default('speed'),
  points: z.enum(POINTS_MODES).default('standard'),
  /** Points of a correct answer in accuracy mode (doubled on double-points questions). */
  accuracyPoints: z.number().int().min(1).max(1000).default(100),
  /** Points taken for a wrong answer (0 = off); doubled on double-points questions. */
  negativePoints: z.number().int().min(0).max(1000).default(0),
  /** Multiple choice: credit in proportion (right picks − wrong picks) instead of all-or-nothing. */
  partialCredit: z.boolean().default(false),
  /** Overrides every question's own suggested time. */
  timeLimitSec: z.number().int().min(5).max(300).nullable().default(null),
  /** Time to read the question before answers open. */
  readingTimeSec: z.number().min(0).max(30).default(3),
  /** Doubles every time limit (older members, slower phones). */
  relaxedTiming: z.boolean().default(false),
  shuffleQuestions: z.boolean().default(false),
  shuffleOptions: z.boolean().default(false),
  /** false: phones show only right/wrong; the correct answer is shown on the projector. */
  showAnswersOnPhones: z.boolean().default(true),
  /** Players see only their own progress, never the leaderboard. */
  hideLeaderboard: z.boolean().default(false),
  joinMode: z.enum(['nickname', 'members']).default('nickname'),
  /** Joining closes once this question index has started (null: until the host locks). */
  lateJoinUntil: z.number().int().min(0).nullable().default(null),
  /**
   * Team mode: the teams players choose from when joining, usually one per branch (支部);
   * empty for individual play. Standings rank teams by average score per player.
   */
  teams: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  /** Per-question overrides, by position in the question list. */
  overrides: z.record(z.string().regex(/^\d+$/), questionOverrideSchema).default({}),
});
export type ContestSettings = z.infer<typeof contestSettingsSchema>;
export type ContestSettingsInput = z.input<typeof contestSettingsSchema>;

export const createContestInputSchema = z
  .object({
    settings: contestSettingsSchema,
    questionIds: z.array(z.string().min(1).max(64)).min(1).max(200).optional(),
    setId: z.string().min(1).max(64).optional(),
    /** Random draw instead of a fixed list: how many questions from which categories. */
    random: z
      .object({
        count: z.number().int().min(1).max(100),
        categories: z.array(z.string()).default([]),
        difficulty: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).default([]),
      })
      .optional(),
  })
  .refine((v) => [v.questionIds, v.setId, v.random].filter(Boolean).length === 1, {
    message: 'give exactly one of questionIds, setId or random',
  });
export type CreateContestInput = z.input<typeof createContestInputSchema>;

export type QuestionKind = 'single' | 'multiple' | 'truefalse' | 'fill';

/** A question as players see it: never with its answer key. */
export interface PublicQuestion {
  index: number;
  total: number;
  type: QuestionKind;
  stem: string;
  options: string[];
  media?: { image: string; alt: string };
  timeLimitMs: number;
  points: PointsMode;
}

export type CorrectAnswer =
  | { type: 'single'; options: [number] }
  | { type: 'multiple'; options: number[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'fill'; accepted: string[] };

export const answerResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), options: z.array(z.number().int().min(0).max(5)).min(1).max(6) }),
  z.object({ kind: z.literal('truefalse'), value: z.boolean() }),
  z.object({ kind: z.literal('fill'), text: z.string().max(100) }),
]);
export type AnswerResponse = z.infer<typeof answerResponseSchema>;

export interface RevealView {
  index: number;
  /** The bank question and version asked, so a member can report an error (纠错) on it. */
  questionId: string;
  questionVersion: number;
  /** Absent on phones when the host shows answers only on the projector. */
  correct?: CorrectAnswer;
  /** Choice questions: count per option; true/false: [true, false]; fill: [right, wrong]. */
  distribution: number[];
  answered: number;
  correctCount: number;
  explanation?: string;
  source?: string;
}

export interface TeamStanding {
  rank: number;
  /** Position in settings.teams. */
  team: number;
  name: string;
  players: number;
  total: number;
  /** Average score per player: large teams do not win by size. */
  average: number;
}

export interface LeaderboardEntry {
  rank: number;
  playerId: string;
  nickname: string;
  score: number;
  previousRank: number | null;
}

/** What every member of an audience sees; rebuilt and broadcast once per phase change. */
export interface ContestView {
  contestId: string;
  pin: string;
  title: string;
  phase: ContestPhase;
  /** -1 in the lobby. */
  questionIndex: number;
  total: number;
  paused: boolean;
  lobbyLocked: boolean;
  joinMode: 'nickname' | 'members';
  hideLeaderboard: boolean;
  players: number;
  question?: PublicQuestion;
  answersOpenAt?: number;
  deadline?: number;
  /** While paused: what was left of the answer time. */
  remainingMs?: number;
  reveal?: RevealView;
  leaderboard?: LeaderboardEntry[];
  podium?: LeaderboardEntry[];
  /** Team mode: the team names to choose from when joining. */
  teams?: string[];
  /** Team mode, from the first reveal on: standings by average score. */
  teamStandings?: TeamStanding[];
  serverNow: number;
}

export interface OwnAnswerResult {
  questionIndex: number;
  answered: boolean;
  correct: boolean;
  /** 0..1 for partial credit on multiple choice; 1 or 0 otherwise. */
  fraction: number;
  points: number;
  response?: AnswerResponse;
}

/** What one player sees of themself. */
export interface PlayerView {
  playerId: string;
  nickname: string;
  /** Team mode: the player's team name. */
  team?: string;
  score: number;
  streak: number;
  rank: number | null;
  players: number;
  /** The player's answer to the current question, once received. */
  currentAnswer?: AnswerResponse;
  /** After a reveal: the result of the last question. */
  lastResult?: OwnAnswerResult;
  /** At the podium: the summary of every own answer. */
  summary?: OwnAnswerResult[];
}

export interface LobbyPlayer {
  playerId: string;
  nickname: string;
  team?: string;
  connected: boolean;
  answered: boolean;
  score: number;
}

export interface LobbyView {
  count: number;
  /** Newest first, at most 200 (a hall of 10,000 does not need every name on the projector). */
  players: LobbyPlayer[];
}

export interface AnswerProgress {
  questionIndex: number;
  answered: number;
  players: number;
}

export const joinInputSchema = z.object({
  pin: z.string().regex(/^\d{6}$/),
  nickname: z.string().max(60).optional(),
  playerToken: z.string().min(10).max(100).optional(),
  /** Team mode: index of the chosen team in the contest's teams. */
  team: z.number().int().min(0).max(19).optional(),
});
export type JoinInput = z.infer<typeof joinInputSchema>;

export interface JoinResult {
  playerId: string;
  playerToken: string;
  contest: ContestView;
  me: PlayerView;
}

export const answerInputSchema = z.object({
  pin: z.string().regex(/^\d{6}$/),
  questionIndex: z.number().int().min(0).max(999),
  /** Chosen by the phone; a retry with the same id is answered like the first, never counted twice. */
  clientAnswerId: z.string().min(1).max(64),
  response: answerResponseSchema,
});
export type AnswerInput = z.infer<typeof answerInputSchema>;

export interface AnswerReceipt {
  questionIndex: number;
  receivedAt: number;
}

export const HOST_ACTIONS = ['start', 'next', 'skip', 'pause', 'resume', 'lockLobby', 'unlockLobby', 'kick', 'end'] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];

export const hostCommandInputSchema = z.object({
  contestId: z.string().min(1).max(64),
  action: z.enum(HOST_ACTIONS),
  playerId: z.string().min(1).max(64).optional(),
});
export type HostCommandInput = z.infer<typeof hostCommandInputSchema>;

export const watchInputSchema = z.object({ pin: z.string().regex(/^\d{6}$/) });
export const hostWatchInputSchema = z.object({ contestId: z.string().min(1).max(64) });

export interface ContestSummary {
  id: string;
  pin: string;
  title: string;
  phase: ContestPhase;
  questionCount: number;
  players: number;
  createdAt: number;
  settings: ContestSettings;
}

/** What the join page may know before joining. */
export interface ContestLookup {
  contestId: string;
  pin: string;
  title: string;
  phase: ContestPhase;
  joinMode: 'nickname' | 'members';
  lobbyLocked: boolean;
  /** Team mode: the teams to choose from. */
  teams: string[];
}
