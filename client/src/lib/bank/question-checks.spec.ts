import { describe, expect, it } from 'vitest';
import { checkDraft, fieldOfPath, serverProblems } from './question-checks';
import { draftFrom, emptyDraft, questionFrom, removeOption, type Draft } from './question-draft';

function filled(): Draft {
  return {
    ...emptyDraft(),
    stem: '遵义会议在哪一年召开？',
    options: ['1934年', '1935年', '1936年', '1937年'],
    single: 'B',
    explanation: '遵义会议于1935年1月召开。',
    sourceKind: 'event',
    sourceRef: '1935年1月 遵义会议',
    tags: '长征、 遵义会议,',
  };
}

describe('question editor checks', () => {
  it('accepts a complete question and builds what the api expects', () => {
    expect(checkDraft(filled(), true)).toEqual([]);
    expect(questionFrom(filled(), () => 'org-test')).toEqual({
      id: 'org-test',
      type: 'single',
      stem: '遵义会议在哪一年召开？',
      options: ['1934年', '1935年', '1936年', '1937年'],
      answer: 'B',
      explanation: '遵义会议于1935年1月召开。',
      source: { kind: 'event', ref: '1935年1月 遵义会议' },
      category: '党史',
      tags: ['长征', '遵义会议'],
      difficulty: 2,
      status: 'draft',
      timeLimit: 20,
    });
  });

  it('names each problem by its field, like the server schema', () => {
    const draft = { ...filled(), id: 'Bad Id', stem: ' ', options: ['1934年', '', '1934年'], single: 'D', timeLimit: 3, image: 'x.png' };
    expect(checkDraft(draft, true).map((p) => [p.field, p.key, p.silent ?? false])).toEqual([
      ['id', 'bank.check.id', false],
      ['stem', 'bank.check.required', false],
      ['option.1', 'bank.check.required', true],
      ['options', 'bank.check.optionsEmpty', false],
      ['options', 'bank.check.optionsSame', false],
      ['answer', 'bank.check.pickOne', false],
      ['timeLimit', 'bank.check.timeLimit', false],
      ['media', 'bank.check.mediaBoth', false],
    ]);
    expect(checkDraft({ ...filled(), type: 'multiple', multiple: ['A'] }, false).map((p) => p.key)).toEqual(['bank.check.pickTwo']);
    expect(checkDraft({ ...filled(), type: 'truefalse' }, false).map((p) => p.key)).toEqual(['bank.check.pickTruth']);
    expect(checkDraft({ ...filled(), type: 'fill', fill: [' ', ''] }, false).map((p) => p.key)).toEqual(['bank.check.fillNone']);
  });

  it('keeps answers with their text when an option is removed', () => {
    const draft = { ...filled(), type: 'multiple' as const, multiple: ['A', 'C', 'D'] };
    removeOption(draft, 1);
    expect(draft.options).toEqual(['1934年', '1936年', '1937年']);
    expect(draft.multiple).toEqual(['A', 'B', 'C']);
    const single = filled();
    removeOption(single, 1);
    expect(single.single).toBe('');
  });

  it('round-trips a stored question through the form', () => {
    const question = questionFrom({ ...filled(), type: 'fill', stem: '中共一大代表共____人。', fill: ['13', '十三'] }, () => 'q1');
    expect(questionFrom(draftFrom(question))).toEqual(question);
  });

  it('puts api issues under the right fields', () => {
    expect(['options.2', 'source.ref', 'answer', 'something'].map(fieldOfPath)).toEqual(['option.2', 'source', 'answer', 'form']);
    expect(serverProblems([{ path: 'id', message: 'id org-1 exists' }])).toEqual([{ field: 'id', key: 'bank.check.idTaken' }]);
  });
});
