import { describe, expect, it } from 'vitest';
import type { Question } from '@dangshi/question-bank';
import { isValidResponse, judge } from '../contest/engine/judge';
import { answerKey, asJudgedQuestion, questionView } from './practice-question';

const base = { explanation: '解析', source: { kind: 'book' as const, ref: '《中国共产党简史》' }, category: '党史', tags: [], difficulty: 2 as const, status: 'reviewed' as const, timeLimit: 20 };

describe('practice questions', () => {
  it('judges a multiple-choice question in bank order and never shows the key', () => {
    const q: Question = { ...base, id: 'm1', stem: '哪些？', type: 'multiple', options: ['甲', '乙', '丙'], answer: ['C', 'A'] };
    expect(answerKey(q)).toEqual({ type: 'multiple', options: [0, 2] });
    expect(judge(answerKey(q), { kind: 'choice', options: [2, 0] }, false)).toBe(1);
    expect(judge(answerKey(q), { kind: 'choice', options: [0] }, false)).toBe(0);
    expect(JSON.stringify(questionView(q))).not.toContain('answer');
    expect(isValidResponse(asJudgedQuestion(q), { kind: 'choice', options: [5] })).toBe(false);
    expect(isValidResponse(asJudgedQuestion(q), { kind: 'truefalse', value: true })).toBe(false);
  });

  it('judges true/false and fill-in', () => {
    const tf: Question = { ...base, id: 't1', stem: '对吗？', type: 'truefalse', answer: false };
    expect(judge(answerKey(tf), { kind: 'truefalse', value: false }, false)).toBe(1);
    const fill: Question = { ...base, id: 'f1', stem: '____', type: 'fill', answer: ['遵义会议'] };
    expect(judge(answerKey(fill), { kind: 'fill', text: ' 遵义会议 ' }, false)).toBe(1);
  });
});
