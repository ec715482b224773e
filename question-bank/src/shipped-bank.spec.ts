// The shipped bank as a whole: what `bank validate` checks in CI, plus the mix the product promises.
import { describe, expect, it } from 'vitest';
import { countBy, loadBank, setQuestions } from './bank-files';
import { CATEGORIES } from './schema';

const bank = loadBank();

describe('the shipped question bank', () => {
  it('loads without a single error', () => {
    expect(bank.errors).toEqual([]);
  });

  it('has at least 400 questions across every category', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(400);
    const byCategory = countBy(bank.questions, (q) => q.category);
    for (const category of CATEGORIES) expect(byCategory[category] ?? 0, category).toBeGreaterThanOrEqual(40);
  });

  it('mixes types and difficulties as promised', () => {
    const n = bank.questions.length;
    const byType = countBy(bank.questions, (q) => q.type);
    expect(byType.multiple / n).toBeGreaterThanOrEqual(0.15);
    expect(byType.truefalse / n).toBeGreaterThanOrEqual(0.15);
    expect(byType.fill / n).toBeGreaterThanOrEqual(0.05);
    const byDifficulty = countBy(bank.questions, (q) => String(q.difficulty));
    for (const d of ['1', '2', '3']) expect(byDifficulty[d] ?? 0).toBeGreaterThanOrEqual(30);
  });

  it('has a themed set for each occasion, each with questions', () => {
    expect(bank.sets.map((s) => s.title)).toEqual(
      expect.arrayContaining(['建党百年', '七一 · 党的生日', '八一 · 建军节', '9·30 烈士纪念日', '学习《退役军人保障法》']),
    );
    for (const set of bank.sets) expect(setQuestions(set, bank.questions).length, set.id).toBeGreaterThanOrEqual(10);
  });

  it('states some true/false items as false, not only true', () => {
    const tf = bank.questions.filter((q) => q.type === 'truefalse');
    const falses = tf.filter((q) => q.answer === false).length;
    expect(falses / tf.length).toBeGreaterThan(0.2);
  });
});
