import { describe, expect, it } from 'vitest';
import type { Question } from '@dangshi/question-bank';
import { reduce } from './engine/engine';
import { NEXT, T0, run, stage, submit, wrong } from './engine/test-support';
import { acceptedAnswers, answerText, splitIntoRounds, type StageQuestion } from './stage-questions';
import { judgedAnswers, stageResults } from './stage-results';
import { fromSnapshot, toAuditRow, toSnapshot } from './stage-snapshot';
import { stageView, type StageMeta } from './stage-views';

const common = { explanation: '解析', source: { kind: 'book' as const, ref: '《中国共产党简史》' }, category: '党史', tags: [], difficulty: 2 as const, status: 'reviewed' as const, timeLimit: 20 };
const single: Question = { ...common, id: 'q1', type: 'single', stem: '中共一大在哪里闭幕？', options: ['上海', '嘉兴南湖'], answer: 'B' };
const fill: Question = { ...common, id: 'q2', type: 'fill', stem: '遵义会议召开于____年。', answer: ['1935', '1935年'] };
const drawn = (q: Question): StageQuestion => ({ question: q, version: 1 });

function meta(questions: StageQuestion[][]): StageMeta {
  return {
    title: '测试',
    ownerId: 'u1',
    teams: ['A', 'B', 'C'].map((id, seat) => ({ id, seat, name: `队${id}`, branchId: null, branchName: null, token: `t-${id}`, memberIds: [] })),
    questions,
    judges: new Map([['judge1', '评委王']]),
  };
}

describe('stage views', () => {
  it('hides a risk question from the projector and the teams until the stake is picked', () => {
    const s = stage([{ type: 'risk', questionCount: 1 }]);
    const m = meta([[drawn(single)]]);
    run(s, T0, NEXT);
    expect(stageView(s, m, 'screen', T0).question!.content.stem).toBe('');
    expect(stageView(s, m, 'team', T0, 'A').question!.content.stem).toBe('');
    expect(stageView(s, m, 'host', T0).question!.content.stem).toBe(single.stem);
    run(s, T0, { type: 'pickRisk', teamId: 'A', value: 20 });
    expect(stageView(s, m, 'screen', T0).question!.content).toEqual({ questionId: 'q1', type: 'single', stem: single.stem, options: ['上海', '嘉兴南湖'] });
    expect(stageView(s, m, 'screen', T0).question!.key).toBeNull();
    run(s, T0, wrong('A'));
    expect(stageView(s, m, 'screen', T0).question!.key).toMatchObject({ answerText: 'B. 嘉兴南湖', key: { type: 'single', options: [1] } });
  });

  it('shows a team its own answer only, the projector all of them once closed, staff everything', () => {
    const s = stage([{ type: 'allAnswer', questionCount: 1 }]);
    const m = meta([[drawn(fill)]]);
    run(s, T0, NEXT, { type: 'openAnswers' }, submit('A', '1935'), submit('B', '1936'));
    expect(Object.keys(stageView(s, m, 'team', T0, 'A').submissions)).toEqual(['A']);
    expect(stageView(s, m, 'screen', T0).submissions).toEqual({});
    expect(Object.keys(stageView(s, m, 'judge', T0).submissions)).toEqual(['A', 'B']);
    expect(stageView(s, m, 'team', T0, 'A').log).toEqual([]);
    run(s, T0 + 1, submit('C', '不知道'));
    expect(Object.keys(stageView(s, m, 'screen', T0).submissions)).toEqual(['A', 'B', 'C']);
    run(s, T0 + 2, { type: 'autoJudge', accepted: acceptedAnswers(fill) }, { type: 'adjust', judgeId: 'judge1', teamId: 'B', delta: 2, reason: '书写工整' });
    const judge = stageView(s, m, 'judge', T0);
    expect(judge.question!.marks).toEqual({ A: true, B: false, C: false });
    expect(judge.log.map((e) => [e.by, e.teamId, e.delta])).toEqual([['engine', 'A', 10], ['engine', 'B', 0], ['engine', 'C', 0], ['评委王', 'B', 2]]);
  });
});

describe('stage questions', () => {
  it('words the key and accepts the usual spellings', () => {
    expect(answerText(fill)).toBe('1935 / 1935年');
    expect(acceptedAnswers(single)).toEqual(['B', '嘉兴南湖', 'B. 嘉兴南湖']);
    expect(splitIntoRounds([1, 2, 3, 4, 5].map((i) => drawn({ ...single, id: `q${i}` })), [2, 3]).map((r) => r.map((q) => q.question.id))).toEqual([
      ['q1', 'q2'],
      ['q3', 'q4', 'q5'],
    ]);
  });
});

describe('stage results and snapshots', () => {
  it('counts marks that were not undone, gives every member the team score, and nothing to teams without members', () => {
    const s = stage([{ type: 'assigned', questionCount: 3 }]);
    run(s, T0, NEXT, wrong('A'), { type: 'undo', judgeId: 'judge1' }, { type: 'mark', judgeId: 'judge1', teamId: 'A', right: true }, NEXT, wrong('B'));
    run(s, T0, { type: 'adjust', judgeId: 'judge1', teamId: 'B', delta: 5, reason: '补分' }, NEXT, wrong('C'), NEXT);
    expect(s.status).toBe('finished');
    expect(Object.fromEntries(judgedAnswers(s.log))).toEqual({ A: { answered: 1, correct: 1 }, B: { answered: 1, correct: 0 }, C: { answered: 1, correct: 0 } });
    const rows = stageResults(s, new Map([['A', ['u1', 'u2']], ['B', ['u3']]]));
    expect(rows.map((r) => [r.userId, r.points, r.answered, r.correct, r.source, r.sourceId])).toEqual([
      ['u1', 10, 1, 1, 'stage', 's1'],
      ['u2', 10, 1, 1, 'stage', 's1'],
      ['u3', 5, 1, 0, 'stage', 's1'],
    ]);
    // The undo of a 0-point mark is stored as 0, never -0.
    expect(Object.is(s.log[1].delta, 0)).toBe(true);
  });

  it('restores the state from the snapshot and the audit rows, scores from the log', () => {
    const s = stage([{ type: 'buzz', questionCount: 1 }]);
    run(s, T0, NEXT, { type: 'buzz', teamId: 'B' }, { type: 'openBuzz' });
    run(s, T0 + 5, { type: 'buzz', teamId: 'A' });
    const restored = fromSnapshot(toSnapshot(s), s.log.map((e) => toAuditRow(s.id, e)).reverse());
    expect(restored).toEqual(JSON.parse(JSON.stringify(s)));
    expect(reduce(restored, { type: 'buzz', teamId: 'C' }, T0 + 10).reply).toEqual({ ok: true, data: { kind: 'simultaneous', winner: 'A' } });
  });
});
