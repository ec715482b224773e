// The stage contest's rules: a deterministic state machine like the live contest's engine. No
// sockets, no database, no clock reads, no randomness: `now` comes in with every command (the
// server's arrival time) and timers go out as effects. The state object is updated in place.
//
// Buzz fairness: the first buzz to arrive takes the floor at once. Buzzes arriving within
// `fairnessWindowMs` of it are logged as simultaneous; the earliest `at` still wins, and an exact
// tie goes to the team whose seat comes first counting from seat (question number mod team count),
// so the tie-break is deterministic without favouring one seat all evening.
import { undoTarget } from './audit';
import type {
  AuditEntry,
  AuditReason,
  BuzzLogEntry,
  BuzzResult,
  QuestionCore,
  QuestionState,
  StageCommand,
  StageEffect,
  StageErrorCode,
  StageRound,
  StageState,
  StageStep,
} from './types';

const ok = (effects: StageEffect[] = [], data?: BuzzResult): StageStep => ({
  effects,
  reply: data === undefined ? { ok: true } : { ok: true, data },
});
const refuse = (code: StageErrorCode): StageStep => ({ effects: [], reply: { ok: false, code } });

export function reduce(state: StageState, cmd: StageCommand, now: number): StageStep {
  switch (cmd.type) {
    case 'next':
      return next(state, now);
    case 'openBuzz':
      return openBuzz(state, now);
    case 'buzz':
      return buzz(state, cmd.teamId, now);
    case 'pickRisk':
      return pickRisk(state, cmd.teamId, cmd.value);
    case 'openAnswers':
      return openAnswers(state, now);
    case 'submit':
      return submit(state, cmd.teamId, cmd.answer, now);
    case 'deadline':
      return deadline(state, cmd.round, cmd.question);
    case 'mark':
      return mark(state, cmd.judgeId, cmd.teamId, cmd.right, now);
    case 'autoJudge':
      return autoJudge(state, cmd.accepted, now);
    case 'adjust':
      return adjust(state, cmd.judgeId, cmd.teamId, cmd.delta, cmd.reason, now);
    case 'undo':
      return undo(state, cmd.judgeId, cmd.reason, now);
  }
}

/** The round the current question belongs to (null before the first question). */
export function currentRound(state: StageState): StageRound | null {
  return state.question ? state.rounds[state.question.round] : null;
}

/** The teams sharing the top score (one team when somebody leads alone). */
export function leaders(state: StageState): string[] {
  const top = Math.max(...state.teams.map((t) => state.scores[t.id]));
  return state.teams.filter((t) => state.scores[t.id] === top).map((t) => t.id);
}

const hasTeam = (state: StageState, teamId: string) => state.teams.some((t) => t.id === teamId);
const changed: StageEffect[] = [{ type: 'viewChanged' }, { type: 'persistSnapshot' }];

function record(
  state: StageState,
  now: number,
  by: string,
  teamId: string,
  delta: number,
  reason: AuditReason,
  extra: Partial<Pick<AuditEntry, 'note' | 'ref' | 'round' | 'question'>> = {},
): AuditEntry {
  const q = state.question;
  const entry: AuditEntry = {
    seq: state.log.length + 1,
    at: now,
    by,
    teamId,
    delta,
    reason,
    note: extra.note ?? null,
    round: extra.round !== undefined ? extra.round : (q?.round ?? null),
    question: extra.question !== undefined ? extra.question : (q?.question ?? null),
    ref: extra.ref ?? null,
  };
  state.log.push(entry);
  state.scores[teamId] += delta;
  return entry;
}

// ---- moving through the programme ----------------------------------------------------------

function next(state: StageState, now: number): StageStep {
  if (state.status === 'finished') return refuse('STAGE_WRONG_PHASE');
  const q = state.question;
  const effects: StageEffect[] = [];
  if (q) {
    const blocked = unfinished(state, q);
    if (blocked) return refuse(blocked);
    if (q.status === 'open' && q.deadline !== null) effects.push({ type: 'cancel', key: 'deadline' });
  }
  let round = q ? q.round : 0;
  let question = q ? q.question + 1 : 0;
  for (;;) {
    if (round >= state.rounds.length) return finish(state, now, effects);
    const r = state.rounds[round];
    if (r.type === 'tiebreak') {
      // Sudden death: another question while the leaders are tied; over once one leads alone.
      const tied = leaders(state);
      if (tied.length > 1) return openQuestion(state, round, question, tied, effects);
    } else if (question < r.questionCount) {
      return openQuestion(state, round, question, state.teams.map((t) => t.id), effects);
    }
    round += 1;
    question = 0;
  }
}

/** Why the host may not leave this question yet, if anything stops it. */
function unfinished(state: StageState, q: QuestionState): StageErrorCode | null {
  if (q.status === 'answering') return 'STAGE_UNJUDGED';
  const type = state.rounds[q.round].type;
  if ((type === 'assigned' || type === 'risk') && q.status !== 'closed') return 'STAGE_UNJUDGED';
  if (Object.keys(q.submissions).some((teamId) => !(teamId in q.marks))) return 'STAGE_UNJUDGED';
  return null;
}

function openQuestion(state: StageState, round: number, question: number, eligible: string[], effects: StageEffect[]): StageStep {
  const type = state.rounds[round].type;
  const onTurn = type === 'assigned' || type === 'risk' ? state.teams[question % state.teams.length].id : null;
  state.status = 'running';
  state.round = round;
  state.question = {
    round,
    question,
    number: state.questionsAsked,
    // An assigned question is the turn team's at once; a risk question waits for the stake.
    status: type === 'assigned' ? 'answering' : 'ready',
    eligible,
    answering: onTurn,
    riskValue: null,
    buzzOpenAt: null,
    buzzes: [],
    wrong: [],
    falseStarts: [],
    deadline: null,
    submissions: {},
    marks: {},
    beforeMark: {},
  };
  state.questionsAsked += 1;
  return ok([...effects, { type: 'floor', teamId: onTurn }, ...changed]);
}

function finish(state: StageState, now: number, effects: StageEffect[]): StageStep {
  state.status = 'finished';
  state.endedAt = now;
  return ok([...effects, ...changed, { type: 'finished' }]);
}

// ---- buzz ------------------------------------------------------------------------------------

function openBuzz(state: StageState, now: number): StageStep {
  const q = state.question;
  if (!q || currentRound(state)?.type !== 'buzz' || q.status !== 'ready') return refuse('STAGE_WRONG_PHASE');
  q.status = 'open';
  q.buzzOpenAt = now;
  q.buzzes = [];
  return ok(changed);
}

/** Seat order rotated by the question number: the exact-tie rule. */
function tieRank(state: StageState, q: QuestionCore, teamId: string): number {
  const n = state.teams.length;
  const seat = state.teams.findIndex((t) => t.id === teamId);
  return (((seat - q.number) % n) + n) % n;
}

function buzzWinner(state: StageState, q: QuestionCore): string {
  const [first] = [...q.buzzes].sort((a, b) => a.at - b.at || tieRank(state, q, a.teamId) - tieRank(state, q, b.teamId));
  return first.teamId;
}

function buzz(state: StageState, teamId: string, now: number): StageStep {
  if (!hasTeam(state, teamId)) return refuse('STAGE_TEAM_NOT_FOUND');
  const q = state.question;
  const r = currentRound(state);
  if (!q || !r || r.type !== 'buzz') return refuse('STAGE_WRONG_PHASE');
  if (q.wrong.includes(teamId)) return refuse('STAGE_ALREADY_WRONG');
  if (r.rules.falseStartLocksOut && q.falseStarts.includes(teamId)) return refuse('STAGE_FALSE_START_LOCKED');
  const log = (kind: BuzzLogEntry['kind'], winner: string | null) =>
    state.buzzLog.push({ round: q.round, question: q.question, teamId, at: now, kind, winner });

  if (q.status === 'ready') {
    q.falseStarts.push(teamId);
    log('falseStart', null);
    const entry = record(state, now, 'engine', teamId, r.rules.falseStartPenalty, 'falseStart');
    return ok([{ type: 'scoreChanged', entry }, ...changed], { kind: 'falseStart', winner: null });
  }
  if (q.status === 'open') {
    q.buzzes.push({ teamId, at: now });
    q.status = 'answering';
    q.answering = teamId;
    log('first', teamId);
    return ok([{ type: 'floor', teamId }, ...changed], { kind: 'first', winner: teamId });
  }
  if (q.status === 'answering' && q.buzzes.length > 0 && !(teamId in q.marks)) {
    if (q.buzzes.some((b) => b.teamId === teamId)) return refuse('STAGE_ALREADY_BUZZED');
    const firstAt = Math.min(...q.buzzes.map((b) => b.at));
    if (now - firstAt <= r.rules.fairnessWindowMs) {
      q.buzzes.push({ teamId, at: now });
      const winner = buzzWinner(state, q);
      const effects: StageEffect[] = winner !== q.answering ? [{ type: 'floor', teamId: winner }, ...changed] : changed;
      q.answering = winner;
      log('simultaneous', winner);
      return ok(effects, { kind: 'simultaneous', winner });
    }
  }
  return refuse('STAGE_BUZZ_CLOSED');
}

// ---- risk ------------------------------------------------------------------------------------

function pickRisk(state: StageState, teamId: string, value: number): StageStep {
  if (!hasTeam(state, teamId)) return refuse('STAGE_TEAM_NOT_FOUND');
  const q = state.question;
  const r = currentRound(state);
  if (!q || !r || r.type !== 'risk' || q.status !== 'ready') return refuse('STAGE_WRONG_PHASE');
  if (teamId !== q.answering) return refuse('STAGE_NOT_YOUR_TURN');
  if (!r.rules.riskValues.includes(value)) return refuse('STAGE_RISK_VALUE');
  q.riskValue = value;
  q.status = 'answering';
  return ok(changed);
}

// ---- all-answer and tiebreak ---------------------------------------------------------------

const everyoneAnswers = (r: StageRound | null) => r?.type === 'allAnswer' || r?.type === 'tiebreak';

function openAnswers(state: StageState, now: number): StageStep {
  const q = state.question;
  const r = currentRound(state);
  if (!q || !r || !everyoneAnswers(r) || q.status !== 'ready') return refuse('STAGE_WRONG_PHASE');
  q.status = 'open';
  q.deadline = now + r.rules.limitMs;
  const command: StageCommand = { type: 'deadline', round: q.round, question: q.question };
  return ok([{ type: 'schedule', key: 'deadline', at: q.deadline, command }, ...changed]);
}

function submit(state: StageState, teamId: string, answer: string, now: number): StageStep {
  if (!hasTeam(state, teamId)) return refuse('STAGE_TEAM_NOT_FOUND');
  const q = state.question;
  if (!q || !everyoneAnswers(currentRound(state)) || q.status === 'ready') return refuse('STAGE_WRONG_PHASE');
  if (!q.eligible.includes(teamId)) return refuse('STAGE_NOT_YOUR_TURN');
  if (teamId in q.submissions) return refuse('STAGE_ALREADY_ANSWERED');
  if (q.status !== 'open' || q.deadline === null || now > q.deadline) return refuse('STAGE_TOO_LATE');
  q.submissions[teamId] = { answer, at: now };
  const effects: StageEffect[] = [...changed];
  if (q.eligible.every((id) => id in q.submissions)) {
    q.status = 'closed';
    effects.unshift({ type: 'cancel', key: 'deadline' });
  }
  return ok(effects);
}

function deadline(state: StageState, round: number, question: number): StageStep {
  const q = state.question;
  // A stale timer (the question closed early or the host moved on) is ignored.
  if (!q || q.round !== round || q.question !== question || q.status !== 'open') return ok();
  q.status = 'closed';
  return ok(changed);
}

/** Trimmed, NFC, whitespace collapsed, case-folded: how an auto-judge compares answers. */
export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function autoJudge(state: StageState, accepted: string[], now: number): StageStep {
  const q = state.question;
  if (!q || !everyoneAnswers(currentRound(state)) || q.status === 'ready') return refuse('STAGE_WRONG_PHASE');
  const key = new Set(accepted.map(normaliseAnswer));
  const effects: StageEffect[] = [];
  for (const teamId of q.eligible) {
    const submission = q.submissions[teamId];
    if (!submission || teamId in q.marks) continue;
    effects.push(...judgeSubmission(state, q, 'engine', teamId, key.has(normaliseAnswer(submission.answer)), now));
  }
  return ok([...effects, ...changed]);
}

function judgeSubmission(state: StageState, q: QuestionState, by: string, teamId: string, right: boolean, now: number): StageEffect[] {
  const rules = state.rounds[q.round].rules;
  q.marks[teamId] = right;
  const entry = record(state, now, by, teamId, right ? rules.right : rules.wrong, right ? 'right' : 'wrong');
  return [{ type: 'scoreChanged', entry }];
}

// ---- judging -------------------------------------------------------------------------------

function mark(state: StageState, judgeId: string, teamId: string, right: boolean, now: number): StageStep {
  if (!hasTeam(state, teamId)) return refuse('STAGE_TEAM_NOT_FOUND');
  const q = state.question;
  const r = currentRound(state);
  if (!q || !r) return refuse('STAGE_WRONG_PHASE');
  if (everyoneAnswers(r)) {
    if (!q.eligible.includes(teamId)) return refuse('STAGE_NOT_YOUR_TURN');
    if (teamId in q.marks) return refuse('STAGE_ALREADY_JUDGED');
    if (!(teamId in q.submissions)) return refuse('STAGE_NO_ANSWER');
    return ok([...judgeSubmission(state, q, judgeId, teamId, right, now), ...changed]);
  }
  if (q.status !== 'answering') return refuse('STAGE_WRONG_PHASE');
  if (teamId !== q.answering) return refuse('STAGE_NOT_YOUR_TURN');

  const { beforeMark, ...before } = q;
  const snapshot: QuestionCore = structuredClone(before);
  let delta = right ? r.rules.right : r.rules.wrong;
  if (r.type === 'risk') delta = right ? (q.riskValue ?? 0) : -(q.riskValue ?? 0);
  const entry = record(state, now, judgeId, teamId, delta, right ? 'right' : 'wrong');
  beforeMark[entry.seq] = snapshot;
  q.marks[teamId] = right;
  q.answering = null;
  q.status = 'closed';
  if (r.type === 'buzz' && !right) {
    q.wrong.push(teamId);
    q.buzzes = [];
    const lockedOut = (id: string) => q.wrong.includes(id) || (r.rules.falseStartLocksOut && q.falseStarts.includes(id));
    if (r.rules.passOnWrong && q.eligible.some((id) => !lockedOut(id))) {
      q.status = 'open';
      q.buzzOpenAt = now;
    }
  }
  return ok([{ type: 'scoreChanged', entry }, { type: 'floor', teamId: null }, ...changed]);
}

function adjust(state: StageState, judgeId: string, teamId: string, delta: number, reason: string, now: number): StageStep {
  if (!hasTeam(state, teamId)) return refuse('STAGE_TEAM_NOT_FOUND');
  const note = reason.trim();
  if (!note) return refuse('STAGE_REASON_REQUIRED');
  if (!Number.isInteger(delta) || delta === 0) return refuse('STAGE_BAD_DELTA');
  const entry = record(state, now, judgeId, teamId, delta, 'adjust', { note });
  return ok([{ type: 'scoreChanged', entry }, ...changed]);
}

/**
 * Reverses the latest entry not yet undone with a new entry. When that entry belongs to the
 * current question, the question reopens too: a single-answer mark restores the question as it
 * was before the mark (the team has the floor again; buzzes made after it are dropped), an
 * all-answer mark becomes unjudged, a false start no longer locks the team out. Entries of earlier
 * questions are reversed in score only.
 */
function undo(state: StageState, judgeId: string, reason: string | undefined, now: number): StageStep {
  const target = undoTarget(state.log);
  if (!target) return refuse('STAGE_NOTHING_TO_UNDO');
  // 0 - delta, not -delta: undoing a 0-point mark must store 0, not -0 (JSON and SQL know no -0).
  const entry = record(state, now, judgeId, target.teamId, 0 - target.delta, 'undo', {
    note: reason?.trim() || null,
    ref: target.seq,
    round: target.round,
    question: target.question,
  });
  const effects: StageEffect[] = [{ type: 'scoreChanged', entry }];
  const q = state.question;
  if (q && state.status === 'running' && target.round === q.round && target.question === q.question) {
    if (target.reason === 'falseStart') {
      q.falseStarts.splice(q.falseStarts.indexOf(target.teamId), 1);
    } else if ((target.reason === 'right' || target.reason === 'wrong') && target.seq in q.beforeMark) {
      const { [target.seq]: snapshot, ...rest } = q.beforeMark;
      state.question = { ...snapshot, beforeMark: rest };
      effects.push({ type: 'floor', teamId: snapshot.answering });
    } else if (target.reason === 'right' || target.reason === 'wrong') {
      delete q.marks[target.teamId];
    }
  }
  return ok([...effects, ...changed]);
}
