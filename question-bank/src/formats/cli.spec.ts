// `bank import` / `bank export` as the command line runs them (stdout and stderr captured).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { runExport, runImport } from '../cli-formats';
import { loadBank } from '../bank-files';
import { questionSchema } from '../schema';
import { FIXTURES } from './spec-helpers';
import { importExcel } from './excel';
import { importGift } from './gift';

let out = '';
let err = '';
let dir = '';

beforeEach(() => {
  out = '';
  err = '';
  dir = mkdtempSync(join(tmpdir(), 'bank-cli-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('bank import', () => {
  it('prints the exact JSON shape with --json', async () => {
    expect(await runImport([`${FIXTURES}broken.gift`, '--json'])).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['imported', 'skipped', 'questions', 'errors']);
    expect(json.imported).toBe(1);
    expect(json.skipped).toBe(5);
    expect(json.questions[0]).toMatchObject({ type: 'truefalse', answer: true, status: 'draft' });
    expect(json.errors[0]).toEqual({ line: 2, message: expect.stringMatching(/^broken braces/) });
  });

  it('guesses the format from the extension and uses --category as the default category', async () => {
    expect(await runImport([`${FIXTURES}tiku.csv`, '--json', '--category', '党史'])).toBe(0);
    const json = JSON.parse(out);
    expect(json.imported).toBe(6);
    expect(json.errors[0]).toEqual({ row: 9, message: '答案 E has no option (选项A–D)' });
    // The row without 分类 takes --category; the others keep their own.
    expect(json.questions.map((q: { category: string }) => q.category)).toEqual(['党史', '党史', '党章党规', '党史', '党史', '党史']);
  });

  it('prints a readable summary without --json', async () => {
    expect(await runImport([`${FIXTURES}quiz.xml`])).toBe(0);
    expect(out).toContain('quiz.xml (moodle-xml): 6 imported, 2 skipped');
    expect(out).toContain('单选 2, 多选 1, 判断 1, 填空 2');
    expect(err).toContain('line 62: question type "essay" is not imported');
  });

  it('writes a bank file only with --out, and not on a dry run', async () => {
    const target = join(dir, 'imported.yaml');
    expect(await runImport([`${FIXTURES}tiku.gift`, '--out', target, '--dry-run'])).toBe(0);
    expect(() => readFileSync(target)).toThrow();
    expect(await runImport([`${FIXTURES}tiku.gift`, '--out', target])).toBe(0);
    const file = parse(readFileSync(target, 'utf8'));
    expect(file.category).toBe('党史');
    expect(file.questions).toHaveLength(9);
    expect(file.questions[0]).toMatchObject({ id: 'yida-nanhu', type: 'single', answer: 'A', status: 'draft' });
    expect(file.questions[0].category).toBeUndefined();
    expect(file.questions[4].category).toBe('军史与英烈');
    expect(file.questions.filter((q: { category?: string }) => q.category !== undefined)).toHaveLength(1);
    // The file has the shape of a bank file, and every question in it passes the schema.
    expect(loadBank(dir).errors.filter((e) => e.index === undefined)).toEqual([]);
    for (const q of file.questions) expect(questionSchema.safeParse({ category: file.category, ...q }).success).toBe(true);
  });

  it('exits 1 when the file cannot be read or parsed at all, 0 when it is empty but valid', async () => {
    expect(await runImport([join(dir, 'missing.gift'), '--json'])).toBe(1);
    expect(JSON.parse(out)).toEqual({ imported: 0, skipped: 0, questions: [], errors: [{ message: expect.stringMatching(/^cannot read/) }] });
    out = '';
    expect(await runImport([`${FIXTURES}broken.xml`, '--json'])).toBe(1);
    expect(JSON.parse(out).errors[0]).toMatchObject({ line: 4 });
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '\uFEFF');
    expect(await runImport([empty])).toBe(0);
  });

  it('rejects bad usage with exit 2', async () => {
    expect(await runImport([])).toBe(2);
    expect(await runImport([`${FIXTURES}tiku.csv`, '--format', 'docx'])).toBe(2);
    expect(await runImport([join(dir, 'a.docx')])).toBe(1);
    expect(await runImport([`${FIXTURES}tiku.csv`, '--bogus'])).toBe(2);
  });
});

describe('bank export', () => {
  it('exports the shipped bank filtered by category', async () => {
    const target = join(dir, 'dangshi.xlsx');
    expect(await runExport(['--format', 'excel', '--category', '党史', '--out', target])).toBe(0);
    const expected = loadBank().questions.filter((q) => q.category === '党史' && q.status !== 'retired');
    expect(out).toBe(`wrote ${expected.length} questions to ${target} (excel)\n`);
    const result = await importExcel(readFileSync(target));
    expect(result.questions.map((q) => q.id)).toEqual(expected.map((q) => q.id));
  });

  it('guesses the format from --out and exports everything without --category', async () => {
    const target = join(dir, 'all.gift');
    expect(await runExport(['--out', target])).toBe(0);
    const result = await importGift(readFileSync(target));
    expect(result.questions).toHaveLength(loadBank().questions.filter((q) => q.status !== 'retired').length);
  });

  it('refuses an unknown category, an import-only format and a missing --out', async () => {
    expect(await runExport(['--format', 'csv', '--category', '不存在', '--out', join(dir, 'x.csv')])).toBe(1);
    expect(err).toContain('no questions in category 不存在');
    expect(await runExport(['--format', 'kahoot-xlsx', '--out', join(dir, 'x.xlsx')])).toBe(2);
    expect(await runExport(['--format', 'csv'])).toBe(2);
  });
});
