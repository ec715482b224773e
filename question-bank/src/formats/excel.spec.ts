import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportExcel, importExcel } from './excel';
import { sampleQuestions, xlsx } from './spec-helpers';

const HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '难度', '分类', '来源', '标签', '备注'];

describe('Excel 题库 import', () => {
  it('finds the header under a title row and reads each type; row numbers are as Excel shows them', async () => {
    const data = await xlsx([
      ['2024年党史知识竞赛题库'],
      [' 题型 ', '题干（必填）', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '难度', '分类', '来源', '标签', '备注'],
      ['单选题', '遵义会议在哪一年召开？', '1934年', '1935年', '1936年', '1937年', 'B', '遵义会议于1935年1月召开。', '易', '党史', '1935年1月 遵义会议', '长征', '内部备注'],
      ['多选题', '下列属于“两弹一星”的有哪些？', '原子弹', '导弹', '人造地球卫星', '航空母舰', 'A,B,C', '“两弹一星”指原子弹、导弹和人造地球卫星。', '中', '新中国史', null, '科技、国防', null],
      [],
      ['判断题', '中共七大在延安召开。', null, null, null, null, '对', '中共七大于1945年在延安召开。', '难', '党史', null, null, null],
      // A number cell: the fill answer is its shown text.
      ['填空题', '中国共产党成立于____年。', null, null, null, null, 1921, '1921年中国共产党成立。', null, null, null, null, null],
      ['单选题', '古田会议在哪一年召开？', '1927年', '1929年', null, null, 'C', null, null, null, null, null, null],
      ['判断题', null, null, null, null, null, '对', null, null, null, null, null, null],
      ['论述题', '谈谈你对伟大建党精神的理解。', null, null, null, null, '略', null, null, null, null, null, null],
    ]);
    const result = await importExcel(data, { category: '党史' });
    expect(result.questions).toHaveLength(4);
    const [zunyi, liangdan, qida, chengli] = result.questions;
    expect(zunyi).toMatchObject({
      type: 'single',
      options: ['1934年', '1935年', '1936年', '1937年'],
      answer: 'B',
      explanation: '遵义会议于1935年1月召开。',
      difficulty: 1,
      source: { kind: 'event', ref: '1935年1月 遵义会议' },
      tags: ['长征'],
    });
    expect(liangdan).toMatchObject({ type: 'multiple', answer: ['A', 'B', 'C'], category: '新中国史', tags: ['科技', '国防'], source: { kind: 'document', ref: '导入：Excel' } });
    expect(qida).toMatchObject({ type: 'truefalse', answer: true, difficulty: 3 });
    expect(chengli).toMatchObject({ type: 'fill', answer: ['1921'], category: '党史', difficulty: 2 });
    expect(result.skipped).toBe(3);
    expect(result.errors).toEqual([
      { row: 8, message: '答案 C has no option (选项A–B)' },
      { row: 9, message: 'missing 题干' },
      { row: 10, message: 'unknown 题型 "论述题" (use 单选题, 多选题, 判断题 or 填空题)' },
    ]);
  });

  it('reports a missing required column as one error', async () => {
    const data = await xlsx([
      ['题型', '题干', '选项A', '选项B', '解析'],
      ['单选题', '遵义会议在哪一年召开？', '1935年', '1936年', '遵义会议于1935年1月召开。'],
    ]);
    expect(await importExcel(data)).toEqual({ questions: [], errors: [{ row: 1, message: 'missing required column 答案 in the header row' }], skipped: 0 });
  });

  it('looks past a cover sheet for the sheet with the header', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').getCell('A1').value = '请在“题库”工作表中填写题目。';
    const sheet = workbook.addWorksheet('题库');
    sheet.addRow(HEADER);
    sheet.addRow(['判断题', '中共七大在延安召开。', null, null, null, null, '√']);
    const result = await importExcel(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(result.questions.map((q) => q.answer)).toEqual([true]);
  });

  it('says so when the file is not a workbook', async () => {
    expect((await importExcel(Buffer.from('题型,题干\n'))).errors).toEqual([{ message: 'not an .xlsx workbook (save it from Excel/WPS as .xlsx)' }]);
  });
});

describe('Excel 题库 export', () => {
  it('writes the template header and one text row per question', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportExcel(sampleQuestions)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('题库');
    expect(sheet.getRow(1).values).toEqual([undefined, 'ID', '题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '难度', '分类', '来源', '来源类型', '标签', '时限（秒）', '图片', '图片说明']);
    const header = sheet.getRow(1).values as string[];
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name)).value;
    expect(['ID', '题型', '选项C', '答案', '难度'].map((name) => cell(3, name))).toEqual(['sample-multiple', '多选题', '陈独秀出席了中共一大', 'ABD', '难']);
    expect(['答案', '来源类型', '标签', '时限（秒）'].map((name) => cell(6, name))).toEqual(['13|13人|十三', '法律', '保障法', '30']);
    expect(['答案', '图片', '图片说明'].map((name) => cell(4, name))).toEqual(['正确', 'https://example.org/dangzhang.jpg', '党章封面']);
  });
});
