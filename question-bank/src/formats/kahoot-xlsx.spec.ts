import { describe, expect, it } from 'vitest';
import { guessFormat } from './index';
import { importKahoot } from './kahoot-xlsx';
import { xlsx } from './spec-helpers';

// The layout of Kahoot!'s official template: a title area, the header on row 8 from column B,
// question numbers in column A.
const HEADER = [
  null,
  'Question - max 120 characters',
  'Answer 1 - max 75 characters',
  'Answer 2 - max 75 characters',
  'Answer 3 - max 75 characters',
  'Answer 4 - max 75 characters',
  'Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs',
  'Correct answer(s) - choose at least one',
];

async function kahootFile(rows: (string | number | null)[][]): Promise<Uint8Array> {
  return xlsx([
    [null, 'Quiz template'],
    [null, 'Add questions, at least two answer alternatives, time limit and choose correct answers (at least one).'],
    [],
    [],
    [],
    [],
    [],
    HEADER,
    ...rows,
  ]);
}

describe('Kahoot! template import', () => {
  it('reads single, multiple and true/false questions with their time limits', async () => {
    const data = await kahootFile([
      [1, '中共一大在哪座城市开幕？', '上海', '北京', '广州', '武汉', 20, 1],
      [2, '“两弹一星”中的“两弹”指哪两种？', '原子弹', '导弹', '人造卫星', '航空母舰', 30, '1,2'],
      [3, '遵义会议于1935年召开。', 'True', 'False', null, null, 10, 1],
      [4, '南昌起义发生在1937年。', '对', '错', null, null, 10, '2'],
      [5, '党的十一届三中全会于哪一年召开？', '1976年', null, '1978年', null, 60, 3],
      [6, '缺少正确答案的题目', '甲', '乙', null, null, 20, null],
      [7, '正确答案指向空白选项', '甲', '乙', null, null, 20, 4],
      [8, null, '甲', '乙', null, null, 20, 1],
    ]);
    const result = await importKahoot(data, { sourceName: 'kahoot.xlsx', category: '党史' });
    const [yida, liangdan, zunyi, nanchang, sanzhong] = result.questions;
    expect(result.questions).toHaveLength(5);
    expect(yida).toMatchObject({
      type: 'single',
      stem: '中共一大在哪座城市开幕？',
      options: ['上海', '北京', '广州', '武汉'],
      answer: 'A',
      timeLimit: 20,
      category: '党史',
      status: 'draft',
      source: { kind: 'document', ref: '导入：kahoot.xlsx' },
    });
    expect(liangdan).toMatchObject({ type: 'multiple', answer: ['A', 'B'], timeLimit: 30 });
    expect(zunyi).toMatchObject({ type: 'truefalse', answer: true, timeLimit: 10 });
    expect(nanchang).toMatchObject({ type: 'truefalse', answer: false });
    // Answer 2 is blank, so Answer 3 becomes option B.
    expect(sanzhong).toMatchObject({ type: 'single', options: ['1976年', '1978年'], answer: 'B', timeLimit: 60 });
    expect(result.skipped).toBe(3);
    expect(result.errors).toEqual([
      { row: 14, message: 'missing correct answer(s)' },
      { row: 15, message: 'correct answer "4" is not a filled answer column' },
      { row: 16, message: 'missing question text' },
    ]);
  });

  it('reports a workbook without the Kahoot header', async () => {
    const result = await importKahoot(await xlsx([['题型', '题干']]));
    expect(result.errors).toEqual([{ row: 1, message: 'no Kahoot header row (Question | Answer 1…4 | Time limit | Correct answer(s))' }]);
  });

  it('is told apart from the 题库 template by its header', async () => {
    const kahoot = await kahootFile([[1, '中共一大在哪座城市开幕？', '上海', '北京', null, null, 20, 1]]);
    expect(await guessFormat('quiz.xlsx', kahoot)).toBe('kahoot-xlsx');
    expect(await guessFormat('题库.XLSX', await xlsx([['题型', '题干', '答案']]))).toBe('excel');
    expect(await guessFormat('a.gift', Buffer.from(''))).toBe('gift');
    expect(await guessFormat('a.txt', Buffer.from(''))).toBe('gift');
    expect(await guessFormat('a.xml', Buffer.from(''))).toBe('moodle-xml');
    expect(await guessFormat('a.csv', Buffer.from(''))).toBe('csv');
    expect(await guessFormat('a.doc', Buffer.from(''))).toBeUndefined();
  });
});
