import { describe, expect, it } from 'vitest';
import { validateQuestions } from './validate';
import { fillAnswerMatches } from './answer';

const base = {
  explanation: '解析文字。',
  source: { kind: 'event', ref: '1921年7月 中共一大' },
  category: '党史',
  difficulty: 1,
};

function check(...items: object[]) {
  return validateQuestions(items.map((item, index) => ({ index, item })));
}

describe('validateQuestions', () => {
  it('accepts well-formed questions of every type and fills defaults', () => {
    const { questions, errors } = check(
      { ...base, id: 'q1', type: 'single', stem: '中共一大在哪一年召开？', options: ['1919年', '1921年', '1927年'], answer: 'B' },
      { ...base, id: 'q2', type: 'multiple', stem: '下列哪些是“四史”的内容？', options: ['党史', '新中国史', '世界史', '改革开放史'], answer: ['A', 'B', 'D'] },
      { ...base, id: 'q3', type: 'truefalse', stem: '中国共产党成立于1921年。', answer: true },
      { ...base, id: 'q4', type: 'fill', stem: '中共一大最后一天在浙江嘉兴____的游船上举行。', answer: ['南湖'] },
    );
    expect(errors).toEqual([]);
    expect(questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(questions[0]).toMatchObject({ status: 'reviewed', timeLimit: 20, tags: [] });
  });

  it('reports an answer letter without an option and a repeated letter', () => {
    const { errors } = check(
      { ...base, id: 'q1', type: 'single', stem: '题一', options: ['甲', '乙'], answer: 'C' },
      { ...base, id: 'q2', type: 'multiple', stem: '题二', options: ['甲', '乙', '丙'], answer: ['A', 'A'] },
    );
    expect(errors.map((e) => `${e.id}: ${e.message}`)).toEqual([
      'q1: answer: answer C has no option (only 2 options)',
      'q2: answer: answer repeats a letter',
    ]);
  });

  it('finds duplicate ids and stems that differ only in punctuation or spaces', () => {
    const one = { ...base, type: 'truefalse', answer: true };
    const { errors, questions } = check(
      { ...one, id: 'a', stem: '遵义会议召开于1935年1月。' },
      { ...one, id: 'a', stem: '另一道题目。' },
      { ...one, id: 'c', stem: '遵义会议 召开于1935年1月' },
    );
    expect(questions.map((q) => q.id)).toEqual(['a']);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('id a is used twice'), 'the same stem as a']);
  });

  it('refuses catch-all options, lopsided option lengths and a stem that gives the answer away', () => {
    const { errors } = check(
      { ...base, id: 'q1', type: 'single', stem: '题一', options: ['甲', '乙', '以上都对'], answer: 'A' },
      { ...base, id: 'q2', type: 'single', stem: '题二', options: ['甲', '一个长得多得多得多得多得多的选项'], answer: 'A' },
      { ...base, id: 'q3', type: 'single', stem: '遵义会议确立了谁的领导地位？遵义会议', options: ['遵义会议', '古田会议'], answer: 'A' },
      { ...base, id: 'q4', type: 'fill', stem: '南湖红船停在____南湖。', answer: ['南湖'] },
    );
    expect(errors.map((e) => `${e.id}: ${e.message}`)).toEqual([
      'q1: option "以上都对" is a catch-all; write a real option',
      'q2: option lengths differ too much (longest > 3 × shortest + 6)',
      'q3: the stem gives the answer away',
      'q4: the stem gives the answer away',
    ]);
  });

  it('requires sources to be specific', () => {
    const tf = { ...base, type: 'truefalse', answer: false };
    const { errors } = check(
      { ...tf, id: 'l', stem: '法一', source: { kind: 'law', ref: '《中华人民共和国退役军人保障法》' } },
      { ...tf, id: 'e', stem: '事件', source: { kind: 'event', ref: '中共一大召开' } },
      { ...tf, id: 'c', stem: '党章', source: { kind: 'charter', ref: '党章' } },
      { ...tf, id: 'ok', stem: '好的', source: { kind: 'law', ref: '《中华人民共和国退役军人保障法》第一条' } },
    );
    expect(errors.map((e) => e.id)).toEqual(['l', 'e', 'c']);
  });

  it('reports schema problems with their path and keeps going', () => {
    const { errors, questions } = check(
      { ...base, id: 'Bad Id', type: 'single', stem: '', options: ['甲'], answer: 'A' },
      { ...base, id: 'fine', type: 'truefalse', stem: '正确的陈述。', answer: true },
    );
    expect(questions).toHaveLength(1);
    expect(errors.map((e) => e.message.split(':')[0]).sort()).toEqual(['id', 'options', 'stem']);
  });
});

describe('fillAnswerMatches', () => {
  it('ignores width, case, spaces and punctuation', () => {
    expect(fillAnswerMatches(['1921', '1921年'], ' １９２１年 ')).toBe(true);
    expect(fillAnswerMatches(['实事求是'], '实事求是。')).toBe(true);
    expect(fillAnswerMatches(['Long March'], 'long  march')).toBe(true);
    expect(fillAnswerMatches(['1921'], '1927')).toBe(false);
    expect(fillAnswerMatches(['1921'], '  ')).toBe(false);
  });
});
