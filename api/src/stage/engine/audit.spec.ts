import { describe, expect, it } from 'vitest';
import { recompute, undoTarget } from './audit';
import type { AuditEntry } from './types';

const entry = (seq: number, teamId: string, delta: number, reason: AuditEntry['reason'], ref: number | null = null): AuditEntry => ({
  seq,
  at: 1000 + seq,
  by: 'j1',
  teamId,
  delta,
  reason,
  note: null,
  round: 0,
  question: 0,
  ref,
});

describe('audit log', () => {
  it('recomputes scores by summing deltas, listing teams without entries as 0', () => {
    const log = [entry(1, 'A', 10, 'right'), entry(2, 'B', -5, 'falseStart'), entry(3, 'A', -10, 'undo', 1), entry(4, 'A', 20, 'adjust')];
    expect(recompute(log)).toEqual({ A: 20, B: -5 });
    expect(recompute(log, ['A', 'B', 'C'])).toEqual({ A: 20, B: -5, C: 0 });
    expect(recompute([])).toEqual({});
  });

  it('targets the latest entry that is neither an undo nor undone', () => {
    const log = [entry(1, 'A', 10, 'right'), entry(2, 'B', 5, 'adjust'), entry(3, 'B', -5, 'undo', 2)];
    expect(undoTarget(log)?.seq).toBe(1);
    expect(undoTarget([...log, entry(4, 'A', -10, 'undo', 1)])).toBeNull();
    expect(undoTarget([])).toBeNull();
  });
});
