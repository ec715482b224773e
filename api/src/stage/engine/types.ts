// The on-stage knowledge contest (知识竞赛): a few teams on a stage, a host reading questions,
// judges confirming answers. Everything here is plain data (JSON-serialisable) so a snapshot can
// be stored and restored; the engine in engine.ts is a pure (state, command, now) → step.
import type { ErrorCode, StageRoundType } from '@dangshi/protocol';

export type { StageRoundType };

/** Refusal codes of the stage engine: the protocol's STAGE_* codes the rules can raise. */
export type StageErrorCode = Extract<
  ErrorCode,
  | 'STAGE_WRONG_PHASE'
  | 'STAGE_TEAM_NOT_FOUND'
  | 'STAGE_NOT_YOUR_TURN'
  | 'STAGE_ALREADY_WRONG'
  | 'STAGE_ALREADY_BUZZED'
  | 'STAGE_FALSE_START_LOCKED'
  | 'STAGE_BUZZ_CLOSED'
  | 'STAGE_RISK_VALUE'
  | 'STAGE_TOO_LATE'
  | 'STAGE_ALREADY_ANSWERED'
  | 'STAGE_NO_ANSWER'
  | 'STAGE_ALREADY_JUDGED'
  | 'STAGE_UNJUDGED'
  | 'STAGE_REASON_REQUIRED'
  | 'STAGE_BAD_DELTA'
  | 'STAGE_NOTHING_TO_UNDO'
>;

export interface StageTeam {
  id: string;
  name: string;
  /** The branch (支部) the team represents, when there is one. */
  branch?: string;
}

export interface RoundRules {
  /** Score change for a right answer (risk rounds use the picked value instead). */
  right: number;
  /** Score change for a wrong answer, 0 or negative (risk rounds use minus the picked value). */
  wrong: number;
  /** Risk: the values a team may stake. */
  riskValues: number[];
  /** Buzz: score change for a buzz before the host opens the buzzers (negative). */
  falseStartPenalty: number;
  /** Buzz: a team that false-started cannot buzz again on that question. */
  falseStartLocksOut: boolean;
  /** Buzz: after a wrong answer the buzzers reopen for the teams that have not answered wrong. */
  passOnWrong: boolean;
  /** Buzz: buzzes within this many ms of the first are logged as simultaneous. */
  fairnessWindowMs: number;
  /** All-answer and tiebreak: answer time from the moment the host opens answers. */
  limitMs: number;
}

export interface StageRound {
  type: StageRoundType;
  title: string;
  /** Questions in the round; a tiebreak round ignores it (it runs until one team leads). */
  questionCount: number;
  rules: RoundRules;
}

/**
 * ready:     the question is read; nobody may answer yet (buzz: a buzz now is a false start).
 * open:      buzzers open (buzz) or answers accepted until the deadline (allAnswer, tiebreak).
 * answering: one team has the floor (assigned, risk after the pick, buzz after the winning buzz).
 * closed:    no more answers; judges may still mark all-answer submissions.
 */
export type QuestionStatus = 'ready' | 'open' | 'answering' | 'closed';

export interface Buzz {
  teamId: string;
  at: number;
}

export interface Submission {
  answer: string;
  at: number;
}

export interface QuestionCore {
  /** Round index (0-based) and question index within the round (0-based). */
  round: number;
  question: number;
  /** Questions asked before this one in the whole programme: rotates the exact-tie rule. */
  number: number;
  status: QuestionStatus;
  /** Teams taking part: all teams, or the tied leaders in a tiebreak. */
  eligible: string[];
  /** The team that has the floor (assigned and risk: its turn; buzz: the buzz winner). */
  answering: string | null;
  /** Risk: the stake picked before the question. */
  riskValue: number | null;
  buzzOpenAt: number | null;
  /** Buzzes of the current opening, in arrival order (reset when the buzzers reopen). */
  buzzes: Buzz[];
  /** Teams that answered this question wrong (buzz: they may not buzz again). */
  wrong: string[];
  /** Teams that buzzed before the buzzers opened. */
  falseStarts: string[];
  deadline: number | null;
  submissions: Record<string, Submission>;
  /** Judgements so far: team → right. */
  marks: Record<string, boolean>;
}

export interface QuestionState extends QuestionCore {
  /** Single-answer questions: the state just before each judge's mark (by audit seq), for undo. */
  beforeMark: Record<number, QuestionCore>;
}

export type AuditReason = 'right' | 'wrong' | 'falseStart' | 'adjust' | 'undo';

/** One score change. The log is append-only: scores always equal recompute(log). */
export interface AuditEntry {
  /** 1, 2, 3, … in order of entry. */
  seq: number;
  at: number;
  /** 'engine' for automatic changes (false starts, auto-judge), else the judge's id. */
  by: 'engine' | string;
  teamId: string;
  /** May be 0: a wrong answer in a round without penalty is still a judgement on record. */
  delta: number;
  reason: AuditReason;
  /** The judge's reason for an adjustment or an undo. */
  note: string | null;
  /** Where it happened (null before the first question). */
  round: number | null;
  question: number | null;
  /** An undo: the seq of the entry it reverses. */
  ref: number | null;
}

/** Every buzz as it arrived, including false starts and buzzes inside the fairness window. */
export interface BuzzLogEntry {
  round: number;
  question: number;
  teamId: string;
  at: number;
  kind: 'falseStart' | 'first' | 'simultaneous';
  /** The team holding the floor after this buzz (null for a false start). */
  winner: string | null;
}

export interface StageState {
  id: string;
  teams: StageTeam[];
  rounds: StageRound[];
  status: 'setup' | 'running' | 'finished';
  /** -1 before the first question. */
  round: number;
  question: QuestionState | null;
  questionsAsked: number;
  scores: Record<string, number>;
  log: AuditEntry[];
  buzzLog: BuzzLogEntry[];
  createdAt: number;
  endedAt: number | null;
}

export type StageCommand =
  /** Host: the next question (the first one from setup; finishes after the last). */
  | { type: 'next' }
  /** Host: open the buzzers (buzz rounds). */
  | { type: 'openBuzz' }
  | { type: 'buzz'; teamId: string }
  /** Risk: the team on turn stakes a value before the question is read. */
  | { type: 'pickRisk'; teamId: string; value: number }
  /** Host: start the answer time (allAnswer, tiebreak). */
  | { type: 'openAnswers' }
  | { type: 'submit'; teamId: string; answer: string }
  /** Timer: the answer time is over. */
  | { type: 'deadline'; round: number; question: number }
  | { type: 'mark'; judgeId: string; teamId: string; right: boolean }
  /** Marks every unmarked submission against accepted answers. */
  | { type: 'autoJudge'; accepted: string[] }
  | { type: 'adjust'; judgeId: string; teamId: string; delta: number; reason: string }
  | { type: 'undo'; judgeId: string; reason?: string };

export type StageEffect =
  | { type: 'viewChanged' }
  | { type: 'scoreChanged'; entry: AuditEntry }
  | { type: 'floor'; teamId: string | null }
  | { type: 'persistSnapshot' }
  | { type: 'schedule'; key: 'deadline'; at: number; command: StageCommand }
  | { type: 'cancel'; key: 'deadline' }
  | { type: 'finished' };

export interface BuzzResult {
  kind: BuzzLogEntry['kind'];
  winner: string | null;
}

export type StageReply = { ok: true; data?: BuzzResult } | { ok: false; code: StageErrorCode };

export interface StageStep {
  effects: StageEffect[];
  reply: StageReply;
}
