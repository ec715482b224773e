// The round types of the stage contest as the set-up form shows them: which rules matter for
// each type, and the defaults it pre-fills. The defaults are the protocol's, which the server's
// engine uses too; the form always sends the rules it shows, so the server runs
// exactly what the host saw even if its own defaults change.
import { STAGE_DEFAULT_RULES, type StageRoundType, type StageRules } from '@dangshi/protocol';
import type { MessageKey } from '$lib/i18n';

export type RuleName = keyof StageRules;
export type Rules = StageRules;

export const DEFAULT_RULES = STAGE_DEFAULT_RULES;

/** The rules each round type actually uses (the others would be ignored by the engine). */
export const RULES_OF: Record<StageRoundType, readonly RuleName[]> = {
  assigned: ['right', 'wrong'],
  buzz: ['right', 'wrong', 'falseStartPenalty', 'falseStartLocksOut', 'passOnWrong', 'fairnessWindowMs'],
  // A risk question is worth the stake either way: right and wrong do not apply.
  risk: ['riskValues'],
  allAnswer: ['right', 'wrong', 'limitMs'],
  tiebreak: ['right', 'wrong', 'limitMs'],
};

/** The name of a round type, which is also the default title of such a round. */
export const ROUND_TYPE_KEYS: Record<StageRoundType, MessageKey> = {
  assigned: 'stage.round.assigned',
  buzz: 'stage.round.buzz',
  risk: 'stage.round.risk',
  allAnswer: 'stage.round.allAnswer',
  tiebreak: 'stage.round.tiebreak',
};

/** One line explaining how a round type is played, under the type picker. */
export const ROUND_HINT_KEYS: Record<StageRoundType, MessageKey> = {
  assigned: 'stage.round.assignedHint',
  buzz: 'stage.round.buzzHint',
  risk: 'stage.round.riskHint',
  allAnswer: 'stage.round.allAnswerHint',
  tiebreak: 'stage.round.tiebreakHint',
};

/** Rounds whose questions go to the teams in turn: one per team is the fair default count. */
export const isTurnBased = (type: StageRoundType) => type === 'assigned' || type === 'risk';
/** Rounds in which every team answers in writing before a deadline. */
export const isWritten = (type: StageRoundType) => type === 'allAnswer' || type === 'tiebreak';
