// The "new contest" form as data: defaults taken from the protocol's own schema (one definition
// with the api), the request built from it, and validation issues (ours or the api's) turned
// into catalogue messages tied to a field.
import {
  contestSettingsSchema,
  createContestInputSchema,
  type ContestSettings,
  type CreateContestInput,
  type ErrorBody,
  type PointsMode,
  type QuestionOverride,
  type ScoringMode,
} from '@dangshi/protocol';
import type { MessageKey, MessageParams } from '$lib/i18n';

export type SourceKind = 'set' | 'random';
export type Difficulty = 1 | 2 | 3;
export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3];

/** Answer-time choices offered instead of a free number: easier on a phone, always valid. */
export const TIME_LIMIT_CHOICES = [10, 15, 20, 30, 45, 60, 90, 120] as const;

export type FormSettings = Omit<ContestSettings, 'title' | 'overrides'>;

/**
 * One row of "per-question settings": question number (from 1, as people count) and what
 * differs from the contest's settings for it. Empty fields keep the contest's setting.
 */
export interface OverrideRow {
  position: number | null;
  points: PointsMode | '';
  scoring: ScoringMode | '';
  timeLimitSec: number | null;
}

export function emptyOverride(): OverrideRow {
  return { position: null, points: '', scoring: '', timeLimitSec: null };
}

export interface ContestForm {
  title: string;
  source: SourceKind;
  setId: string;
  /** null while the number field is empty. */
  count: number | null;
  categories: string[];
  difficulty: Difficulty[];
  settings: FormSettings;
  overrides: OverrideRow[];
}

export function defaultForm(): ContestForm {
  // Parsing a bare title yields every default the api would apply; title and per-question
  // overrides have fields of their own.
  const { title: _title, overrides: _overrides, ...settings } = contestSettingsSchema.parse({ title: '-' });
  return { title: '', source: 'set', setId: '', count: 10, categories: [], difficulty: [], settings, overrides: [] };
}

/** The api's `overrides`: keyed by 0-based position; rows without a number or a change are left out. */
export function overridesInput(rows: readonly OverrideRow[]): Record<string, QuestionOverride> {
  const out: Record<string, QuestionOverride> = {};
  for (const row of rows) {
    if (row.position === null || !Number.isInteger(row.position) || row.position < 1) continue;
    const override: QuestionOverride = {};
    if (row.points) override.points = row.points;
    if (row.scoring) override.scoring = row.scoring;
    if (row.timeLimitSec !== null) override.timeLimitSec = row.timeLimitSec;
    if (Object.keys(override).length) out[String(row.position - 1)] = override;
  }
  return out;
}

/** How many questions the contest will have, when the form says (a set's size or the draw's count). */
export function questionCount(form: ContestForm, sets: readonly { id: string; questionCount: number }[]): number | null {
  if (form.source === 'random') return form.count;
  return sets.find((s) => s.id === form.setId)?.questionCount ?? null;
}

/** Rows that cannot be sent as they are: no number, a number past the last question, a repeat, or no change. */
export function overrideIssues(rows: readonly OverrideRow[], count: number | null): FormIssue[] {
  const issues: FormIssue[] = [];
  const seen = new Set<number>();
  rows.forEach((row, i) => {
    const n = i + 1;
    if (row.position === null || !Number.isInteger(row.position) || row.position < 1) {
      issues.push({ field: `override-${i}`, key: 'host.issue.overridePosition', params: { n } });
    } else if (count !== null && row.position > count) {
      issues.push({ field: `override-${i}`, key: 'host.issue.overridePastEnd', params: { n, count } });
    } else if (seen.has(row.position)) {
      issues.push({ field: `override-${i}`, key: 'host.issue.overrideRepeat', params: { n, position: row.position } });
    } else if (!row.points && !row.scoring && row.timeLimitSec === null) {
      issues.push({ field: `override-${i}`, key: 'host.issue.overrideEmpty', params: { n } });
    }
    if (row.position !== null) seen.add(row.position);
  });
  return issues;
}

export function toCreateInput(form: ContestForm): CreateContestInput {
  const settings = { ...form.settings, title: form.title.trim(), overrides: overridesInput(form.overrides) };
  if (form.source === 'set') return { settings, setId: form.setId };
  return {
    settings,
    random: { count: form.count ?? 0, categories: form.categories, difficulty: form.difficulty },
  };
}

export interface FormIssue {
  /** The field it belongs to, for aria-invalid; null when it concerns the whole form. */
  field: string | null;
  key: MessageKey;
  params?: MessageParams;
}

// The api's issue paths (joined with '.') and ours share the schema, so one table serves both.
const ISSUE_KEYS: Record<string, { field: string; key: MessageKey }> = {
  'settings.title': { field: 'title', key: 'host.issue.title' },
  setId: { field: 'set', key: 'host.issue.setId' },
  'random.count': { field: 'count', key: 'host.issue.randomCount' },
  'settings.timeLimitSec': { field: 'timeLimit', key: 'host.issue.timeLimitSec' },
  'settings.readingTimeSec': { field: 'reading', key: 'host.issue.readingTimeSec' },
  'settings.accuracyPoints': { field: 'accuracyPoints', key: 'host.issue.accuracyPoints' },
  'settings.negativePoints': { field: 'negative', key: 'host.issue.negativePoints' },
  'settings.lateJoinUntil': { field: 'lateJoin', key: 'host.issue.lateJoinUntil' },
  questions: { field: 'set', key: 'host.issue.questions' },
};

export function issueFor(path: string, detail: string): FormIssue {
  const known = ISSUE_KEYS[path];
  if (known) return { field: known.field, key: known.key };
  if (path === 'questionIds') return { field: null, key: 'host.issue.questionIds', params: { detail } };
  return { field: null, key: 'host.issue.other', params: { path: path || '-', detail } };
}

/** The same checks the api makes, before sending; plus "pick a set" which the api reports late. */
export function checkForm(form: ContestForm, count: number | null = null): FormIssue[] {
  const issues: FormIssue[] = overrideIssues(form.overrides, count);
  if (form.source === 'set' && !form.setId) issues.push(issueFor('setId', ''));
  if (form.source === 'random' && (form.count === null || !Number.isInteger(form.count))) {
    issues.push(issueFor('random.count', ''));
  }
  const parsed = createContestInputSchema.safeParse(toCreateInput(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) issues.push(issueFor(issue.path.join('.'), issue.message));
  }
  return ordered(dedupe(issues));
}

/** Issues attached to an api error body (VALIDATION_FAILED, QUESTION_NOT_FOUND…). */
export function apiIssues(issues: ErrorBody['issues']): FormIssue[] {
  if (!issues?.length) return [];
  const ids = issues.filter((i) => i.path === 'questionIds').map((i) => i.message);
  const rest = issues.filter((i) => i.path !== 'questionIds').map((i) => issueFor(i.path, i.message));
  if (ids.length) rest.push(issueFor('questionIds', ids.join('、')));
  return ordered(dedupe(rest));
}

// The order the fields appear in on the form, so the list reads top to bottom.
const FIELD_ORDER = ['title', 'set', 'count', 'accuracyPoints', 'negative', 'timeLimit', 'reading', 'lateJoin'];

function ordered(issues: FormIssue[]): FormIssue[] {
  // Override rows come after the settings, in their own order.
  const rank = (i: FormIssue) =>
    i.field === null ? FIELD_ORDER.length + 1 : i.field.startsWith('override-') ? FIELD_ORDER.length : FIELD_ORDER.indexOf(i.field);
  return [...issues].sort((a, b) => rank(a) - rank(b));
}

function dedupe(issues: FormIssue[]): FormIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const id = `${i.key}|${JSON.stringify(i.params ?? {})}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
