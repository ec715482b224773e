import { describe, expect, it } from 'vitest';
import { adjustCommand, checkAdjust, emptyAdjust, undoCommand } from './judge-forms';

describe('the judges’ adjustment', () => {
  it('needs a team, a whole non-zero delta within ±100 and a reason', () => {
    expect(checkAdjust(emptyAdjust()).map((i) => i.field)).toEqual(['team', 'delta', 'reason']);
    expect(checkAdjust({ teamId: 't1', delta: 0, reason: '计分错误' }).map((i) => i.key)).toEqual(['stage.judge.adjustDeltaInvalid']);
    expect(checkAdjust({ teamId: 't1', delta: 101, reason: 'x' }).map((i) => i.field)).toEqual(['delta']);
    expect(checkAdjust({ teamId: 't1', delta: 2.5, reason: 'x' }).map((i) => i.field)).toEqual(['delta']);
    expect(checkAdjust({ teamId: 't1', delta: -5, reason: '   ' }).map((i) => i.field)).toEqual(['reason']);
    expect(checkAdjust({ teamId: 't1', delta: -5, reason: '答案表述不完整' })).toEqual([]);
  });

  it('sends the trimmed reason; an undo without a reason sends none', () => {
    expect(adjustCommand({ teamId: 't1', delta: 5, reason: ' 补判 ' })).toEqual({ action: 'adjust', teamId: 't1', delta: 5, reason: '补判' });
    expect(undoCommand('  ')).toEqual({ action: 'undo' });
    expect(undoCommand(' 误判 ')).toEqual({ action: 'undo', reason: '误判' });
  });
});
