import { describe, expect, it } from 'vitest';
import { answerText, emptyDraft, toggle } from './team-answer';

describe('a team’s written answer', () => {
  it('sends letters for choices, 正确/错误 for true/false, the trimmed text for fill-ins', () => {
    expect(answerText(emptyDraft('single'))).toBeNull();
    expect(answerText({ kind: 'choice', multiple: false, picked: [1] })).toBe('B');
    expect(answerText({ kind: 'choice', multiple: true, picked: [0, 2, 3] })).toBe('ACD');
    expect(answerText({ kind: 'truefalse', value: false })).toBe('错误');
    expect(answerText({ kind: 'truefalse', value: null })).toBeNull();
    expect(answerText({ kind: 'fill', text: '  嘉兴南湖 ' })).toBe('嘉兴南湖');
    expect(answerText({ kind: 'fill', text: '   ' })).toBeNull();
  });

  it('a single choice replaces, a multiple choice toggles in letter order', () => {
    expect(toggle({ kind: 'choice', multiple: false, picked: [0] }, 2)).toEqual([2]);
    expect(toggle({ kind: 'choice', multiple: true, picked: [2] }, 0)).toEqual([0, 2]);
    expect(toggle({ kind: 'choice', multiple: true, picked: [0, 2] }, 2)).toEqual([0]);
  });
});
