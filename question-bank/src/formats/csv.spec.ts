import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csv, exportCsv, importCsv, parseCsv } from './csv';
import { fixture, sampleQuestions } from './spec-helpers';

describe('CSV parsing', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside fields', () => {
    const { rows } = parseCsv('a,"b,c","say ""hi""","line1\r\nline2"\r\n,,\n"last"');
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b,c', 'say "hi"', 'line1\r\nline2'] },
      { row: 2, cells: ['', '', ''] },
      { row: 3, cells: ['last'] },
    ]);
  });

  it('reads tab- and semicolon-separated files by their header line', () => {
    expect(parseCsv('题型\t题干\n单选题\t"a;b"').rows[1].cells).toEqual(['单选题', 'a;b']);
    expect(parseCsv('题型;题干\n单选题;"a,b"').rows[1].cells).toEqual(['单选题', 'a,b']);
  });

  it('reports a quote that never closes', () => {
    expect(parseCsv('题型,题干\n单选题,"没有结束').unclosedQuoteAt).toBe(2);
  });
});

describe('CSV import', () => {
  it('reads the 题库 template and skips malformed rows with their row number', async () => {
    const result = await importCsv(fixture('tiku.csv'), { sourceName: 'tiku.csv' });
    expect(result.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'truefalse', 'fill', 'truefalse', 'single']);
    const [huizhi, daibiao, yubei, yida, xianfa, jueyi] = result.questions;
    expect(huizhi).toMatchObject({
      type: 'single',
      stem: '中共一大在上海开幕时的会址是？',
      options: ['望志路106号', '老渔阳里2号', '辅德里625号', '博文女校'],
      answer: 'A',
      difficulty: 2,
      category: '党史',
      source: { kind: 'book', ref: '《中国共产党简史》第一章' },
      tags: ['建党百年', '七一'],
      status: 'draft',
    });
    expect(daibiao).toMatchObject({ answer: ['A', 'B', 'D'], difficulty: 3, tags: ['建党百年', '七一'] });
    expect(yubei).toMatchObject({
      answer: true,
      difficulty: 1,
      category: '党章党规',
      explanation: '党章规定："预备党员的预备期为一年。"\n预备期从支部大会通过之日算起。',
      source: { kind: 'charter', ref: '《中国共产党章程》第七条' },
      tags: [],
    });
    expect(yida).toMatchObject({ answer: ['1921', '1921年'], source: { kind: 'event', ref: '1921年7月23日 中共一大在上海开幕' } });
    // No 分类: the default category; a law named with its article is a law source.
    expect(xianfa).toMatchObject({ answer: true, category: '导入', source: { kind: 'law', ref: '《中华人民共和国宪法》第一条' } });
    // 来源类型 overrides the guess (a 《…》 title alone would read as a book).
    expect(jueyi).toMatchObject({ answer: 'C', source: { kind: 'document' } });

    expect(result.skipped).toBe(4);
    expect(result.errors).toEqual([
      { row: 9, message: '答案 E has no option (选项A–D)' },
      { row: 10, message: 'missing 题干' },
      { row: 11, message: 'unknown 题型 "问答题" (use 单选题, 多选题, 判断题 or 填空题)' },
      { row: 12, message: '答案 "可能" of a 判断题 is not 正确/错误 (对/错, √/×)' },
    ]);
  });

  it('reads GBK (Excel on Chinese Windows) and UTF-8 with a BOM the same as UTF-8', async () => {
    const utf8 = fixture('tiku.csv').toString('utf8');
    const plain = await importCsv(Buffer.from(utf8));
    const gbk = iconv.encode(utf8, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(await importCsv(gbk)).toEqual(plain);
    expect(await importCsv(Buffer.from(`\uFEFF${utf8}`))).toEqual(plain);
  });

  it('reports a missing required column once', async () => {
    const result = await importCsv(Buffer.from('题干,选项A,选项B,答案\n中共一大在哪座城市开幕？,上海,北京,A\n遵义会议在哪一年召开？,1935年,1936年,A\n'));
    expect(result).toEqual({ questions: [], errors: [{ row: 1, message: 'missing required column 题型 in the header row' }], skipped: 0 });
  });

  it('reports a file without a header row, and reads an empty file as no questions', async () => {
    const result = await importCsv(Buffer.from('a,b,c\n1,2,3\n'));
    expect(result.errors).toEqual([{ row: 1, message: 'no header row with the columns 题型, 题干, 答案 in the first 10 rows' }]);
    expect(await importCsv(Buffer.from(''))).toEqual({ questions: [], errors: [], skipped: 0 });
    expect(await importCsv(Buffer.from('\uFEFF\r\n'))).toEqual({ questions: [], errors: [], skipped: 0 });
  });

  it('matches header names after trimming and ignoring width and notes like （必填）', async () => {
    const result = await importCsv(Buffer.from(' 题型 ,题干（必填）,选项Ａ,选项 B,答案\n单选题,中共一大在哪座城市开幕？,上海,北京,a\n'));
    expect(result.errors).toEqual([]);
    expect(result.questions[0]).toMatchObject({ options: ['上海', '北京'], answer: 'A' });
  });

  it('reads every answer spelling of the template', async () => {
    const rows = [
      '题型,题干,选项A,选项B,选项C,选项D,答案,难度',
      '多选题,题一,甲,乙,丙,丁,ABD,易',
      '多选题,题二,甲,乙,丙,丁,"A, C",1',
      '多选题,题三,甲,乙,丙,丁,b、d,3',
      '判断题,题四,,,,,×,',
      '判断题,题五,,,,,错误,',
      '判断题,题六,,,,,正确,',
      '填空题,题七____,,,,,甲｜乙 | 丙,',
      '单选题,题八,甲,,丙,,A,',
      '多选题,题九,甲,乙,丙,丁,A,',
      '单选题,题十,甲,乙,丙,丁,A,很难',
    ];
    const result = await importCsv(Buffer.from(rows.join('\n')));
    expect(result.questions.map((q) => [q.answer, q.difficulty])).toEqual([
      [['A', 'B', 'D'], 1],
      [['A', 'C'], 1],
      [['B', 'D'], 3],
      [false, 2],
      [false, 2],
      [true, 2],
      [['甲', '乙', '丙'], 2],
    ]);
    expect(result.errors).toEqual([
      { row: 9, message: '选项B is empty but a later option is filled' },
      { row: 10, message: 'a 多选题 has at least two answer letters, not "A"' },
      { row: 11, message: '难度 "很难" is not 易, 中 or 难' },
    ]);
  });
});

describe('CSV export', () => {
  it('writes UTF-8 with a BOM, CRLF and quoted special fields', async () => {
    const bytes = Buffer.from(await csv.export!(sampleQuestions));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = exportCsv(sampleQuestions);
    expect(text.split('\r\n')[0]).toBe('ID,题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,解析,难度,分类,来源,来源类型,标签,时限（秒）,图片,图片说明');
    expect(text).toContain('"下列说法中，正确的有哪些？（注意：a=b, ""引号"", {括号}');
    expect(text).toContain(',ABD,"毛泽东、董必武、王尽美出席了中共一大；\n陈独秀在广州');
    expect(text).toContain('sample-truefalse,判断题,预备党员的预备期为一年。,,,,,,,正确,');
    expect(text).toContain(',13|13人|十三,');
  });
});
