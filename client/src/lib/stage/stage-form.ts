// The "new stage contest" form as data: teams, ordered rounds with their rules, the question
// source; a ready-made programme (必答, 抢答, 风险, 共答, 加赛) so a first-time host can create at
// once; the request built from it; and every validation issue (ours or the api's, which share
// the protocol's schema and so its issue paths) tied to the field it concerns.
import {
  createStageInputSchema,
  type BranchDto,
  type CreateStageInput,
  type ErrorBody,
  type StageRoundType,
  type StageRulesInput,
} from '@dangshi/protocol';
import type { MessageKey, MessageParams } from '$lib/i18n';
import { DEFAULT_RULES, RULES_OF, isTurnBased, type RuleName } from './stage-rules';

export const MIN_TEAMS = 2;
export const MAX_TEAMS = 8;
export const MAX_ROUNDS = 10;

export type SourceKind = 'categories' | 'set';
/** The default title of a round of this type, in the host's language. */
export type TitleFor = (type: StageRoundType) => string;

export interface RulesDraft {
  /** Numbers are null while their field is empty. */
  right: number | null;
  wrong: number | null;
  /** As typed: "10, 20, 30" (Chinese commas and 、 work too). */
  riskValues: string;
  falseStartPenalty: number | null;
  falseStartLocksOut: boolean;
  passOnWrong: boolean;
  fairnessWindowMs: number | null;
  /** Answer time in seconds (the protocol counts milliseconds). */
  limitSec: number | null;
}

export interface RoundDraft {
  key: number;
  type: StageRoundType;
  title: string;
  questionCount: number | null;
  /** Turn-based rounds ask one question per team until the host types another number. */
  countFollowsTeams: boolean;
  rules: RulesDraft;
}

export interface TeamDraft {
  key: number;
  name: string;
  /** '' when the team represents no branch. */
  branchId: string;
  memberIds: string[];
}

export interface StageForm {
  title: string;
  teams: TeamDraft[];
  rounds: RoundDraft[];
  source: SourceKind;
  setId: string;
  categories: string[];
}

let lastKey = 0;
const nextKey = () => ++lastKey;

export function rulesDraft(type: StageRoundType): RulesDraft {
  const d = DEFAULT_RULES[type];
  return {
    right: d.right,
    wrong: d.wrong,
    riskValues: d.riskValues.join(', '),
    falseStartPenalty: d.falseStartPenalty,
    falseStartLocksOut: d.falseStartLocksOut,
    passOnWrong: d.passOnWrong,
    fairnessWindowMs: d.fairnessWindowMs,
    limitSec: d.limitMs / 1000,
  };
}

/** A round of this type with its default title, rules and question count. */
export function newRound(type: StageRoundType, teamCount: number, titleFor: TitleFor, questionCount?: number): RoundDraft {
  const follows = isTurnBased(type) && questionCount === undefined;
  return {
    key: nextKey(),
    type,
    title: titleFor(type),
    questionCount: follows ? Math.max(1, teamCount) : (questionCount ?? 3),
    countFollowsTeams: follows,
    rules: rulesDraft(type),
  };
}

/** The usual evening: 必答 (one per team), 抢答 5, 风险 (one per team), 共答 3, 加赛 if tied. */
export function defaultRounds(teamCount: number, titleFor: TitleFor): RoundDraft[] {
  return [
    newRound('assigned', teamCount, titleFor),
    newRound('buzz', teamCount, titleFor, 5),
    newRound('risk', teamCount, titleFor),
    newRound('allAnswer', teamCount, titleFor, 3),
    newRound('tiebreak', teamCount, titleFor, 1),
  ];
}

export function newTeam(name = '', branchId = ''): TeamDraft {
  return { key: nextKey(), name, branchId, memberIds: [] };
}

export function defaultForm(title: string, titleFor: TitleFor): StageForm {
  return { title, teams: [], rounds: defaultRounds(MIN_TEAMS, titleFor), source: 'categories', setId: '', categories: [] };
}

/** One team per active branch, in the organisation's order (at most MAX_TEAMS). */
export function teamsFromBranches(branches: BranchDto[]): TeamDraft[] {
  return branches
    .filter((b) => b.active)
    .sort((a, b) => a.displayOrder - b.displayOrder || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, MAX_TEAMS)
    .map((b) => newTeam(b.name, b.id));
}

/** Placeholder teams when there are no branches to start from: 第1队, 第2队… */
export function placeholderTeams(count: number, nameFor: (n: number) => string): TeamDraft[] {
  return Array.from({ length: count }, (_, i) => newTeam(nameFor(i + 1)));
}

/** Turn-based rounds that still follow the team count get the new count. */
export function syncCounts(form: StageForm): void {
  for (const round of form.rounds) {
    if (round.countFollowsTeams) round.questionCount = Math.max(1, form.teams.length);
  }
}

/** A new type keeps a title the host wrote, but takes the new type's rules and default title. */
export function changeRoundType(round: RoundDraft, type: StageRoundType, teamCount: number, titleFor: TitleFor): RoundDraft {
  const wasDefaultTitle = !round.title.trim() || round.title === titleFor(round.type);
  const follows = isTurnBased(type);
  return {
    ...round,
    type,
    title: wasDefaultTitle ? titleFor(type) : round.title,
    questionCount: follows ? Math.max(1, teamCount) : round.questionCount,
    countFollowsTeams: follows,
    rules: rulesDraft(type),
  };
}

/** Moves an item one place up (-1) or down (+1); out of range does nothing. */
export function move<T>(items: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return items;
  const copy = [...items];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

/** "10, 20，30、40" → [10, 20, 30, 40]; a part that is not a number stays NaN for the schema. */
export function parseRiskValues(text: string): number[] {
  return text
    .split(/[\s,，、;；]+/)
    .filter((part) => part !== '')
    .map((part) => (/^[+-]?\d+$/.test(part) ? Number(part) : Number.NaN));
}

// An empty number field is sent as NaN, which the schema refuses at the field's own path.
const num = (value: number | null | undefined) => (typeof value === 'number' ? value : Number.NaN);

function rulesInput(round: RoundDraft): StageRulesInput {
  const draft = round.rules;
  const all: Required<StageRulesInput> = {
    right: num(draft.right),
    wrong: num(draft.wrong),
    riskValues: parseRiskValues(draft.riskValues),
    falseStartPenalty: num(draft.falseStartPenalty),
    falseStartLocksOut: draft.falseStartLocksOut,
    passOnWrong: draft.passOnWrong,
    fairnessWindowMs: num(draft.fairnessWindowMs),
    limitMs: Math.round(num(draft.limitSec) * 1000),
  };
  const used: StageRulesInput = {};
  for (const name of RULES_OF[round.type]) (used as Record<RuleName, unknown>)[name] = all[name];
  return used;
}

export function toCreateInput(form: StageForm): CreateStageInput {
  return {
    title: form.title.trim(),
    teams: form.teams.map((team) => ({
      name: team.name.trim(),
      ...(team.branchId ? { branchId: team.branchId } : {}),
      memberIds: team.memberIds,
    })),
    rounds: form.rounds.map((round) => ({
      type: round.type,
      title: round.title.trim(),
      // A tiebreak runs until the tie is broken; the count is required but ignored.
      questionCount: round.type === 'tiebreak' ? 1 : num(round.questionCount),
      rules: rulesInput(round),
    })),
    source: form.source === 'set' ? { setId: form.setId, categories: [] } : { categories: form.categories },
  };
}

export interface FormIssue {
  /** The field it marks (`title`, `team-0-name`, `round-2-right`…); null for the whole form. */
  field: string | null;
  key: MessageKey;
  params?: MessageParams;
}

// The switches (booleans) cannot be wrong from this form; they fall through to the general text.
const RULE_ISSUES: Partial<Record<RuleName, MessageKey>> = {
  right: 'stage.issue.right',
  wrong: 'stage.issue.wrong',
  riskValues: 'stage.issue.riskValues',
  falseStartPenalty: 'stage.issue.falseStartPenalty',
  fairnessWindowMs: 'stage.issue.fairnessWindowMs',
  limitMs: 'stage.issue.limitMs',
};

/** The issue for a schema path (as the api joins it: 'rounds.1.rules.right'). */
export function issueFor(path: string, detail: string): FormIssue {
  const parts = path.split('.');
  const [head, index, field, rule] = parts;
  const n = Number(index);
  if (path === 'title') return { field: 'title', key: 'stage.issue.title' };
  if (path === 'teams') return { field: 'teams', key: 'stage.issue.teams', params: { min: MIN_TEAMS, max: MAX_TEAMS } };
  if (path === 'rounds') return { field: 'rounds', key: 'stage.issue.rounds', params: { max: MAX_ROUNDS } };
  if (head === 'teams' && Number.isInteger(n)) {
    const params = { n: n + 1 };
    if (field === 'name') return { field: `team-${n}-name`, key: 'stage.issue.teamName', params };
    if (field === 'memberIds') return { field: `team-${n}-members`, key: 'stage.issue.teamMembers', params };
    if (field === 'branchId') return { field: `team-${n}-branch`, key: 'stage.issue.teamBranch', params };
  }
  if (head === 'rounds' && Number.isInteger(n)) {
    const params = { n: n + 1 };
    if (field === 'title') return { field: `round-${n}-title`, key: 'stage.issue.roundTitle', params };
    if (field === 'questionCount') return { field: `round-${n}-count`, key: 'stage.issue.roundCount', params };
    if (field === 'type') return { field: `round-${n}-type`, key: 'stage.issue.roundType', params };
    const ruleKey = field === 'rules' && rule ? RULE_ISSUES[rule as RuleName] : undefined;
    if (ruleKey) return { field: `round-${n}-${rule}`, key: ruleKey, params };
  }
  if (path === 'source.setId') return { field: 'set', key: 'stage.issue.set' };
  if (head === 'source' && index === 'categories') return { field: 'categories', key: 'stage.issue.categories' };
  return { field: null, key: 'stage.issue.other', params: { path: path || '-', detail } };
}

/** The schema's checks before sending, plus what the schema cannot know. */
export function checkForm(form: StageForm): FormIssue[] {
  const issues: FormIssue[] = [];
  if (form.source === 'set' && !form.setId) issues.push({ field: 'set', key: 'stage.issue.setMissing' });
  const seen = new Map<string, number>();
  form.teams.forEach((team, i) => {
    const name = team.name.trim();
    if (!name) return;
    if (seen.has(name)) issues.push({ field: `team-${i}-name`, key: 'stage.issue.teamDuplicate', params: { name } });
    else seen.set(name, i);
  });
  const parsed = createStageInputSchema.safeParse(toCreateInput(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      // Risk values: one issue for the field, not one per bad value.
      const found = issueFor(path.slice(0, 4).join('.'), issue.message);
      // "choose a set" already says what an empty set id means.
      if (!(found.field === 'set' && !form.setId)) issues.push(found);
    }
  }
  return ordered(dedupe(issues));
}

/** Issues attached to an api error (VALIDATION_FAILED and friends), in form order. */
export function apiIssues(issues: ErrorBody['issues']): FormIssue[] {
  if (!issues?.length) return [];
  return ordered(dedupe(issues.map((i) => issueFor(i.path.split('.').slice(0, 4).join('.'), i.message))));
}

/** Turn-based rounds whose count is not a multiple of the team count: some teams get fewer. */
export function unevenRounds(form: StageForm): number[] {
  const n = form.teams.length;
  if (n < MIN_TEAMS) return [];
  return form.rounds.flatMap((r, i) => (isTurnBased(r.type) && r.questionCount && r.questionCount % n !== 0 ? [i] : []));
}

// Top to bottom as the form shows them: title, teams, rounds (each round's fields), source.
function rank(issue: FormIssue): number {
  const f = issue.field;
  if (f === null) return 1e6;
  if (f === 'title') return 0;
  if (f === 'teams') return 1;
  const team = /^team-(\d+)-/.exec(f);
  if (team) return 10 + Number(team[1]);
  if (f === 'rounds') return 100;
  const round = /^round-(\d+)-/.exec(f);
  if (round) return 101 + Number(round[1]);
  return 1000;
}

function ordered(issues: FormIssue[]): FormIssue[] {
  return [...issues].sort((a, b) => rank(a) - rank(b));
}

function dedupe(issues: FormIssue[]): FormIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const id = `${i.field}|${i.key}|${JSON.stringify(i.params ?? {})}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
