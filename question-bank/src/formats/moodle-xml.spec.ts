import { describe, expect, it } from 'vitest';
import { exportMoodleXml, importMoodleXml } from './moodle-xml';
import { fixture, sampleQuestions } from './spec-helpers';

describe('Moodle XML import', () => {
  it('reads categories, every supported type, CDATA and escaped HTML', async () => {
    const result = await importMoodleXml(fixture('quiz.xml'), { sourceName: 'quiz.xml' });
    const [kaiguo, liangdan, huizhi, sanzhong, qida, kangzhan] = result.questions;
    expect(result.questions).toHaveLength(6);
    expect(kaiguo).toEqual({
      id: 'kaiguo-dadian',
      type: 'single',
      stem: '中华人民共和国开国大典在哪一天举行？',
      options: ['1949年10月1日', '1949年9月21日', '1949年9月30日', '1950年10月1日'],
      answer: 'A',
      explanation: '1949年10月1日，首都北京隆重举行开国大典。',
      source: { kind: 'document', ref: '导入：quiz.xml' },
      category: '新中国史',
      tags: ['国庆', '开国'],
      difficulty: 2,
      status: 'draft',
      timeLimit: 20,
    });
    expect(liangdan).toMatchObject({
      type: 'multiple',
      options: ['原子弹', '导弹', '人造地球卫星', '航空母舰'],
      answer: ['A', 'B', 'C'],
      // <style> and <iframe> content and the onclick handler are gone.
      explanation: '“两弹一星”指原子弹、导弹和人造地球卫星。',
      category: '新中国史',
    });
    expect(liangdan.id).toMatch(/^imp-[0-9a-f]{10}$/); // <name> is a title, not an id
    expect(huizhi).toMatchObject({
      type: 'single',
      stem: '图中所示的建筑是中共一大会址，它位于哪座城市？',
      media: { image: 'https://example.org/yida.jpg', alt: '中共一大会址' },
      answer: 'A',
      category: '党史',
    });
    expect(sanzhong).toMatchObject({ type: 'truefalse', answer: true, stem: '1978年12月召开的党的十一届三中全会作出了实行改革开放的历史性决策。' });
    // Partial-credit 陕北 (50%) is not an accepted fill-in answer.
    expect(qida).toMatchObject({ type: 'fill', answer: ['延安', '陕西延安'], explanation: '中共七大于1945年在延安召开。' });
    expect(kangzhan).toMatchObject({ type: 'fill', answer: ['1945'], stem: '中国人民抗日战争胜利于____年。' });
  });

  it('never lets scripts or event handlers into any text', async () => {
    const result = await importMoodleXml(fixture('quiz.xml'));
    const all = JSON.stringify(result.questions);
    for (const bad of ['alert', 'script', 'onerror', 'onclick', 'steal', 'iframe', 'evil', 'color:red', '嵌入内容', '<']) expect(all).not.toContain(bad);
  });

  it('skips unsupported and broken questions with their line', async () => {
    const result = await importMoodleXml(fixture('quiz.xml'));
    expect(result.skipped).toBe(2);
    expect(result.errors).toEqual([
      { line: 62, message: 'question type "essay" is not imported (only multichoice, truefalse, shortanswer, numerical)' },
      { line: 66, message: 'no correct answer (no option with a positive fraction)' },
    ]);
  });

  it('reports a file that is not well-formed XML as one error with its line', async () => {
    const result = await importMoodleXml(fixture('broken.xml'));
    expect(result.questions).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].line).toBe(4);
    expect(result.errors[0].message).toMatch(/^not well-formed XML/);
    const notQuiz = await importMoodleXml(Buffer.from('<?xml version="1.0"?><html><body>hi</body></html>'));
    expect(notQuiz.errors).toEqual([{ line: 1, message: 'no <quiz> element: not a Moodle XML question file' }]);
  });

  it('reads an empty quiz as no questions and no errors', async () => {
    expect(await importMoodleXml(Buffer.from('<quiz></quiz>'))).toEqual({ questions: [], errors: [], skipped: 0 });
  });
});

describe('Moodle XML export', () => {
  it('writes the Moodle structure with fractions that Moodle accepts', () => {
    const xml = exportMoodleXml(sampleQuestions);
    expect(xml).toContain('<category><text><![CDATA[$course$/top/党史]]></text></category>');
    expect(xml).toContain('<question type="multichoice">');
    expect(xml).toContain('<single>true</single>');
    expect(xml).toContain('<answer fraction="100" format="html">\n      <text><![CDATA[浙江嘉兴南湖的游船上]]></text>');
    expect(xml).toContain('<single>false</single>');
    expect(xml.match(/fraction="33.33333"/g)).toHaveLength(3);
    expect(xml.match(/fraction="-50"/g)).toHaveLength(2);
    expect(xml).toContain('<question type="truefalse">');
    expect(xml).toContain('<question type="shortanswer">');
    expect(xml).toContain('<idnumber>sample-fill</idnumber>');
    expect(xml).toContain('<img src="https://example.org/dangzhang.jpg" alt="党章封面">');
    expect(xml).toContain('<tag><text><![CDATA[保障法]]></text></tag>');
    expect(xml).toContain('&lt;标签&gt; &amp; ]]&gt; 都应原样保留');
  });

  it('keeps "]]>" in a plain text from ending its CDATA section', async () => {
    const fill = { ...sampleQuestions[4], type: 'fill' as const, answer: ['a]]>b'] };
    const xml = exportMoodleXml([fill]);
    expect(xml).toContain('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect((await importMoodleXml(Buffer.from(xml))).questions[0].answer).toEqual(['a]]>b']);
  });
});
