// A stage programme as the host configured it: teams, ordered rounds, each round's rules with
// the defaults of the usual Party-history contest (必答 +10/0, 抢答 +10/−10 with −5 for a false
// start, 风险 10/20/30 won or lost, 共答 +10/0, 加赛 sudden death +10/0).
import { STAGE_DEFAULT_RULES } from '@dangshi/protocol';
import type { RoundRules, StageRound, StageRoundType, StageState, StageTeam } from './types';

/** The protocol's defaults (one definition with the set-up form). */
export const DEFAULT_RULES: Readonly<Record<StageRoundType, RoundRules>> = STAGE_DEFAULT_RULES;

const TITLES: Record<StageRoundType, string> = {
  assigned: '必答题',
  buzz: '抢答题',
  risk: '风险题',
  allAnswer: '共答题',
  tiebreak: '加赛',
};

export interface RoundInput {
  type: StageRoundType;
  title?: string;
  /** Default: one question per team. */
  questionCount?: number;
  rules?: Partial<RoundRules>;
}

export interface StageSetup {
  id: string;
  teams: StageTeam[];
  rounds: RoundInput[];
  now: number;
}

export function roundOf(input: RoundInput, teamCount: number): StageRound {
  const rules = { ...DEFAULT_RULES[input.type], ...input.rules };
  rules.riskValues = [...rules.riskValues];
  return { type: input.type, title: input.title ?? TITLES[input.type], questionCount: input.questionCount ?? teamCount, rules };
}

/** Throws on a programme that cannot run (the setup form validates before this). */
export function createStageState(setup: StageSetup): StageState {
  const ids = setup.teams.map((t) => t.id);
  if (ids.length < 2) throw new Error('a stage contest needs at least two teams');
  if (new Set(ids).size !== ids.length) throw new Error('team ids must be unique');
  if (setup.rounds.length === 0) throw new Error('a stage contest needs at least one round');
  const rounds = setup.rounds.map((r) => roundOf(r, ids.length));
  for (const r of rounds) {
    if (r.rules.wrong > 0 || r.rules.falseStartPenalty > 0) throw new Error('penalties are zero or negative');
    if (r.type === 'risk' && r.rules.riskValues.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error('risk values are positive integers');
  }
  return {
    id: setup.id,
    teams: setup.teams.map((t) => ({ ...t })),
    rounds,
    status: 'setup',
    round: -1,
    question: null,
    questionsAsked: 0,
    scores: Object.fromEntries(ids.map((id) => [id, 0])),
    log: [],
    buzzLog: [],
    createdAt: setup.now,
    endedAt: null,
  };
}
