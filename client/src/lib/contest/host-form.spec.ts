import { createContestInputSchema } from '@dangshi/protocol';
import { describe, expect, it } from 'vitest';
import { checkForm, defaultForm, emptyOverride, overrideIssues, overridesInput, questionCount, toCreateInput } from './host-form';

describe('per-question overrides in the new-contest form', () => {
  it('keys rows by 0-based position and leaves out empty changes', () => {
    const rows = [
      { position: 10, points: 'double' as const, scoring: '' as const, timeLimitSec: 30 },
      { position: 1, points: '' as const, scoring: 'accuracy' as const, timeLimitSec: null },
      { ...emptyOverride(), position: 3 },
    ];
    expect(overridesInput(rows)).toEqual({ '9': { points: 'double', timeLimitSec: 30 }, '0': { scoring: 'accuracy' } });
  });

  it('sends overrides the protocol accepts', () => {
    const form = { ...defaultForm(), title: '七一知识竞赛', setId: 'set-1' };
    form.overrides = [{ position: 5, points: 'double', scoring: '', timeLimitSec: 60 }];
    const input = toCreateInput(form);
    const parsed = createContestInputSchema.parse(input);
    expect(parsed.settings.overrides).toEqual({ '4': { points: 'double', timeLimitSec: 60 } });
  });

  it('flags a missing number, a number past the last question, a repeat and a row without a change', () => {
    const rows = [
      { ...emptyOverride(), points: 'double' as const },
      { ...emptyOverride(), position: 12, points: 'double' as const },
      { ...emptyOverride(), position: 2, timeLimitSec: 20 },
      { ...emptyOverride(), position: 2, points: 'none' as const },
      { ...emptyOverride(), position: 4 },
    ];
    expect(overrideIssues(rows, 10).map((i) => [i.field, i.key])).toEqual([
      ['override-0', 'host.issue.overridePosition'],
      ['override-1', 'host.issue.overridePastEnd'],
      ['override-3', 'host.issue.overrideRepeat'],
      ['override-4', 'host.issue.overrideEmpty'],
    ]);
    // Without a known count (no set chosen yet) only the count check is skipped.
    expect(overrideIssues(rows, null).map((i) => i.field)).toEqual(['override-0', 'override-3', 'override-4']);
  });

  it('knows the question count from the set or the draw, and checks the form with it', () => {
    const sets = [{ id: 'a', questionCount: 8 }];
    const form = { ...defaultForm(), title: '测试', setId: 'a' };
    expect(questionCount(form, sets)).toBe(8);
    expect(questionCount({ ...form, source: 'random', count: 15 }, sets)).toBe(15);
    expect(questionCount({ ...form, setId: 'missing' }, sets)).toBeNull();
    form.overrides = [{ position: 9, points: 'double', scoring: '', timeLimitSec: null }];
    expect(checkForm(form, 8).map((i) => i.key)).toEqual(['host.issue.overridePastEnd']);
    form.overrides[0]!.position = 8;
    expect(checkForm(form, 8)).toEqual([]);
  });
});
