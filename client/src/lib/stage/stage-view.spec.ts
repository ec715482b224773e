import { describe, expect, it } from 'vitest';
import { STAGE_DEFAULT_RULES, type StageQuestionView, type StageRoundType, type StageView } from '@dangshi/protocol';
import { announce, answerBox, answerLimitMs, buzzerState, hostOptions, judgeRows, progress, riskChoices, signed, stakeState, standings } from './stage-view';

const TEAMS = ['a', 'b', 'c', 'd'];
const ROUNDS: StageRoundType[] = ['assigned', 'buzz', 'risk', 'allAnswer', 'tiebreak'];

function view(round: number, q: Partial<StageQuestionView> | null, extra: Partial<StageView> = {}): StageView {
  return {
    id: 's1',
    title: '党史知识竞赛',
    audience: 'host',
    status: q ? 'running' : 'setup',
    rounds: ROUNDS.map((type) => ({ type, title: type, questionCount: 4, rules: { ...STAGE_DEFAULT_RULES[type] } })),
    round,
    teams: TEAMS.map((id, i) => ({ id, name: `队${id}`, branchName: null, score: [30, 10, 30, -5][i]! })),
    question: q && {
      round,
      question: 0,
      status: 'ready',
      eligible: TEAMS,
      answering: null,
      riskValue: null,
      buzzOpenAt: null,
      deadline: null,
      buzzes: [],
      wrong: [],
      falseStarts: [],
      submitted: [],
      marks: {},
      content: { questionId: 'q', type: 'single', stem: '?', options: ['甲', '乙'] },
      key: null,
      ...q,
    },
    lastChange: null,
    serverNow: 1_000,
    teamId: null,
    submissions: {},
    log: [],
    buzzLog: [],
    ...extra,
  };
}

describe('host commands follow the question', () => {
  it('offers start before the first question and nothing else', () => {
    expect(hostOptions(view(-1, null))).toMatchObject({ start: true, next: false, openBuzz: false, openAnswers: false, autoJudge: false, pickRiskFor: null });
  });

  it('buzz: open the buzzers when ready; next waits while a team has the floor', () => {
    expect(hostOptions(view(1, { status: 'ready' }))).toMatchObject({ openBuzz: true, next: true, nextBlocked: false });
    expect(hostOptions(view(1, { status: 'answering', answering: 'b' }))).toMatchObject({ openBuzz: false, nextBlocked: true });
    expect(hostOptions(view(1, { status: 'closed', marks: { b: true } }))).toMatchObject({ nextBlocked: false });
  });

  it('risk: the host may pick the stake for the team on turn until it is picked', () => {
    expect(hostOptions(view(2, { status: 'ready', answering: 'a' }))).toMatchObject({ pickRiskFor: 'a', nextBlocked: true });
    expect(hostOptions(view(2, { status: 'answering', answering: 'a', riskValue: 20 }))).toMatchObject({ pickRiskFor: null, nextBlocked: true });
  });

  it('all-answer: start the answer time, then auto-judge while answers are unmarked', () => {
    expect(hostOptions(view(3, { status: 'ready' }))).toMatchObject({ openAnswers: true, autoJudge: false });
    const open = hostOptions(view(3, { status: 'open', deadline: 31_000, submitted: ['a', 'c'], marks: { a: true } }));
    expect(open).toMatchObject({ openAnswers: false, autoJudge: true, nextBlocked: true });
    expect(hostOptions(view(3, { status: 'closed', submitted: ['a', 'c'], marks: { a: true, c: false } }))).toMatchObject({ autoJudge: false, nextBlocked: false });
  });

  it('stakes and answer time come from the rules the host set for the round', () => {
    expect(riskChoices(view(2, { status: 'ready', answering: 'a' }))).toEqual([10, 20, 30]);
    const custom = view(2, { status: 'ready', answering: 'a' });
    custom.rounds[2]!.rules.riskValues = [5, 15];
    expect(riskChoices(custom)).toEqual([5, 15]);
    const timed = view(3, { status: 'open', deadline: 31_000 });
    timed.rounds[3]!.rules.limitMs = 45_000;
    expect(answerLimitMs(timed)).toBe(45_000);
    expect(answerLimitMs(view(-1, null))).toBeNull();
  });
});

describe('judges mark what is waiting', () => {
  it('single answer: only the team with the floor', () => {
    const rows = judgeRows(view(1, { status: 'answering', answering: 'c', buzzes: [{ teamId: 'c', at: 5 }] }));
    expect(rows.filter((r) => r.canMark).map((r) => r.teamId)).toEqual(['c']);
    expect(rows.find((r) => r.teamId === 'c')?.floor).toBe(true);
  });

  it('written answers: each submitted, unmarked answer', () => {
    const v = view(3, { status: 'closed', submitted: ['a', 'b', 'd'], marks: { a: true } }, {
      submissions: { a: { answer: '南湖', at: 1 }, b: { answer: '上海', at: 2 }, d: { answer: 'B', at: 3 } },
    });
    expect(judgeRows(v).map((r) => [r.teamId, r.answer, r.mark, r.canMark])).toEqual([
      ['a', '南湖', true, false],
      ['b', '上海', null, true],
      ['c', null, null, false],
      ['d', 'B', null, true],
    ]);
  });
});

describe('the team device', () => {
  it('buzzer: early (a press is a false start), open, won, late or taken, false start, wrong', () => {
    expect(buzzerState(view(0, { status: 'answering', answering: 'a' }), 'a', null)).toBe('hidden');
    expect(buzzerState(view(1, { status: 'ready' }), 'a', null)).toBe('early');
    expect(buzzerState(view(1, { status: 'open' }), 'a', null)).toBe('open');
    const taken = view(1, { status: 'answering', answering: 'b' });
    expect(buzzerState(taken, 'b', 'first')).toBe('won');
    expect(buzzerState(taken, 'a', 'late')).toBe('late');
    expect(buzzerState(taken, 'c', null)).toBe('taken');
    expect(buzzerState(view(1, { status: 'open', falseStarts: ['d'] }), 'd', 'falseStart')).toBe('falseStart');
    expect(buzzerState(view(1, { status: 'open', wrong: ['b'], marks: { b: false } }), 'b', 'first')).toBe('wrong');
    expect(buzzerState(view(1, { status: 'closed', marks: { c: true } }), 'c', 'first')).toBe('right');
  });

  it('a false start locks the team out only when the round says so', () => {
    const lenient = view(1, { status: 'open', falseStarts: ['d'] });
    lenient.rounds[1]!.rules.falseStartLocksOut = false;
    expect(buzzerState(lenient, 'd', 'falseStart')).toBe('open');
    // Before the buzzers open it stays marked, so the team sees why it lost points.
    const early = view(1, { status: 'ready', falseStarts: ['d'] });
    early.rounds[1]!.rules.falseStartLocksOut = false;
    expect(buzzerState(early, 'd', 'falseStart')).toBe('falseStart');
  });

  it('stake: the team on turn picks, the others wait, then everyone sees it', () => {
    const ready = view(2, { status: 'ready', answering: 'a' });
    expect(stakeState(ready, 'a')).toEqual({ kind: 'pick', values: [10, 20, 30] });
    expect(stakeState(ready, 'b')).toEqual({ kind: 'waiting', teamId: 'a' });
    expect(stakeState(view(2, { status: 'answering', answering: 'a', riskValue: 30 }), 'b')).toEqual({ kind: 'picked', teamId: 'a', value: 30 });
    expect(stakeState(view(1, { status: 'ready' }), 'a')).toEqual({ kind: 'none' });
  });

  it('answer box: waiting, open with the deadline, submitted with the mark, missed, not eligible', () => {
    expect(answerBox(view(3, { status: 'ready' }), 'a')).toEqual({ kind: 'waiting' });
    expect(answerBox(view(3, { status: 'open', deadline: 9_000 }), 'a')).toEqual({ kind: 'open', deadline: 9_000 });
    const mine = view(3, { status: 'closed', submitted: ['a'], marks: { a: false } }, { submissions: { a: { answer: '南湖', at: 5 } } });
    expect(answerBox(mine, 'a')).toEqual({ kind: 'submitted', answer: '南湖', mark: false });
    expect(answerBox(mine, 'b')).toEqual({ kind: 'missed' });
    expect(answerBox(view(4, { status: 'open', eligible: ['a', 'c'] }), 'b')).toEqual({ kind: 'notEligible' });
  });
});

describe('scores', () => {
  it('keeps seat order, shares ranks on equal scores, and draws no bar below zero', () => {
    expect(standings(view(1, null)).map((s) => [s.teamId, s.rank, s.share])).toEqual([
      ['a', 1, 1],
      ['b', 3, 1 / 3],
      ['c', 1, 1],
      ['d', 4, 0],
    ]);
    expect([signed(10), signed(-5), signed(0)]).toEqual(['+10', '−5', '0']);
  });
});

describe('what the hall is told', () => {
  it('says where we are, without a total in a tiebreak', () => {
    expect(progress(view(1, { question: 2 }))).toEqual({ roundTitle: 'buzz', n: 3, total: 4 });
    expect(progress(view(4, { question: 0 }))).toEqual({ roundTitle: 'tiebreak', n: 1, total: null });
    expect(progress(view(-1, null))).toBeNull();
  });

  it('announces the state of the question for each round type', () => {
    expect(announce(view(1, { status: 'ready' }))).toEqual({ kind: 'buzzReady' });
    expect(announce(view(1, { status: 'open', wrong: ['a'] }))).toEqual({ kind: 'buzzOpen' });
    expect(announce(view(1, { status: 'answering', answering: 'c' }))).toEqual({ kind: 'buzzWinner', teamId: 'c' });
    expect(announce(view(1, { status: 'closed', wrong: ['a'], marks: { a: false, c: true } }))).toEqual({ kind: 'marked', teamId: 'c', right: true });
    expect(announce(view(1, { status: 'closed', wrong: ['a', 'b'], marks: { a: false, b: false } }))).toEqual({ kind: 'marked', teamId: 'b', right: false });
    expect(announce(view(0, { status: 'answering', answering: 'a' }))).toEqual({ kind: 'onTurn', teamId: 'a' });
    expect(announce(view(2, { status: 'ready', answering: 'b' }))).toEqual({ kind: 'stakeWaiting', teamId: 'b' });
    expect(announce(view(2, { status: 'answering', answering: 'b', riskValue: 20 }))).toEqual({ kind: 'stake', teamId: 'b', value: 20 });
    expect(announce(view(3, { status: 'open', submitted: ['a'] }))).toEqual({ kind: 'answersOpen', submitted: 1, total: 4 });
    expect(announce(view(3, { status: 'closed', submitted: ['a', 'b'] }))).toEqual({ kind: 'answersClosed', submitted: 2, total: 4 });
  });
});
