// Shared by the format specs: fixture files, an xlsx built from rows, and sample questions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { questionSchema, type Question, type QuestionInput } from '../schema';

export const FIXTURES = fileURLToPath(new URL('../../test-fixtures/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

/** An .xlsx whose first sheet holds `rows` (row 1 first; null leaves a cell empty). */
export async function xlsx(rows: (string | number | null)[][], sheetName = 'Sheet1'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((row, i) => {
    row.forEach((value, j) => {
      if (value !== null) sheet.getCell(i + 1, j + 1).value = value;
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const SAMPLE: QuestionInput[] = [
  {
    id: 'sample-single',
    type: 'single',
    stem: '会场遭搜查后，中共一大最后一天的会议改在何处举行？',
    options: ['上海李达寓所内', '杭州西湖的画舫上', '浙江嘉兴南湖的游船上', '上海博文女校教室里'],
    answer: 'C',
    explanation: '由于会场受到法租界巡捕搜查，最后一天的会议转移到浙江嘉兴南湖的一艘游船上举行。',
    source: { kind: 'book', ref: '《中国共产党简史》第一章' },
    category: '党史',
    tags: ['建党百年', '七一'],
    difficulty: 1,
    timeLimit: 25,
  },
  {
    id: 'sample-multiple',
    type: 'multiple',
    // Characters every format must escape: GIFT's = # { } : ~, CSV's , " and newlines, XML's < & ]]>.
    stem: '下列说法中，正确的有哪些？（注意：a=b, "引号", {括号}, #号, 冒号: 与 ~ 号, <标签> & ]]> 都应原样保留）',
    options: ['毛泽东出席了中共一大', '董必武出席了中共一大', '陈独秀出席了中共一大', '王尽美出席了中共一大', '李大钊出席了中共一大'],
    answer: ['A', 'B', 'D'],
    explanation: '毛泽东、董必武、王尽美出席了中共一大；\n陈独秀在广州、李大钊在北京，未能出席。',
    source: { kind: 'document', ref: '毛泽东《反对本本主义》（1930年5月）' },
    category: '党史',
    tags: [],
    difficulty: 3,
    timeLimit: 30,
  },
  {
    id: 'sample-truefalse',
    type: 'truefalse',
    stem: '预备党员的预备期为一年。',
    answer: true,
    explanation: '党章规定：预备党员的预备期为一年，从支部大会通过他为预备党员之日算起。',
    source: { kind: 'charter', ref: '《中国共产党章程》第七条' },
    category: '党章党规',
    tags: ['党章'],
    difficulty: 2,
    timeLimit: 20,
    media: { image: 'https://example.org/dangzhang.jpg', alt: '党章封面' },
  },
  {
    id: 'sample-false',
    type: 'truefalse',
    stem: '中共一大于1921年7月1日在上海开幕。',
    answer: false,
    explanation: '中共一大实际于1921年7月23日开幕。',
    source: { kind: 'event', ref: '1921年7月23日 中共一大在上海开幕' },
    category: '党史',
    difficulty: 2,
  },
  {
    id: 'sample-fill',
    type: 'fill',
    stem: '出席中共一大的代表共有____人。',
    answer: ['13', '13人', '十三'],
    explanation: '出席中共一大的代表共13人，代表全国50多名党员。',
    source: { kind: 'law', ref: '《中华人民共和国退役军人保障法》第一条' },
    category: '退役军人事务',
    tags: ['保障法'],
    difficulty: 1,
    timeLimit: 30,
  },
];

export const sampleQuestions: Question[] = SAMPLE.map((q) => questionSchema.parse(q));

/** What importing an exported question gives back: the same question, as a draft. */
export function asImported(q: Question): Question {
  return { ...q, status: 'draft' };
}
