// The on-stage knowledge contest (知识竞赛): a few teams at tables, a host reading questions, judges
// confirming answers, a projector scoreboard. The server owns the state (api/src/stage/engine);
// every device gets a `stage:view` for its audience and renders it. Team devices authenticate with
// the team's token from the host's set-up page; host and judges with their session.
import { z } from 'zod';
import type { AckCallback } from './ack';
import type { PracticeKeyDto } from './practice';

export const STAGE_ROUND_TYPES = ['assigned', 'buzz', 'risk', 'allAnswer', 'tiebreak'] as const;
export type StageRoundType = (typeof STAGE_ROUND_TYPES)[number];

/** Every rule of a round; omitted fields take the round type's default (see api/src/stage/engine/setup.ts). */
export const stageRulesInputSchema = z
  .object({
    right: z.number().int().min(0).max(100),
    wrong: z.number().int().min(-100).max(0),
    riskValues: z.array(z.number().int().min(1).max(100)).min(1).max(5),
    falseStartPenalty: z.number().int().min(-100).max(0),
    falseStartLocksOut: z.boolean(),
    passOnWrong: z.boolean(),
    fairnessWindowMs: z.number().int().min(0).max(500),
    limitMs: z.number().int().min(5_000).max(300_000),
  })
  .partial();
export type StageRulesInput = z.infer<typeof stageRulesInputSchema>;
export type StageRules = Required<StageRulesInput>;

const COMMON_RULES: StageRules = {
  right: 10,
  wrong: 0,
  riskValues: [10, 20, 30],
  falseStartPenalty: -5,
  falseStartLocksOut: true,
  passOnWrong: true,
  fairnessWindowMs: 30,
  limitMs: 30_000,
};

/**
 * The rules of the usual Party-history contest, per round type (必答 +10/0, 抢答 +10/−10 with −5
 * for a false start, 风险 10/20/30 won or lost, 共答 +10/0, 加赛 sudden death +10/0): the engine's
 * defaults and what the set-up form pre-fills.
 */
export const STAGE_DEFAULT_RULES: Readonly<Record<StageRoundType, StageRules>> = {
  assigned: COMMON_RULES,
  buzz: { ...COMMON_RULES, wrong: -10 },
  risk: COMMON_RULES,
  allAnswer: COMMON_RULES,
  tiebreak: COMMON_RULES,
};

/** A round as every device sees it, with the rules it runs by (stakes, answer time, false starts). */
export interface StageRoundDto {
  type: StageRoundType;
  title: string;
  questionCount: number;
  rules: StageRules;
}

export const stageRoundInputSchema = z.object({
  type: z.enum(STAGE_ROUND_TYPES),
  title: z.string().trim().min(1).max(30),
  /** Ignored for a tiebreak (sudden death until the tie is broken). */
  questionCount: z.number().int().min(1).max(40),
  rules: stageRulesInputSchema.default({}),
});
export type StageRoundInput = z.input<typeof stageRoundInputSchema>;

export const stageTeamInputSchema = z.object({
  name: z.string().trim().min(1).max(30),
  /** The branch (支部) the team represents: its results count for that branch. */
  branchId: z.string().min(1).max(36).optional(),
  /** Organisation member ids of the team's players: each gets the team's final score. */
  memberIds: z.array(z.string().min(1).max(36)).max(20).default([]),
});
export type StageTeamInput = z.input<typeof stageTeamInputSchema>;

export const createStageInputSchema = z.object({
  title: z.string().trim().min(1).max(100),
  teams: z.array(stageTeamInputSchema).min(2).max(8),
  rounds: z.array(stageRoundInputSchema).min(1).max(10),
  /** Where the questions come from: a question set, or a random draw from categories (all when empty). */
  source: z
    .object({
      setId: z.string().min(1).max(64).optional(),
      categories: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    })
    .default({ categories: [] }),
});
export type CreateStageInput = z.input<typeof createStageInputSchema>;

export const stagePlayersQuerySchema = z.object({ branchId: z.string().min(1).max(36) });

/** A member a host may put in a team: only the name (hosts do not see the roster's contacts). */
export interface StagePlayerDto {
  id: string;
  name: string;
}

export interface StageTeamLinkDto {
  id: string;
  name: string;
  branchId: string | null;
  branchName: string | null;
  /** Secret of the team device: `/stage/{stageId}/team?token=…`. */
  token: string;
}

export interface StageSummaryDto {
  id: string;
  title: string;
  status: 'setup' | 'running' | 'finished';
  createdAt: number;
  endedAt: number | null;
  teams: StageTeamLinkDto[];
  rounds: StageRoundDto[];
}

/** A question as the projector and the teams see it: no key. */
export interface StageQuestionContentDto {
  questionId: string;
  type: 'single' | 'multiple' | 'truefalse' | 'fill';
  stem: string;
  options: string[];
}

export interface StageKeyDto {
  key: PracticeKeyDto;
  /** The answer in words, for the host to read out and the judges to compare. */
  answerText: string;
  explanation: string;
  source: string;
}

export interface StageAuditEntryDto {
  seq: number;
  at: number;
  /** 'engine' or the judge's display name. */
  by: string;
  teamId: string;
  delta: number;
  reason: 'right' | 'wrong' | 'falseStart' | 'adjust' | 'undo';
  note: string | null;
  round: number | null;
  question: number | null;
  ref: number | null;
}

export interface StageBuzzLogEntryDto {
  round: number;
  question: number;
  teamId: string;
  at: number;
  kind: 'falseStart' | 'first' | 'simultaneous';
  winner: string | null;
}

export type StageAudience = 'screen' | 'team' | 'judge' | 'host';

export interface StageQuestionView {
  round: number;
  question: number;
  status: 'ready' | 'open' | 'answering' | 'closed';
  eligible: string[];
  answering: string | null;
  riskValue: number | null;
  buzzOpenAt: number | null;
  deadline: number | null;
  /** Buzzes of the current opening, in arrival order. */
  buzzes: { teamId: string; at: number }[];
  wrong: string[];
  falseStarts: string[];
  /** Teams that submitted an answer (all-answer and tiebreak). */
  submitted: string[];
  marks: Record<string, boolean>;
  /**
   * The question as read out. In a risk round the screen and the teams get an empty `stem`,
   * `options` and `questionId` while the status is `ready`: the stake is picked before the
   * question is read.
   */
  content: StageQuestionContentDto;
  /** Host and judges always; the screen and the teams once the question is closed or every team on it is judged. */
  key: StageKeyDto | null;
}

export interface StageView {
  id: string;
  title: string;
  audience: StageAudience;
  status: 'setup' | 'running' | 'finished';
  rounds: StageRoundDto[];
  /** -1 before the first question. */
  round: number;
  teams: { id: string; name: string; branchName: string | null; score: number }[];
  question: StageQuestionView | null;
  /** The latest score change, for the scoreboard's animation. */
  lastChange: StageAuditEntryDto | null;
  serverNow: number;
  /** Team audience: the team this device plays for. */
  teamId: string | null;
  /**
   * Host and judges: every submission of the current question; a team sees its own only; the
   * screen sees them all once the key is shown (closed or judged), none before.
   */
  submissions: Record<string, { answer: string; at: number }>;
  /** Host and judges: the whole audit log and buzz log. */
  log: StageAuditEntryDto[];
  buzzLog: StageBuzzLogEntryDto[];
}

export const stageWatchInputSchema = z.object({ stageId: z.string().min(1).max(36) });
export const stageTeamJoinInputSchema = z.object({ stageId: z.string().min(1).max(36), token: z.string().min(8).max(64) });
export const stageStaffJoinInputSchema = z.object({ stageId: z.string().min(1).max(36), role: z.enum(['host', 'judge']) });

export const stageHostCommandSchema = z.discriminatedUnion('action', [
  z.object({ stageId: z.string().min(1).max(36), action: z.literal('next') }),
  z.object({ stageId: z.string().min(1).max(36), action: z.literal('openBuzz') }),
  z.object({ stageId: z.string().min(1).max(36), action: z.literal('openAnswers') }),
  /** Marks every unmarked submission against the question's accepted answers. */
  z.object({ stageId: z.string().min(1).max(36), action: z.literal('autoJudge') }),
  /** The host stakes for the team on turn when its device is not used. */
  z.object({ stageId: z.string().min(1).max(36), action: z.literal('pickRisk'), teamId: z.string().min(1).max(36), value: z.number().int() }),
]);
export type StageHostCommand = z.infer<typeof stageHostCommandSchema>;

export const stageJudgeCommandSchema = z.discriminatedUnion('action', [
  z.object({ stageId: z.string().min(1).max(36), action: z.literal('mark'), teamId: z.string().min(1).max(36), right: z.boolean() }),
  z.object({
    stageId: z.string().min(1).max(36),
    action: z.literal('adjust'),
    teamId: z.string().min(1).max(36),
    delta: z.number().int().min(-100).max(100).refine((d) => d !== 0, 'not zero'),
    reason: z.string().trim().min(1).max(200),
  }),
  z.object({ stageId: z.string().min(1).max(36), action: z.literal('undo'), reason: z.string().trim().max(200).optional() }),
]);
export type StageJudgeCommand = z.infer<typeof stageJudgeCommandSchema>;

export const stageBuzzInputSchema = z.object({ stageId: z.string().min(1).max(36) });
export const stageRiskInputSchema = z.object({ stageId: z.string().min(1).max(36), value: z.number().int().min(1).max(100) });
export const stageSubmitInputSchema = z.object({ stageId: z.string().min(1).max(36), answer: z.string().trim().min(1).max(200) });

export interface StageBuzzResult {
  kind: 'falseStart' | 'first' | 'simultaneous';
  /** The team holding the floor after this buzz. */
  winner: string | null;
}

export interface StageServerToClientEvents {
  /** The stage as this socket's audience sees it; sent on every change. */
  'stage:view': (view: StageView) => void;
}

export interface StageClientToServerEvents {
  /** The projector scoreboard (no login; no keys before a question is judged). */
  'stage:watch': (input: z.infer<typeof stageWatchInputSchema>, ack: AckCallback<StageView>) => void;
  /** A team device, with the team's token. */
  'stage:team': (input: z.infer<typeof stageTeamJoinInputSchema>, ack: AckCallback<StageView>) => void;
  /** Host console or judge console (a logged-in host or admin). */
  'stage:staff': (input: z.infer<typeof stageStaffJoinInputSchema>, ack: AckCallback<StageView>) => void;
  'stage:host': (input: StageHostCommand, ack: AckCallback<StageView>) => void;
  'stage:judge': (input: StageJudgeCommand, ack: AckCallback<StageView>) => void;
  'stage:buzz': (input: z.infer<typeof stageBuzzInputSchema>, ack: AckCallback<StageBuzzResult>) => void;
  'stage:risk': (input: z.infer<typeof stageRiskInputSchema>, ack: AckCallback<StageView>) => void;
  'stage:submit': (input: z.infer<typeof stageSubmitInputSchema>, ack: AckCallback<StageView>) => void;
}

/** Every client event name (a missing one fails the build): the server refuses any other. */
export const STAGE_CLIENT_EVENTS: Record<keyof StageClientToServerEvents, true> = {
  'stage:watch': true,
  'stage:team': true,
  'stage:staff': true,
  'stage:host': true,
  'stage:judge': true,
  'stage:buzz': true,
  'stage:risk': true,
  'stage:submit': true,
};
