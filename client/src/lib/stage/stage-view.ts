// What each stage page makes of the server's StageView: the round of the current question,
// which host commands and judge marks make sense now, the state of a team's buzzer, stake
// picker and answer box, and the standings. All pure, so the rules live in one tested place and
// every page agrees with the engine (which refuses anything else anyway).
import type { StageRoundType, StageView } from '@dangshi/protocol';
import { DEFAULT_RULES, isTurnBased, isWritten } from './stage-rules';

type Question = NonNullable<StageView['question']>;
type Round = StageView['rounds'][number];

/** The round the current question belongs to. */
export function currentRound(view: StageView): Round | null {
  return view.question ? (view.rounds[view.question.round] ?? null) : null;
}

export function roundType(view: StageView): StageRoundType | null {
  return currentRound(view)?.type ?? null;
}

/** Identifies a question across views (buzzer presses and stakes belong to one question). */
export function questionKey(q: Pick<Question, 'round' | 'question'> | null): string {
  return q ? `${q.round}:${q.question}` : '';
}

export function teamName(view: StageView, teamId: string | null | undefined): string {
  return view.teams.find((t) => t.id === teamId)?.name ?? '';
}

/** The stakes the current risk round allows (its rules as the host set them). */
export function riskChoices(view: StageView): number[] {
  return currentRound(view)?.rules.riskValues ?? DEFAULT_RULES.risk.riskValues;
}

/** The current round's answer time, for countdown rings that start full on every device. */
export function answerLimitMs(view: StageView): number | null {
  return currentRound(view)?.rules.limitMs ?? null;
}

/** Why the host may not move on: someone has the floor or an answer waits for the judges. */
export function nextBlocked(view: StageView): boolean {
  const q = view.question;
  const type = roundType(view);
  if (!q || !type || view.status !== 'running') return false;
  if (q.status === 'answering') return true;
  if (isTurnBased(type) && q.status !== 'closed') return true;
  return q.submitted.some((id) => !(id in q.marks));
}

export interface HostOptions {
  start: boolean;
  next: boolean;
  /** next is shown but waits for the judges (the engine would answer STAGE_UNJUDGED). */
  nextBlocked: boolean;
  openBuzz: boolean;
  openAnswers: boolean;
  autoJudge: boolean;
  /** The team whose stake the host may pick for it (risk round, before the stake). */
  pickRiskFor: string | null;
}

export function hostOptions(view: StageView): HostOptions {
  const q = view.question;
  const type = roundType(view);
  const running = view.status === 'running';
  const unmarked = q ? q.submitted.some((id) => !(id in q.marks)) : false;
  return {
    start: view.status === 'setup',
    next: running,
    nextBlocked: nextBlocked(view),
    openBuzz: running && type === 'buzz' && q?.status === 'ready',
    openAnswers: running && type !== null && isWritten(type) && q?.status === 'ready',
    autoJudge: running && type !== null && isWritten(type) && q !== null && q.status !== 'ready' && unmarked,
    pickRiskFor: running && type === 'risk' && q?.status === 'ready' && q.riskValue === null ? q.answering : null,
  };
}

export interface JudgeRow {
  teamId: string;
  name: string;
  /** The written answer (all-answer and tiebreak rounds). */
  answer: string | null;
  /** The judges' verdict so far. */
  mark: boolean | null;
  /** Right/wrong buttons make sense now. */
  canMark: boolean;
  /** This team holds the floor (single-answer rounds). */
  floor: boolean;
}

/** One row per team taking part in the current question, with what the judges may do. */
export function judgeRows(view: StageView): JudgeRow[] {
  const q = view.question;
  const type = roundType(view);
  if (!q || !type || view.status !== 'running') return [];
  return q.eligible.map((teamId) => {
    const answer = view.submissions[teamId]?.answer ?? null;
    const mark = teamId in q.marks ? (q.marks[teamId] ?? null) : null;
    const floor = !isWritten(type) && q.answering === teamId && q.status === 'answering';
    const submitted = answer !== null || q.submitted.includes(teamId);
    const canMark = isWritten(type) ? submitted && mark === null : floor;
    return { teamId, name: teamName(view, teamId), answer, mark, canMark, floor };
  });
}

// ---- the team device --------------------------------------------------------------------------

/** What happened when this device last pressed the buzzer for the current question. */
export type PressOutcome = 'first' | 'simultaneous' | 'falseStart' | 'late' | 'refused';

export type BuzzerState =
  /** Not a buzz question. */
  | 'hidden'
  /** The host has not opened the buzzers yet: a press now is a false start. */
  | 'early'
  | 'open'
  /** This team has the floor. */
  | 'won'
  /** Another team was faster (this team pressed too). */
  | 'late'
  /** Another team has the floor (this team did not press). */
  | 'taken'
  | 'falseStart'
  | 'wrong'
  /** Answered right, or the question is over. */
  | 'right'
  | 'closed';

export function buzzerState(view: StageView, teamId: string, pressed: PressOutcome | null): BuzzerState {
  const q = view.question;
  if (!q || view.status !== 'running' || roundType(view) !== 'buzz') return 'hidden';
  if (q.marks[teamId] === true) return 'right';
  if (q.wrong.includes(teamId)) return 'wrong';
  // A false start locks the team out of the question unless the round's rules say otherwise.
  if (q.falseStarts.includes(teamId) && (currentRound(view)?.rules.falseStartLocksOut ?? true)) return 'falseStart';
  if (q.status === 'ready') return q.falseStarts.includes(teamId) ? 'falseStart' : 'early';
  if (q.status === 'open') return q.eligible.includes(teamId) ? 'open' : 'closed';
  if (q.status === 'answering') {
    if (q.answering === teamId) return 'won';
    return pressed ? 'late' : 'taken';
  }
  return 'closed';
}

export type StakeState =
  | { kind: 'none' }
  /** This team picks its stake now. */
  | { kind: 'pick'; values: number[] }
  /** Another team is picking. */
  | { kind: 'waiting'; teamId: string }
  | { kind: 'picked'; teamId: string; value: number };

export function stakeState(view: StageView, teamId: string): StakeState {
  const q = view.question;
  if (!q || view.status !== 'running' || roundType(view) !== 'risk') return { kind: 'none' };
  // After the judges' mark the floor is empty again; the team on turn is the question's own.
  const onTurn = q.answering ?? q.eligible[q.question % Math.max(1, q.eligible.length)] ?? '';
  if (q.riskValue !== null) return { kind: 'picked', teamId: onTurn, value: q.riskValue };
  if (q.status !== 'ready' || !q.answering) return { kind: 'none' };
  return q.answering === teamId ? { kind: 'pick', values: riskChoices(view) } : { kind: 'waiting', teamId: q.answering };
}

export type AnswerBoxState =
  | { kind: 'none' }
  /** Written round, answers not open yet. */
  | { kind: 'waiting' }
  | { kind: 'open'; deadline: number | null }
  | { kind: 'submitted'; answer: string; mark: boolean | null }
  /** Time is up without an answer from this team. */
  | { kind: 'missed' }
  /** A tiebreak this team is not part of. */
  | { kind: 'notEligible' };

export function answerBox(view: StageView, teamId: string): AnswerBoxState {
  const q = view.question;
  const type = roundType(view);
  if (!q || !type || view.status !== 'running' || !isWritten(type)) return { kind: 'none' };
  if (!q.eligible.includes(teamId)) return { kind: 'notEligible' };
  const mine = view.submissions[teamId];
  const mark = teamId in q.marks ? (q.marks[teamId] ?? null) : null;
  if (mine) return { kind: 'submitted', answer: mine.answer, mark };
  if (q.submitted.includes(teamId)) return { kind: 'submitted', answer: '', mark };
  if (q.status === 'ready') return { kind: 'waiting' };
  if (q.status === 'open') return { kind: 'open', deadline: q.deadline };
  return { kind: 'missed' };
}

// ---- scores -------------------------------------------------------------------------------------

export interface Standing {
  teamId: string;
  name: string;
  branchName: string | null;
  score: number;
  /** 1 for the leader(s); teams on equal scores share a rank. */
  rank: number;
  /** Bar length, 0–1 of the best score (negative scores draw no bar). */
  share: number;
}

/** The teams in seat order with their rank and bar share (the scoreboard keeps seats still). */
export function standings(view: Pick<StageView, 'teams'>): Standing[] {
  const best = Math.max(0, ...view.teams.map((t) => t.score));
  return view.teams.map((t) => ({
    teamId: t.id,
    name: t.name,
    branchName: t.branchName,
    score: t.score,
    rank: 1 + view.teams.filter((o) => o.score > t.score).length,
    share: best > 0 ? Math.max(0, t.score) / best : 0,
  }));
}

/** "+10", "−5", "0": a score change as the hall should read it. */
export function signed(delta: number): string {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${Math.abs(delta)}`;
  return '0';
}

// ---- where we are and what is happening ---------------------------------------------------------

export interface Progress {
  roundTitle: string;
  /** 1-based question number within the round. */
  n: number;
  /** null in a tiebreak (it runs until the tie is broken). */
  total: number | null;
}

export function progress(view: StageView): Progress | null {
  const q = view.question;
  const round = currentRound(view);
  if (!q || !round || view.status !== 'running') return null;
  return { roundTitle: round.title, n: q.question + 1, total: round.type === 'tiebreak' ? null : round.questionCount };
}

/** The one line the hall needs about the current question (projector banner, consoles). */
export type Announcement =
  | { kind: 'buzzReady' }
  | { kind: 'buzzOpen' }
  | { kind: 'buzzWinner'; teamId: string }
  | { kind: 'onTurn'; teamId: string }
  | { kind: 'stakeWaiting'; teamId: string }
  | { kind: 'stake'; teamId: string; value: number }
  | { kind: 'answersReady' }
  | { kind: 'answersOpen'; submitted: number; total: number }
  | { kind: 'answersClosed'; submitted: number; total: number }
  | { kind: 'marked'; teamId: string; right: boolean };

export function announce(view: StageView): Announcement | null {
  const q = view.question;
  const type = roundType(view);
  if (!q || !type || view.status !== 'running') return null;
  if (isWritten(type)) {
    const counts = { submitted: q.submitted.length, total: q.eligible.length };
    if (q.status === 'ready') return { kind: 'answersReady' };
    return q.status === 'open' ? { kind: 'answersOpen', ...counts } : { kind: 'answersClosed', ...counts };
  }
  if (q.status === 'closed') {
    const right = Object.keys(q.marks).find((id) => q.marks[id]);
    const last = right ?? q.wrong.at(-1) ?? Object.keys(q.marks).at(-1);
    return last ? { kind: 'marked', teamId: last, right: Boolean(right) } : null;
  }
  if (type === 'buzz') {
    if (q.status === 'ready') return { kind: 'buzzReady' };
    if (q.status === 'open') return { kind: 'buzzOpen' };
    return q.answering ? { kind: 'buzzWinner', teamId: q.answering } : null;
  }
  if (!q.answering) return null;
  if (type === 'risk') {
    return q.riskValue === null ? { kind: 'stakeWaiting', teamId: q.answering } : { kind: 'stake', teamId: q.answering, value: q.riskValue };
  }
  return { kind: 'onTurn', teamId: q.answering };
}
