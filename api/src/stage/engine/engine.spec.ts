import { describe, expect, it } from 'vitest';
import { recompute } from './audit';
import { reduce } from './engine';
import { DEFAULT_RULES, createStageState } from './setup';
import { NEXT, T0, buzz, refusal, right, run, stage, submit, wrong } from './test-support';

describe('setup', () => {
  it('uses the usual rules unless the host changes them', () => {
    expect(DEFAULT_RULES.assigned).toMatchObject({ right: 10, wrong: 0 });
    expect(DEFAULT_RULES.buzz).toMatchObject({ right: 10, wrong: -10, falseStartPenalty: -5, falseStartLocksOut: true, passOnWrong: true, fairnessWindowMs: 30 });
    expect(DEFAULT_RULES.risk.riskValues).toEqual([10, 20, 30]);
    expect(DEFAULT_RULES.allAnswer).toMatchObject({ right: 10, wrong: 0 });
    const s = stage([{ type: 'buzz', questionCount: 4, rules: { falseStartPenalty: -3 } }, { type: 'risk' }]);
    expect(s.rounds[0]).toMatchObject({ title: '抢答题', questionCount: 4, rules: { falseStartPenalty: -3, wrong: -10 } });
    expect(s.rounds[1]).toMatchObject({ title: '风险题', questionCount: 3 });
    expect(s.scores).toEqual({ A: 0, B: 0, C: 0 });
  });

  it('rejects a programme that cannot run', () => {
    expect(() => createStageState({ id: 'x', teams: [{ id: 'A', name: 'A' }], rounds: [{ type: 'assigned' }], now: T0 })).toThrow();
    expect(() => stage([{ type: 'buzz', rules: { wrong: 10 } }])).toThrow();
    expect(() => stage([])).toThrow();
  });
});

describe('assigned round (必答)', () => {
  it('gives each team its own question in turn and scores the judge’s marks', () => {
    const s = stage([{ type: 'assigned' }]);
    run(s, T0, NEXT);
    expect(s.question).toMatchObject({ round: 0, question: 0, answering: 'A', status: 'answering' });
    expect(refusal(s, right('B'), T0)).toBe('STAGE_NOT_YOUR_TURN');
    run(s, T0 + 1000, right('A'), NEXT);
    expect(s.question?.answering).toBe('B');
    expect(refusal(s, NEXT, T0)).toBe('STAGE_UNJUDGED');
    run(s, T0 + 2000, wrong('B'), NEXT, right('C'));
    expect(s.scores).toEqual({ A: 10, B: 0, C: 10 });
    // A wrong answer without penalty is still on record.
    expect(s.log.map((e) => [e.seq, e.teamId, e.delta, e.reason, e.by])).toEqual([
      [1, 'A', 10, 'right', 'judge1'],
      [2, 'B', 0, 'wrong', 'judge1'],
      [3, 'C', 10, 'right', 'judge1'],
    ]);
    const end = run(s, T0 + 3000, NEXT)[0];
    expect(s.status).toBe('finished');
    expect(end.effects).toContainEqual({ type: 'finished' });
    expect(refusal(s, NEXT, T0 + 4000)).toBe('STAGE_WRONG_PHASE');
  });

  it('refuses a second mark on a judged question', () => {
    const s = stage([{ type: 'assigned' }]);
    run(s, T0, NEXT, right('A'));
    expect(refusal(s, wrong('A'), T0)).toBe('STAGE_WRONG_PHASE');
  });
});

describe('buzz round (抢答)', () => {
  const FOUR = [...['A', 'B', 'C', 'D'].map((id) => ({ id, name: `队${id}` }))];

  it('penalises a false start, lists simultaneous buzzes, gives the floor to the first, and passes on after a wrong answer', () => {
    const s = stage([{ type: 'buzz', questionCount: 1 }], FOUR);
    run(s, T0, NEXT);
    expect(refusal(s, right('A'), T0)).toBe('STAGE_WRONG_PHASE');
    const fs = run(s, T0 + 500, buzz('A'))[0];
    expect(fs.reply).toEqual({ ok: true, data: { kind: 'falseStart', winner: null } });
    expect(s.log[0]).toMatchObject({ seq: 1, by: 'engine', teamId: 'A', delta: -5, reason: 'falseStart', round: 0, question: 0 });
    expect(refusal(s, buzz('A'), T0 + 600)).toBe('STAGE_FALSE_START_LOCKED');

    run(s, T0 + 1000, { type: 'openBuzz' });
    expect(s.question?.buzzOpenAt).toBe(T0 + 1000);
    expect(refusal(s, buzz('A'), T0 + 1050)).toBe('STAGE_FALSE_START_LOCKED');
    expect(run(s, T0 + 1100, buzz('B'))[0].reply).toEqual({ ok: true, data: { kind: 'first', winner: 'B' } });
    expect(run(s, T0 + 1130, buzz('C'))[0].reply).toEqual({ ok: true, data: { kind: 'simultaneous', winner: 'B' } });
    expect(refusal(s, buzz('D'), T0 + 1131)).toBe('STAGE_BUZZ_CLOSED');
    expect(refusal(s, buzz('B'), T0 + 1120)).toBe('STAGE_ALREADY_BUZZED');
    expect(s.buzzLog.map((b) => [b.teamId, b.at - T0, b.kind, b.winner])).toEqual([
      ['A', 500, 'falseStart', null],
      ['B', 1100, 'first', 'B'],
      ['C', 1130, 'simultaneous', 'B'],
    ]);
    expect(refusal(s, right('C'), T0 + 2000)).toBe('STAGE_NOT_YOUR_TURN');

    run(s, T0 + 5000, wrong('B'));
    expect(s.question).toMatchObject({ status: 'open', buzzOpenAt: T0 + 5000, wrong: ['B'], buzzes: [] });
    expect(refusal(s, buzz('B'), T0 + 5100)).toBe('STAGE_ALREADY_WRONG');
    run(s, T0 + 5200, buzz('D'), right('D'));
    expect(s.scores).toEqual({ A: -5, B: -10, C: 0, D: 10 });
    expect(s.question?.status).toBe('closed');
    expect(refusal(s, buzz('C'), T0 + 6000)).toBe('STAGE_BUZZ_CLOSED');
  });

  it('lets the earliest arrival time win even when it is processed second', () => {
    const s = stage([{ type: 'buzz', questionCount: 1 }]);
    run(s, T0, NEXT, { type: 'openBuzz' }, buzz('B'));
    const late = run(s, T0 - 10, buzz('C'))[0];
    expect(late.reply).toEqual({ ok: true, data: { kind: 'simultaneous', winner: 'C' } });
    expect(late.effects).toContainEqual({ type: 'floor', teamId: 'C' });
    expect(s.question?.answering).toBe('C');
  });

  it('breaks an exact tie by seat order rotated by the question number', () => {
    const s = stage([{ type: 'buzz', questionCount: 2 }]);
    // Question number 0: seats A, B, C in that order.
    run(s, T0, NEXT, { type: 'openBuzz' });
    run(s, T0 + 100, buzz('C'), buzz('A'));
    expect(s.question?.answering).toBe('A');
    run(s, T0 + 200, right('A'), NEXT, { type: 'openBuzz' });
    // Question number 1: the order starts at B, so C (second) beats A (third).
    run(s, T0 + 300, buzz('C'), buzz('A'));
    expect(s.question?.answering).toBe('C');
  });

  it('closes the question after a wrong answer when passing is off', () => {
    const s = stage([{ type: 'buzz', questionCount: 1, rules: { passOnWrong: false } }]);
    run(s, T0, NEXT, { type: 'openBuzz' }, buzz('A'), wrong('A'));
    expect(s.question?.status).toBe('closed');
    expect(refusal(s, buzz('B'), T0)).toBe('STAGE_BUZZ_CLOSED');
    run(s, T0, NEXT);
    expect(s.status).toBe('finished');
  });

  it('closes the question once every team has answered wrong', () => {
    const s = stage([{ type: 'buzz', questionCount: 1 }]);
    run(s, T0, NEXT, { type: 'openBuzz' }, buzz('A'), wrong('A'), buzz('B'), wrong('B'), buzz('C'), wrong('C'));
    expect(s.question?.status).toBe('closed');
    expect(s.scores).toEqual({ A: -10, B: -10, C: -10 });
  });

  it('can let a false starter buzz again, with a configured penalty each time', () => {
    const s = stage([{ type: 'buzz', questionCount: 1, rules: { falseStartPenalty: -3, falseStartLocksOut: false } }]);
    run(s, T0, NEXT, buzz('A'), buzz('A'), { type: 'openBuzz' }, buzz('A'), right('A'));
    expect(s.scores.A).toBe(-3 - 3 + 10);
  });

  it('lets the host move on when nobody buzzes, but not while a team has the floor', () => {
    const s = stage([{ type: 'buzz', questionCount: 2 }]);
    run(s, T0, NEXT, { type: 'openBuzz' }, NEXT, { type: 'openBuzz' }, buzz('B'));
    expect(refusal(s, NEXT, T0)).toBe('STAGE_UNJUDGED');
  });

  it('refuses buzzes outside a buzz round and from unknown teams', () => {
    const s = stage([{ type: 'assigned' }]);
    expect(refusal(s, buzz('A'), T0)).toBe('STAGE_WRONG_PHASE');
    run(s, T0, NEXT);
    expect(refusal(s, buzz('A'), T0)).toBe('STAGE_WRONG_PHASE');
    expect(refusal(s, { type: 'openBuzz' }, T0)).toBe('STAGE_WRONG_PHASE');
    expect(refusal(s, buzz('Z'), T0)).toBe('STAGE_TEAM_NOT_FOUND');
  });
});

describe('risk round (风险)', () => {
  it('wins or loses the value the team picked before the question', () => {
    const s = stage([{ type: 'risk' }]);
    run(s, T0, NEXT);
    expect(refusal(s, right('A'), T0)).toBe('STAGE_WRONG_PHASE');
    expect(refusal(s, { type: 'pickRisk', teamId: 'B', value: 10 }, T0)).toBe('STAGE_NOT_YOUR_TURN');
    expect(refusal(s, { type: 'pickRisk', teamId: 'A', value: 25 }, T0)).toBe('STAGE_RISK_VALUE');
    expect(refusal(s, { type: 'pickRisk', teamId: 'A', value: -10 }, T0)).toBe('STAGE_RISK_VALUE');
    run(s, T0, { type: 'pickRisk', teamId: 'A', value: 20 });
    expect(refusal(s, { type: 'pickRisk', teamId: 'A', value: 30 }, T0)).toBe('STAGE_WRONG_PHASE');
    run(s, T0, right('A'), NEXT, { type: 'pickRisk', teamId: 'B', value: 30 }, wrong('B'));
    run(s, T0, NEXT, { type: 'pickRisk', teamId: 'C', value: 10 }, right('C'));
    expect(s.scores).toEqual({ A: 20, B: -30, C: 10 });
    expect(s.log.map((e) => e.delta)).toEqual([20, -30, 10]);
  });

  it('accepts only the configured values', () => {
    const s = stage([{ type: 'risk', rules: { riskValues: [5, 15] } }]);
    run(s, T0, NEXT);
    expect(refusal(s, { type: 'pickRisk', teamId: 'A', value: 10 }, T0)).toBe('STAGE_RISK_VALUE');
    run(s, T0, { type: 'pickRisk', teamId: 'A', value: 15 }, wrong('A'));
    expect(s.scores.A).toBe(-15);
  });
});

describe('all-answer round (共答)', () => {
  it('takes one answer per team until the deadline, then judges them', () => {
    const s = stage([{ type: 'allAnswer', questionCount: 1 }]);
    run(s, T0, NEXT);
    expect(refusal(s, submit('A', '南湖'), T0)).toBe('STAGE_WRONG_PHASE');
    const open = run(s, T0 + 1000, { type: 'openAnswers' })[0];
    expect(open.effects).toContainEqual({ type: 'schedule', key: 'deadline', at: T0 + 31_000, command: { type: 'deadline', round: 0, question: 0 } });
    run(s, T0 + 2000, submit('A', ' 南湖 '));
    expect(refusal(s, submit('A', '嘉兴'), T0 + 2500)).toBe('STAGE_ALREADY_ANSWERED');
    run(s, T0 + 31_000, submit('B', '嘉兴'));
    expect(refusal(s, submit('C', '南湖'), T0 + 31_001)).toBe('STAGE_TOO_LATE');
    run(s, T0 + 31_000, { type: 'deadline', round: 0, question: 0 });
    expect(s.question?.status).toBe('closed');
    expect(refusal(s, submit('C', '南湖'), T0 + 31_000)).toBe('STAGE_TOO_LATE');
    expect(refusal(s, NEXT, T0 + 32_000)).toBe('STAGE_UNJUDGED');
    expect(refusal(s, right('C'), T0 + 32_000)).toBe('STAGE_NO_ANSWER');

    run(s, T0 + 33_000, { type: 'autoJudge', accepted: ['南湖'] });
    expect(s.log.map((e) => [e.teamId, e.delta, e.reason, e.by])).toEqual([
      ['A', 10, 'right', 'engine'],
      ['B', 0, 'wrong', 'engine'],
    ]);
    expect(refusal(s, right('B'), T0 + 34_000)).toBe('STAGE_ALREADY_JUDGED');
    run(s, T0 + 35_000, NEXT);
    expect(s.scores).toEqual({ A: 10, B: 0, C: 0 });
    expect(s.status).toBe('finished');
  });

  it('closes early once every team has answered, and a judge can mark by hand', () => {
    const s = stage([{ type: 'allAnswer', questionCount: 1, rules: { right: 20, limitMs: 10_000 } }]);
    run(s, T0, NEXT, { type: 'openAnswers' }, submit('A', 'x'), submit('B', 'y'));
    const last = run(s, T0 + 500, submit('C', 'z'))[0];
    expect(last.effects).toContainEqual({ type: 'cancel', key: 'deadline' });
    expect(s.question?.status).toBe('closed');
    // The cancelled timer firing anyway changes nothing.
    run(s, T0 + 10_000, { type: 'deadline', round: 0, question: 0 });
    run(s, T0 + 11_000, right('A', 'j2'), wrong('B', 'j2'), right('C', 'j2'));
    expect(s.scores).toEqual({ A: 20, B: 0, C: 20 });
    expect(s.log.every((e) => e.by === 'j2')).toBe(true);
  });
});

describe('tiebreak (加赛)', () => {
  it('asks sudden-death questions of the tied leaders only, until one is ahead', () => {
    const s = stage([{ type: 'assigned' }, { type: 'tiebreak' }]);
    run(s, T0, NEXT, right('A'), NEXT, right('B'), NEXT, wrong('C'), NEXT);
    expect(s.question).toMatchObject({ round: 1, question: 0, eligible: ['A', 'B'], status: 'ready' });
    run(s, T0 + 1000, { type: 'openAnswers' });
    expect(refusal(s, submit('C', '南湖'), T0 + 1000)).toBe('STAGE_NOT_YOUR_TURN');
    expect(refusal(s, right('C'), T0 + 1000)).toBe('STAGE_NOT_YOUR_TURN');
    run(s, T0 + 2000, submit('A', '1921'), submit('B', '1921'), right('A'), right('B'), NEXT);
    // Still tied: another question.
    expect(s.question).toMatchObject({ round: 1, question: 1, eligible: ['A', 'B'] });
    run(s, T0 + 3000, { type: 'openAnswers' }, submit('A', '1935'), submit('B', '1934'), { type: 'autoJudge', accepted: ['1935'] }, NEXT);
    expect(s.status).toBe('finished');
    expect(s.scores).toEqual({ A: 30, B: 20, C: 0 });
  });

  it('is skipped when one team already leads', () => {
    const s = stage([{ type: 'assigned' }, { type: 'tiebreak' }]);
    run(s, T0, NEXT, right('A'), NEXT, wrong('B'), NEXT, wrong('C'), NEXT);
    expect(s.status).toBe('finished');
    expect(s.questionsAsked).toBe(3);
  });

  it('includes every team tied at the top, and only them', () => {
    const s = stage([{ type: 'assigned' }, { type: 'tiebreak' }]);
    run(s, T0, NEXT, right('A'), NEXT, wrong('B'), NEXT, right('C'), NEXT);
    expect(s.question?.eligible).toEqual(['A', 'C']);
  });
});

describe('judge adjustments and undo', () => {
  it('requires a reason and a non-zero whole delta, and logs who adjusted', () => {
    const s = stage([{ type: 'assigned' }]);
    const adjust = (delta: number, reason: string) => ({ type: 'adjust' as const, judgeId: 'j1', teamId: 'B', delta, reason });
    expect(refusal(s, adjust(5, ''), T0)).toBe('STAGE_REASON_REQUIRED');
    expect(refusal(s, adjust(5, '   '), T0)).toBe('STAGE_REASON_REQUIRED');
    expect(refusal(s, adjust(0, '复核'), T0)).toBe('STAGE_BAD_DELTA');
    expect(refusal(s, adjust(2.5, '复核'), T0)).toBe('STAGE_BAD_DELTA');
    expect(refusal(s, { ...adjust(5, '复核'), teamId: 'Z' }, T0)).toBe('STAGE_TEAM_NOT_FOUND');
    run(s, T0, NEXT);
    const step = run(s, T0 + 100, adjust(5, ' 评委复核，补加分 '))[0];
    expect(s.log[0]).toEqual({ seq: 1, at: T0 + 100, by: 'j1', teamId: 'B', delta: 5, reason: 'adjust', note: '评委复核，补加分', round: 0, question: 0, ref: null });
    expect(step.effects).toContainEqual({ type: 'scoreChanged', entry: s.log[0] });
    expect(s.scores.B).toBe(5);
  });

  it('undoes with a reversing entry, never deleting history, walking back one action at a time', () => {
    const s = stage([{ type: 'assigned' }]);
    expect(refusal(s, { type: 'undo', judgeId: 'j1' }, T0)).toBe('STAGE_NOTHING_TO_UNDO');
    run(s, T0, NEXT, right('A'), { type: 'adjust', judgeId: 'j1', teamId: 'C', delta: -5, reason: '场下提示' });
    run(s, T0 + 100, { type: 'undo', judgeId: 'j2', reason: '误操作' });
    expect(s.scores).toEqual({ A: 10, B: 0, C: 0 });
    expect(s.log[2]).toEqual({ seq: 3, at: T0 + 100, by: 'j2', teamId: 'C', delta: 5, reason: 'undo', note: '误操作', round: 0, question: 0, ref: 2 });
    // The next undo reverses the mark before it and gives A the floor back.
    run(s, T0 + 200, { type: 'undo', judgeId: 'j2' });
    expect(s.log.map((e) => [e.seq, e.delta, e.reason, e.ref])).toEqual([
      [1, 10, 'right', null],
      [2, -5, 'adjust', null],
      [3, 5, 'undo', 2],
      [4, -10, 'undo', 1],
    ]);
    expect(s.scores).toEqual({ A: 0, B: 0, C: 0 });
    expect(s.question).toMatchObject({ status: 'answering', answering: 'A', marks: {} });
    expect(refusal(s, { type: 'undo', judgeId: 'j2' }, T0 + 300)).toBe('STAGE_NOTHING_TO_UNDO');
    run(s, T0 + 400, wrong('A'));
    expect(s.scores).toEqual(recompute(s.log, ['A', 'B', 'C']));
  });

  it('reopens a buzz question when a wrong mark is undone', () => {
    const s = stage([{ type: 'buzz', questionCount: 1 }]);
    run(s, T0, NEXT, { type: 'openBuzz' }, buzz('B'), wrong('B'), buzz('C'));
    expect(s.question?.answering).toBe('C');
    run(s, T0 + 100, { type: 'undo', judgeId: 'j1', reason: '答案其实正确' });
    expect(s.question).toMatchObject({ status: 'answering', answering: 'B', wrong: [] });
    run(s, T0 + 200, right('B'));
    expect(s.scores).toEqual({ A: 0, B: 10, C: 0 });
    expect(s.log.map((e) => e.delta)).toEqual([-10, 10, 10]);
  });

  it('lifts a false-start lock-out when the penalty is undone', () => {
    const s = stage([{ type: 'buzz', questionCount: 1 }]);
    run(s, T0, NEXT, buzz('A'), { type: 'undo', judgeId: 'j1', reason: '设备误触' }, { type: 'openBuzz' }, buzz('A'));
    expect(s.question?.answering).toBe('A');
    expect(s.scores.A).toBe(0);
  });

  it('makes an all-answer mark unjudged again, so it can be re-marked', () => {
    const s = stage([{ type: 'allAnswer', questionCount: 1 }]);
    run(s, T0, NEXT, { type: 'openAnswers' }, submit('A', '南湖'), wrong('A'), { type: 'undo', judgeId: 'j1' });
    expect(refusal(s, NEXT, T0)).toBe('STAGE_UNJUDGED');
    run(s, T0, right('A'), NEXT);
    expect(s.scores.A).toBe(10);
  });

  it('reverses only the score of an entry from an earlier question', () => {
    const s = stage([{ type: 'assigned' }]);
    run(s, T0, NEXT, right('A'), NEXT, { type: 'undo', judgeId: 'j1', reason: '上题误判' });
    expect(s.scores.A).toBe(0);
    expect(s.log[1]).toMatchObject({ round: 0, question: 0, ref: 1 });
    expect(s.question).toMatchObject({ question: 1, answering: 'B', status: 'answering' });
  });
});

describe('a full programme', () => {
  it('ends with scores equal to a recomputation from the audit log alone', () => {
    const s = stage([
      { type: 'assigned' },
      { type: 'buzz', questionCount: 2 },
      { type: 'risk' },
      { type: 'allAnswer', questionCount: 1 },
      { type: 'tiebreak' },
    ]);
    let t = T0;
    const at = (cmd: Parameters<typeof reduce>[1]) => {
      t += 1000;
      const step = reduce(s, cmd, t);
      if (!step.reply.ok) throw new Error(`${cmd.type} refused: ${step.reply.code}`);
      return step;
    };
    // 必答: A right +10, B right +10, C wrong 0.
    [NEXT, right('A'), NEXT, right('B'), NEXT, wrong('C')].forEach(at);
    expect(s.scores).toEqual({ A: 10, B: 10, C: 0 });
    // 抢答 1: C false start −5; A buzzes, wrong −10; B buzzes, right +10. 抢答 2: C right +10.
    [NEXT, buzz('C'), { type: 'openBuzz' as const }, buzz('A'), wrong('A'), buzz('B'), right('B')].forEach(at);
    [NEXT, { type: 'openBuzz' as const }, buzz('C'), right('C')].forEach(at);
    expect(s.scores).toEqual({ A: 0, B: 20, C: 5 });
    // 风险: A stakes 30 and wins, B stakes 20 and loses, C stakes 10 and wins.
    [NEXT, { type: 'pickRisk' as const, teamId: 'A', value: 30 }, right('A')].forEach(at);
    [NEXT, { type: 'pickRisk' as const, teamId: 'B', value: 20 }, wrong('B')].forEach(at);
    [NEXT, { type: 'pickRisk' as const, teamId: 'C', value: 10 }, right('C')].forEach(at);
    expect(s.scores).toEqual({ A: 30, B: 0, C: 15 });
    // 共答: A and B right (+10), C wrong; a judge adds 30 to B on review, another adjustment is undone.
    [NEXT, { type: 'openAnswers' as const }, submit('A', '南湖'), submit('B', '南湖'), submit('C', '上海')].forEach(at);
    at({ type: 'autoJudge', accepted: ['南湖', '嘉兴南湖'] });
    at({ type: 'adjust', judgeId: 'j1', teamId: 'B', delta: 30, reason: '复核：上一轮风险题答案可接受' });
    at({ type: 'adjust', judgeId: 'j1', teamId: 'C', delta: -5, reason: '场下提示' });
    at({ type: 'undo', judgeId: 'j2', reason: '提示来自观众席，不计' });
    expect(s.scores).toEqual({ A: 40, B: 40, C: 15 });
    // 加赛: A and B both right (still tied), then A wrong and B right.
    [NEXT, { type: 'openAnswers' as const }, submit('A', 'x'), submit('B', 'x'), right('A'), right('B')].forEach(at);
    [NEXT, { type: 'openAnswers' as const }, submit('A', 'x'), submit('B', 'y'), wrong('A'), right('B'), NEXT].forEach(at);
    expect(s.status).toBe('finished');

    expect(s.scores).toEqual({ A: 50, B: 60, C: 15 });
    expect(recompute(s.log, ['A', 'B', 'C'])).toEqual(s.scores);
    expect(recompute(s.log)).toEqual({ A: 50, B: 60, C: 15 });
    expect(s.log).toHaveLength(20);
    expect(s.log.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(s.log.map((e) => e.round)).toEqual([0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4]);
    expect(s.questionsAsked).toBe(3 + 2 + 3 + 1 + 2);
    // The programme survives a JSON round trip (snapshots) with the same scores.
    expect(recompute(JSON.parse(JSON.stringify(s.log)))).toEqual(s.scores);
  });
});
