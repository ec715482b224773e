// Kahoot!'s quiz spreadsheet template (import only): a title area, then a header row
// "Question - max 120 characters | Answer 1 … Answer 4 | Time limit (sec) | Correct answer(s)".
import { LETTERS } from '../schema';
import { Collector, type Draft } from './collect';
import { loadWorkbook, sheetRows } from './sheet';
import type { GridRow } from './template';
import type { Format, ImportOptions, ImportResult } from './types';

interface Columns {
  row: number;
  question: number;
  answers: number[];
  time?: number;
  correct?: number;
}

const TRUE_TEXTS = ['true', '对', '正确'];
const FALSE_TEXTS = ['false', '错', '错误'];

function findHeader(rows: GridRow[]): Columns | undefined {
  for (const { row, cells } of rows) {
    const find = (pattern: RegExp) => cells.findIndex((c) => pattern.test(c.trim()));
    const question = find(/^question\b/i);
    if (question === -1) continue;
    const answers: number[] = [];
    cells.forEach((c, i) => {
      const n = /^answer\s*(\d)/i.exec(c.trim());
      if (n) answers[Number(n[1]) - 1] = i;
    });
    const time = find(/^time\s*limit/i);
    const correct = find(/^correct\s*answer/i);
    return { row, question, answers, time: time === -1 ? undefined : time, correct: correct === -1 ? undefined : correct };
  }
  return undefined;
}

/** Whether a sheet is the Kahoot template rather than our 题库 template. */
export function isKahootSheet(rows: GridRow[]): boolean {
  return rows.slice(0, 20).some((r) => r.cells.some((c) => /^question\s*-\s*max/i.test(c.trim())));
}

export async function importKahoot(data: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const collector = new Collector(options, 'Kahoot');
  const workbook = await loadWorkbook(data);
  if (!workbook) {
    collector.fail({}, 'not an .xlsx workbook');
    return collector.result();
  }
  const rows = workbook.worksheets[0] ? sheetRows(workbook.worksheets[0]) : [];
  const columns = findHeader(rows);
  if (!columns || columns.correct === undefined || columns.answers.length === 0) {
    collector.fail({ row: columns?.row ?? 1 }, 'no Kahoot header row (Question | Answer 1…4 | Time limit | Correct answer(s))');
    return collector.result();
  }
  for (const { row, cells } of rows.filter((r) => r.row > columns.row)) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const stem = cell(columns.question);
    const answers = columns.answers.map((i) => cell(i));
    if (stem === '' && answers.every((a) => a === '')) continue;
    const draft = readRow(stem, answers, cell(columns.correct), cell(columns.time));
    if (typeof draft === 'string') collector.skip({ row }, draft);
    else collector.add(draft, { row });
  }
  return collector.result();
}

function readRow(stem: string, answers: string[], correctText: string, timeText: string): Draft | string {
  if (stem === '') return 'missing question text';
  const numbers = correctText.split(/[,，、;\s]+/).filter((t) => t !== '');
  if (numbers.length === 0) return 'missing correct answer(s)';
  const correct = new Set<number>();
  for (const n of numbers) {
    const index = Number(n) - 1;
    if (!Number.isInteger(index) || answers[index] === undefined || answers[index] === '') return `correct answer "${n}" is not a filled answer column`;
    correct.add(index);
  }
  // Answers are numbered by column, so a blank Answer 2 must not shift Answer 3 to letter B.
  const filled = answers.flatMap((text, i) => (text === '' ? [] : [{ text, right: correct.has(i) }]));
  const timeLimit = timeText === '' ? undefined : Number(timeText);
  if (filled.length === 2 && correct.size === 1) {
    const words = filled.map((a) => a.text.toLowerCase());
    const trueIndex = words.findIndex((w) => TRUE_TEXTS.includes(w));
    const falseIndex = words.findIndex((w) => FALSE_TEXTS.includes(w));
    if (trueIndex !== -1 && falseIndex !== -1) return { type: 'truefalse', stem, answer: filled[trueIndex].right, timeLimit };
  }
  const options = filled.map((a) => a.text);
  const keys = LETTERS.filter((_, i) => filled[i]?.right);
  return keys.length === 1
    ? { type: 'single', stem, options, answer: keys[0], timeLimit }
    : { type: 'multiple', stem, options, answer: keys, timeLimit };
}

export const kahootXlsx: Format = {
  name: 'kahoot-xlsx',
  extensions: [],
  import: importKahoot,
};
