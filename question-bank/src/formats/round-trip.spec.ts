// What we export, we read back unchanged (as drafts): every exportable format, every type.
import { describe, expect, it } from 'vitest';
import { loadBank } from '../bank-files';
import { EXPORT_FORMATS, FORMATS } from './index';
import { asImported, sampleQuestions } from './spec-helpers';

describe.each(EXPORT_FORMATS)('%s export → import', (name) => {
  const format = FORMATS[name];

  it('gives back the sample questions of all four types', async () => {
    expect(new Set(sampleQuestions.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'truefalse', 'fill']));
    const result = await format.import(await format.export!(sampleQuestions), { category: 'unused' });
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual(sampleQuestions.map(asImported));
    const [single, multiple, truefalse, , fill] = result.questions;
    expect(single).toMatchObject({ type: 'single', answer: 'C', category: '党史', difficulty: 1, timeLimit: 25 });
    expect(multiple).toMatchObject({ type: 'multiple', answer: ['A', 'B', 'D'], difficulty: 3, source: { kind: 'document' } });
    expect(multiple.stem).toBe(sampleQuestions[1].stem);
    expect(truefalse).toMatchObject({ answer: true, media: { image: 'https://example.org/dangzhang.jpg', alt: '党章封面' } });
    expect(fill).toMatchObject({ answer: ['13', '13人', '十三'], category: '退役军人事务', tags: ['保障法'] });
  });

  it('gives back the whole shipped bank', async () => {
    const { questions } = loadBank();
    expect(questions.length).toBeGreaterThan(100);
    const result = await format.import(await format.export!(questions));
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual(questions.map(asImported));
  });
});
