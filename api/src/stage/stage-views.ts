// What each audience of a stage sees, from the engine state and the stage's questions. Pure.
// Host and judges see everything. The projector and the teams never get a key before the
// question is over (closed, or every team on it judged), a team sees only its own answer, and in
// a risk round the question stays hidden from them until the stake is picked (the stake is
// chosen before the question is read).
import type {
  StageAudience,
  StageAuditEntryDto,
  StageBuzzLogEntryDto,
  StageQuestionContentDto,
  StageQuestionView,
  StageSummaryDto,
  StageView,
} from '@dangshi/protocol';
import type { AuditEntry, BuzzLogEntry, QuestionState, StageState } from './engine/types';
import { contentOf, keyOf, questionAt, type StageQuestions } from './stage-questions';

export interface StageTeamInfo {
  id: string;
  seat: number;
  name: string;
  branchId: string | null;
  branchName: string | null;
  token: string;
  memberIds: string[];
}

/** Everything about a stage that is not the engine's: names, tokens, questions. */
export interface StageMeta {
  title: string;
  ownerId: string;
  teams: StageTeamInfo[];
  questions: StageQuestions;
  /** Judges' display names by user id (the log stores ids). */
  judges: Map<string, string>;
}

const staff = (audience: StageAudience) => audience === 'host' || audience === 'judge';

export function auditDto(entry: AuditEntry, judges: ReadonlyMap<string, string>): StageAuditEntryDto {
  return { ...entry, by: entry.by === 'engine' ? 'engine' : (judges.get(entry.by) ?? entry.by) };
}

const buzzDto = (entry: BuzzLogEntry): StageBuzzLogEntryDto => ({ ...entry });

/** The question is over for the audience: the key and the answers may be shown. */
export function questionSettled(q: QuestionState): boolean {
  return q.status === 'closed' || q.eligible.every((id) => id in q.marks);
}

const HIDDEN: Omit<StageQuestionContentDto, 'type'> = { questionId: '', stem: '', options: [] };

function questionView(state: StageState, meta: StageMeta, q: QuestionState, audience: StageAudience): StageQuestionView {
  const drawn = questionAt(meta.questions, q.round, q.question);
  const type = state.rounds[q.round].type;
  let content: StageQuestionContentDto = drawn ? contentOf(drawn.question) : { ...HIDDEN, type: 'single' };
  if (!staff(audience) && type === 'risk' && q.status === 'ready') content = { ...HIDDEN, type: content.type };
  const showKey = staff(audience) || questionSettled(q);
  return {
    round: q.round,
    question: q.question,
    status: q.status,
    eligible: [...q.eligible],
    answering: q.answering,
    riskValue: q.riskValue,
    buzzOpenAt: q.buzzOpenAt,
    deadline: q.deadline,
    buzzes: q.buzzes.map((b) => ({ ...b })),
    wrong: [...q.wrong],
    falseStarts: [...q.falseStarts],
    submitted: q.eligible.filter((id) => id in q.submissions),
    marks: { ...q.marks },
    content,
    key: showKey && drawn ? keyOf(drawn.question) : null,
  };
}

/** Host and judges: all answers; the projector: all once the question is over; a team: its own. */
function submissionsFor(q: QuestionState | null, audience: StageAudience, teamId: string | null): StageView['submissions'] {
  if (!q) return {};
  const visible = Object.entries(q.submissions).filter(([id]) => {
    if (staff(audience)) return true;
    if (audience === 'team') return id === teamId;
    return questionSettled(q);
  });
  return Object.fromEntries(visible.map(([id, s]) => [id, { answer: s.answer, at: s.at }]));
}

export function stageView(state: StageState, meta: StageMeta, audience: StageAudience, now: number, teamId: string | null = null): StageView {
  const names = new Map(meta.teams.map((t) => [t.id, t]));
  const last = state.log.at(-1);
  return {
    id: state.id,
    title: meta.title,
    audience,
    status: state.status,
    rounds: state.rounds.map((r) => ({ type: r.type, title: r.title, questionCount: r.questionCount, rules: r.rules })),
    round: state.round,
    teams: state.teams.map((t) => ({ id: t.id, name: t.name, branchName: names.get(t.id)?.branchName ?? null, score: state.scores[t.id] })),
    question: state.question ? questionView(state, meta, state.question, audience) : null,
    lastChange: last ? auditDto(last, meta.judges) : null,
    serverNow: now,
    teamId: audience === 'team' ? teamId : null,
    submissions: submissionsFor(state.question, audience, teamId),
    log: staff(audience) ? state.log.map((e) => auditDto(e, meta.judges)) : [],
    buzzLog: staff(audience) ? state.buzzLog.map(buzzDto) : [],
  };
}

export function stageSummary(id: string, state: Pick<StageState, 'status' | 'createdAt' | 'endedAt' | 'rounds'>, meta: Pick<StageMeta, 'title' | 'teams'>): StageSummaryDto {
  return {
    id,
    title: meta.title,
    status: state.status,
    createdAt: state.createdAt,
    endedAt: state.endedAt,
    teams: meta.teams.map((t) => ({ id: t.id, name: t.name, branchId: t.branchId, branchName: t.branchName, token: t.token })),
    rounds: state.rounds.map((r) => ({ type: r.type, title: r.title, questionCount: r.questionCount, rules: r.rules })),
  };
}
