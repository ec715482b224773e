import { describe, expect, it } from 'vitest';
import { MISSING_EXPLANATION } from './collect';
import { exportGift, importGift } from './gift';
import { fixture } from './spec-helpers';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('GIFT import', () => {
  it('reads every question type and feature of the fixture', async () => {
    const result = await importGift(fixture('tiku.gift'), { sourceName: 'tiku.gift' });
    expect(result.errors).toEqual([]);
    expect(result.skipped).toBe(0);
    const [nanhu, gaizao, zunyi, nanchang, qiyi, chengli, guoqing, sanzhong, escape] = result.questions;
    expect(result.questions).toHaveLength(9);

    expect(nanhu).toMatchObject({
      id: 'yida-nanhu',
      type: 'single',
      stem: '中国共产党第一次全国代表大会最后一天的会议在哪里举行？',
      options: ['浙江嘉兴南湖的游船上', '上海望志路106号', '江西瑞金叶坪村', '湖南长沙清水塘'],
      answer: 'A',
      explanation: '因会场受到法租界巡捕搜查，中共一大最后一天的会议转移到浙江嘉兴南湖的一艘游船上举行。',
      category: '党史',
      status: 'draft',
      difficulty: 2,
      source: { kind: 'document', ref: '导入：tiku.gift' },
    });
    // A title that is not an id ("三大改造") gives way to a hash of type and stem.
    expect(gaizao).toMatchObject({
      type: 'multiple',
      options: ['农业', '手工业', '资本主义工商业', '重工业'],
      answer: ['A', 'B', 'C'],
      explanation: '三大改造是对农业、手工业和资本主义工商业的社会主义改造。',
    });
    expect(gaizao.id).toMatch(/^imp-[0-9a-f]{10}$/);
    expect(zunyi).toMatchObject({ type: 'truefalse', stem: '遵义会议于1935年1月在贵州遵义召开。', answer: true, explanation: MISSING_EXPLANATION });
    expect(nanchang).toMatchObject({ type: 'truefalse', answer: false, explanation: '8月1日是中国人民解放军建军纪念日，7月1日是党的诞生纪念日。' });
    // $CATEGORY takes the last path segment, from there on.
    expect(qiyi).toMatchObject({ type: 'fill', answer: ['南昌', '南昌起义'], category: '军史与英烈', stem: '1927年8月1日，打响武装反抗国民党反动派第一枪的是____起义。' });
    expect(chengli).toMatchObject({ type: 'fill', stem: '中国共产党成立于____年。', answer: ['1921'], category: '党史' });
    expect(guoqing).toMatchObject({ type: 'fill', answer: ['1949'], explanation: '1949年10月1日，中华人民共和国中央人民政府成立。' });
    // Missing-word form: the answer block becomes the blank.
    expect(sanzhong).toMatchObject({ type: 'single', stem: '党的十一届三中全会于____年12月召开。', options: ['1976', '1978', '1982', '1992'], answer: 'B' });
    expect(escape).toMatchObject({
      stem: 'GIFT 转义测试：“{}”、“=”、“~”、“#”、“:”与“\\”都应原样保留。',
      answer: true,
      explanation: '解析中的 = 与 # 也要还原。',
    });
    expect(escape.id).toMatch(/^imp-/); // "转义示例" is not an id
  });

  it('reads the same with a UTF-8 BOM and CRLF line ends', async () => {
    const plain = await importGift(fixture('tiku.gift'));
    const bom = await importGift(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture('tiku.gift').toString('utf8').replace(/\n/g, '\r\n'))]));
    expect(bom).toEqual(plain);
  });

  it('gives the same id to the same question imported twice', async () => {
    const a = await importGift(text('遵义会议于1935年召开。{T}'));
    const b = await importGift(text('// 另一个文件\n遵义会议于1935年召开。{TRUE}'));
    expect(a.questions[0].id).toBe(b.questions[0].id);
  });

  it('skips a question that appears twice in one file', async () => {
    const result = await importGift(text('遵义会议于1935年召开。{T}\n\n// 又一次\n遵义会议于1935年召开。{T}'));
    expect(result.questions).toHaveLength(1);
    expect(result.errors).toEqual([{ line: 4, message: `question ${result.questions[0].id} appears twice (first at line 1)` }]);
  });

  it('reports malformed questions with their line and keeps the good ones', async () => {
    const result = await importGift(fixture('broken.gift'));
    expect(result.questions.map((q) => q.stem)).toEqual(['八七会议于1927年8月7日在汉口召开。']);
    expect(result.skipped).toBe(5);
    expect(result.errors.map((e) => e.line)).toEqual([2, 4, 6, 8, 10]);
    expect(result.errors[0].message).toMatch(/broken braces: 1 "\{" and 0 "\}"/);
    expect(result.errors[1].message).toMatch(/broken braces: 2 "\{" and 2 "\}"/);
    expect(result.errors[2].message).toMatch(/no answer block/);
    expect(result.errors[3].message).toMatch(/no correct answer/);
    expect(result.errors[4].message).toMatch(/essay/);
  });

  it('uses the category option when the file names none, and rejects what does not fit our schema', async () => {
    const result = await importGift(
      text(['中共一大代表有几人？{#13..14}', '', '下列哪项正确？{=对 ~错 ~不对 ~不错 ~都不 ~都对 ~是的}', '', '匹配{=中共一大 -> 1921 =遵义会议 -> 1935}', '', '中共一大于____年召开。{#1921}'].join('\n')),
      { category: '党史' },
    );
    expect(result.errors).toEqual([
      { line: 1, message: 'a numerical range (13..14) cannot become a fill-in answer' },
      { line: 3, message: '7 options; at most 6 are supported' },
      { line: 5, message: 'matching questions ({=a -> b}) are not imported' },
    ]);
    expect(result.questions).toHaveLength(1);
    expect(result.questions[0].category).toBe('党史');
  });

  it('reads an [html] question text through the sanitiser, image included', async () => {
    const result = await importGift(text('[html]<p>图中建筑位于哪座城市？</p><img src\\="https\\://example.org/a.jpg" alt\\="一大会址" onerror\\="x()"><script>alert(1)</script>{=上海 ~北京}'));
    expect(result.errors).toEqual([]);
    expect(result.questions[0]).toMatchObject({ stem: '图中建筑位于哪座城市？', media: { image: 'https://example.org/a.jpg', alt: '一大会址' } });
  });
});

describe('GIFT export', () => {
  it('writes categories, titles, weights and general feedback', async () => {
    const { sampleQuestions } = await import('./spec-helpers');
    const out = exportGift(sampleQuestions);
    expect(out).toContain('$CATEGORY: $course$/top/党史\n');
    expect(out).toContain('::sample-single::会场遭搜查后');
    expect(out).toContain('\t=浙江嘉兴南湖的游船上\n');
    expect(out).toContain('\t~%33.33333%毛泽东出席了中共一大\n');
    expect(out).toContain('\t~%-50%陈独秀出席了中共一大\n');
    expect(out).toContain('a\\=b, "引号", \\{括号\\}, \\#号, 冒号\\: 与 \\~ 号');
    expect(out).toContain('\tFALSE\n');
    expect(out).toContain('\t=13\n\t=13人\n\t=十三\n');
    expect(out).toContain('\t####出席中共一大的代表共13人，代表全国50多名党员。\n}');
  });
});
