// The Chinese 题库 template shared by the Excel and CSV formats: which columns there are, how
// a row becomes a question and a question a row. The containers (xlsx, csv) only move grids.
import { LETTERS, type Letter, type Question } from '../schema';
import type { Collector, Draft } from './collect';
import { inferSourceKind, parseSourceKind, SOURCE_KIND_LABELS } from './source-kind';

/** One sheet row as texts, with its 1-based number as Excel shows it. */
export interface GridRow {
  row: number;
  cells: string[];
}

type Field =
  | 'id' | 'type' | 'stem' | Letter | 'answer' | 'explanation' | 'difficulty' | 'category'
  | 'source' | 'sourceKind' | 'tags' | 'timeLimit' | 'image' | 'imageAlt';

/** Export order; the first name of each field is the one we write. */
const COLUMNS: [Field, ...string[]][] = [
  ['id', 'ID'],
  ['type', '题型', '题目类型', '类型'],
  ['stem', '题干', '题目', '题目内容'],
  ...LETTERS.map((l): [Field, string] => [l, `选项${l}`]),
  ['answer', '答案', '正确答案', '参考答案'],
  ['explanation', '解析', '答案解析'],
  ['difficulty', '难度'],
  ['category', '分类', '类别'],
  ['source', '来源', '出处'],
  ['sourceKind', '来源类型'],
  ['tags', '标签'],
  ['timeLimit', '时限（秒）', '答题时间', '时间限制'],
  ['image', '图片'],
  ['imageAlt', '图片说明'],
];
const REQUIRED: Field[] = ['type', 'stem', 'answer'];
export const TEMPLATE_HEADER = COLUMNS.map(([, name]) => name);

/** Header cells are matched ignoring spaces, width, case and any "(…)" note such as （必填）. */
function headerKey(cell: string): string {
  return cell.normalize('NFKC').replace(/\([^)]*\)/g, '').replace(/\s+/g, '').toLowerCase();
}
const FIELD_BY_HEADER = new Map(COLUMNS.flatMap(([field, ...names]) => names.map((n) => [headerKey(n), field] as const)));
const HEADER_SEARCH_ROWS = 10;

const TYPES: Record<string, Question['type']> = {
  单选题: 'single', 单选: 'single', 单项选择题: 'single', 单项选择: 'single', single: 'single',
  多选题: 'multiple', 多选: 'multiple', 多项选择题: 'multiple', 多项选择: 'multiple', multiple: 'multiple',
  判断题: 'truefalse', 判断: 'truefalse', truefalse: 'truefalse',
  填空题: 'fill', 填空: 'fill', fill: 'fill',
};
const TYPE_LABELS: Record<Question['type'], string> = { single: '单选题', multiple: '多选题', truefalse: '判断题', fill: '填空题' };
const TRUE_WORDS = ['正确', '对', '√', '✓', '✔', '是', 't', 'true', 'y', 'yes'];
const FALSE_WORDS = ['错误', '错', '×', '✗', '✘', '否', 'f', 'false', 'n', 'no', 'x'];
const DIFFICULTIES: Record<string, 1 | 2 | 3> = { 易: 1, 简单: 1, 容易: 1, '1': 1, 中: 2, 中等: 2, 一般: 2, '2': 2, 难: 3, 困难: 3, 较难: 3, '3': 3 };
const DIFFICULTY_LABELS = { 1: '易', 2: '中', 3: '难' } as const;
const LIST_SEPARATORS = /[,，、;；]/;

class RowProblem extends Error {}
const problem = (message: string): never => {
  throw new RowProblem(message);
};

function findHeader(rows: GridRow[]): { row: number; index: number; columns: Map<Field, number> } | undefined {
  for (const [index, { row, cells }] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const columns = new Map<Field, number>();
    cells.forEach((cell, i) => {
      const field = FIELD_BY_HEADER.get(headerKey(cell));
      if (field && !columns.has(field)) columns.set(field, i);
    });
    if (columns.size >= 2) return { row, index, columns };
  }
  return undefined;
}

export function hasTemplateHeader(rows: GridRow[]): boolean {
  return findHeader(rows) !== undefined;
}

/** Reads every row under the header into the collector. */
export function importGrid(rows: GridRow[], collector: Collector): void {
  const header = findHeader(rows);
  if (!header) {
    collector.fail({ row: rows[0]?.row ?? 1 }, `no header row with the columns ${REQUIRED.map(label).join(', ')} in the first ${HEADER_SEARCH_ROWS} rows`);
    return;
  }
  const missing = REQUIRED.filter((f) => !header.columns.has(f));
  if (missing.length > 0) {
    collector.fail({ row: header.row }, `missing required column${missing.length > 1 ? 's' : ''} ${missing.map(label).join(', ')} in the header row`);
    return;
  }
  for (const { row, cells } of rows.slice(header.index + 1)) {
    if (cells.every((c) => c.trim() === '')) continue;
    const get = (field: Field) => {
      const i = header.columns.get(field);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    try {
      collector.add(rowDraft(get), { row });
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      collector.skip({ row }, error.message);
    }
  }
}

function label(field: Field): string {
  return COLUMNS.find(([f]) => f === field)![1];
}

function rowDraft(get: (field: Field) => string): Draft {
  const typeText = get('type');
  if (typeText === '') problem('missing 题型');
  const type = TYPES[typeText.normalize('NFKC').replace(/\s+/g, '').toLowerCase()] ?? problem(`unknown 题型 "${typeText}" (use 单选题, 多选题, 判断题 or 填空题)`);
  if (get('stem') === '') problem('missing 题干');
  const choice = type === 'single' || type === 'multiple';
  const options = choice ? readOptions(get) : undefined;
  const image = get('image');
  const timeLimit = get('timeLimit');
  return {
    id: get('id') || undefined,
    type,
    stem: get('stem'),
    options,
    answer: readAnswer(type, get('answer'), options?.length ?? 0),
    explanation: get('explanation') || undefined,
    difficulty: readDifficulty(get('difficulty')),
    category: get('category') || undefined,
    source: readSource(get('source'), get('sourceKind')),
    tags: splitList(get('tags')),
    timeLimit: timeLimit === '' ? undefined : Number(timeLimit),
    media: image ? { image, alt: get('imageAlt') || '题目配图' } : undefined,
  };
}

function readSource(ref: string, kind: string): Draft['source'] {
  if (ref === '') return undefined;
  if (kind === '') return { kind: inferSourceKind(ref), ref };
  return { kind: parseSourceKind(kind) ?? problem(`unknown 来源类型 "${kind}" (书籍, 党章, 法律, 事件 or 文献)`), ref };
}

function readOptions(get: (field: Field) => string): string[] {
  const values = LETTERS.map((l) => get(l));
  let last = values.length - 1;
  while (last >= 0 && values[last] === '') last -= 1;
  const gap = values.findIndex((v, i) => v === '' && i < last);
  if (gap !== -1) problem(`选项${LETTERS[gap]} is empty but a later option is filled`);
  if (last < 1) problem('a choice question needs at least 选项A and 选项B');
  return values.slice(0, last + 1);
}

function readAnswer(type: Question['type'], text: string, optionCount: number): unknown {
  if (text === '') problem('missing 答案');
  const plain = text.normalize('NFKC').trim();
  switch (type) {
    case 'single':
    case 'multiple': {
      const letters = plain.toUpperCase().replace(/[\s,;、，；]+/g, '');
      if (!/^[A-Z]+$/.test(letters)) problem(`答案 "${text}" is not option letters`);
      const keys = [...new Set(letters)].sort();
      for (const key of keys) {
        const index = LETTERS.indexOf(key as Letter);
        if (index === -1 || index >= optionCount) problem(`答案 ${key} has no option (选项A–${LETTERS[optionCount - 1]})`);
      }
      if (type === 'single') return keys.length === 1 ? keys[0] : problem(`a 单选题 has one answer letter, not "${text}"`);
      return keys.length >= 2 ? keys : problem(`a 多选题 has at least two answer letters, not "${text}"`);
    }
    case 'truefalse': {
      const word = plain.toLowerCase();
      if (TRUE_WORDS.includes(word)) return true;
      if (FALSE_WORDS.includes(word)) return false;
      return problem(`答案 "${text}" of a 判断题 is not 正确/错误 (对/错, √/×)`);
    }
    case 'fill':
      return text.split(/[|｜]/).map((a) => a.trim()).filter((a) => a !== '');
  }
}

function readDifficulty(text: string): 1 | 2 | 3 | undefined {
  if (text === '') return undefined;
  return DIFFICULTIES[text.normalize('NFKC')] ?? problem(`难度 "${text}" is not 易, 中 or 难`);
}

function splitList(text: string): string[] {
  return text.split(LIST_SEPARATORS).map((t) => t.trim()).filter((t) => t !== '');
}

function answerCell(q: Question): string {
  switch (q.type) {
    case 'single':
      return q.answer;
    case 'multiple':
      return q.answer.join('');
    case 'truefalse':
      return q.answer ? '正确' : '错误';
    case 'fill':
      return q.answer.join('|');
  }
}

/** The header and one row per question, all cells as text. */
export function templateRows(questions: readonly Question[]): string[][] {
  const rows = questions.map((q) => {
    const options = q.type === 'single' || q.type === 'multiple' ? q.options : [];
    const cells: Record<Field, string> = {
      id: q.id,
      type: TYPE_LABELS[q.type],
      stem: q.stem,
      ...(Object.fromEntries(LETTERS.map((l, i) => [l, options[i] ?? ''])) as Record<Letter, string>),
      answer: answerCell(q),
      explanation: q.explanation,
      difficulty: DIFFICULTY_LABELS[q.difficulty],
      category: q.category,
      source: q.source.ref,
      sourceKind: SOURCE_KIND_LABELS[q.source.kind],
      tags: q.tags.join('、'),
      timeLimit: String(q.timeLimit),
      image: q.media?.image ?? '',
      imageAlt: q.media?.alt ?? '',
    };
    return COLUMNS.map(([field]) => cells[field]);
  });
  return [TEMPLATE_HEADER, ...rows];
}
