import { describe, expect, it } from 'vitest';
import type { StageAuditEntryDto } from '@dangshi/protocol';
import { undoTarget, undoneSeqs, whereOf } from './audit-rows';

const entry = (seq: number, reason: StageAuditEntryDto['reason'], ref: number | null = null): StageAuditEntryDto =>
  ({ seq, at: seq, by: 'engine', teamId: 'a', delta: 10, reason, note: null, round: 0, question: 1, ref });

describe('the score log', () => {
  it('undo reverses the latest entry not yet undone, like the engine', () => {
    expect(undoTarget([])).toBeNull();
    expect(undoTarget([entry(1, 'right'), entry(2, 'adjust')])?.seq).toBe(2);
    expect(undoTarget([entry(1, 'right'), entry(2, 'adjust'), entry(3, 'undo', 2)])?.seq).toBe(1);
    expect(undoTarget([entry(1, 'right'), entry(2, 'undo', 1)])).toBeNull();
  });

  it('marks reversed entries and says where an entry happened', () => {
    expect([...undoneSeqs([entry(1, 'right'), entry(2, 'falseStart'), entry(3, 'undo', 1)])]).toEqual([1]);
    const rounds = [{ title: '抢答题' }];
    expect(whereOf(entry(1, 'right'), rounds)).toEqual({ title: '抢答题', question: 2 });
    expect(whereOf({ round: null, question: null }, rounds)).toBeNull();
  });
});
