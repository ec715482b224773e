// Moodle XML question export files: <quiz> with one <question type="…"> per item; a
// type="category" pseudo-question sets the category for those after it.
// Reference: https://docs.moodle.org/en/Moodle_XML_format
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LETTERS, type Question } from '../schema';
import { categoryFromPath, categoryPath } from './category-path';
import { Collector, isQuestionId, type Draft, type Where } from './collect';
import { escapeHtml, htmlToText, textToHtml } from './html';
import { decodeMeta, encodeMeta } from './meta';
import { decodeText, encodeText, lineAt } from './text';
import type { Format, ImportOptions, ImportResult } from './types';

type Node = Record<string | symbol, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: "1921" and "true" are texts here, not numbers or booleans.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['question', 'answer', 'tag'].includes(name),
  commentPropName: '#comment',
  captureMetaData: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '#text' in value) return String((value as Node)['#text']);
  return '';
}

/** The text of an element like <questiontext format="html"><text>…</text></questiontext>. */
function textOf(node: unknown, html: boolean): { text: string; image?: { image: string; alt: string } } {
  const element = (node ?? {}) as Node;
  const raw = str(element.text);
  const format = String(element['@_format'] ?? (html ? 'html' : 'plain_text'));
  return format === 'plain_text' || format === 'markdown' ? { text: raw.trim() } : htmlToText(raw);
}

export async function importMoodleXml(data: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const collector = new Collector(options, 'Moodle XML');
  const xml = decodeText(data);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    collector.fail({ line: valid.err.line }, `not well-formed XML: ${valid.err.msg}`);
    return collector.result();
  }
  const quiz = (parser.parse(xml) as Node).quiz as Node | undefined;
  if (quiz === undefined) {
    collector.fail({ line: 1 }, 'no <quiz> element: not a Moodle XML question file');
    return collector.result();
  }
  let category: string | undefined;
  for (const question of (quiz.question ?? []) as Node[]) {
    const offset = (question[META] as { startIndex?: number } | undefined)?.startIndex;
    const where: Where = offset === undefined ? {} : { line: lineAt(xml, offset) };
    const type = String(question['@_type'] ?? '');
    if (type === 'category') {
      category = categoryFromPath(str((question.category as Node | undefined)?.text)) ?? category;
      continue;
    }
    const draft = readQuestion(type, question);
    if (typeof draft === 'string') collector.skip(where, draft);
    else collector.add({ ...draft, category: category ?? draft.category }, where);
  }
  return collector.result();
}

function readQuestion(type: string, q: Node): Draft | string {
  const answers = readAnswers(type, q);
  if (typeof answers === 'string') return answers;
  const stem = textOf(q.questiontext, true);
  const feedback = textOf(q.generalfeedback, true).text;
  const comments = ([] as unknown[]).concat(q['#comment'] ?? []).map(String);
  const meta = comments.map(decodeMeta).find((m) => m !== undefined);
  // <idnumber>, not <name>: names are free titles ("Q1", "中共一大"), idnumbers are meant as ids.
  const idnumber = str(q.idnumber).trim();
  const id = isQuestionId(idnumber) ? idnumber : undefined;
  const tags = ((q.tags as Node | undefined)?.tag as Node[] | undefined)?.map((t) => str(t.text).trim()).filter((t) => t !== '');
  return {
    ...answers,
    id,
    stem: stem.text,
    media: stem.image,
    explanation: feedback || undefined,
    ...(tags && tags.length > 0 ? { tags } : {}),
    ...meta,
  };
}

function fraction(answer: Node): number {
  const value = Number(answer['@_fraction'] ?? 0);
  return Number.isFinite(value) ? value : 0;
}

function readAnswers(type: string, q: Node): Pick<Draft, 'type' | 'options' | 'answer'> | string {
  const answers = (q.answer ?? []) as Node[];
  switch (type) {
    case 'multichoice': {
      const single = ['true', '1'].includes(str(q.single).trim().toLowerCase());
      const options = answers.map((a) => textOf(a, true).text);
      if (options.length > LETTERS.length) return `${options.length} options; at most ${LETTERS.length} are supported`;
      const keys = LETTERS.slice(0, answers.length).filter((_, i) => (single ? fraction(answers[i]) >= 100 : fraction(answers[i]) > 0));
      if (keys.length === 0) return 'no correct answer (no option with a positive fraction)';
      return keys.length === 1 ? { type: 'single', options, answer: keys[0] } : { type: 'multiple', options, answer: keys };
    }
    case 'truefalse': {
      const right = answers.find((a) => fraction(a) >= 100);
      const value = right ? str(right.text).trim().toLowerCase() : '';
      if (value !== 'true' && value !== 'false') return 'a true/false question needs a "true" or "false" answer with fraction 100';
      return { type: 'truefalse', answer: value === 'true' };
    }
    case 'shortanswer':
    case 'numerical': {
      // Only full-mark answers: a fill-in question has no partial credit; tolerances cannot be kept.
      const accepted = answers.filter((a) => fraction(a) >= 100).map((a) => str(a.text).trim()).filter((t) => t !== '');
      if (accepted.length === 0) return `a ${type} question without a full-mark answer`;
      return { type: 'fill', answer: accepted };
    }
    default:
      return `question type "${type}" is not imported (only multichoice, truefalse, shortanswer, numerical)`;
  }
}

// ---- export ----

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function grade(count: number): string {
  // Moodle accepts only grades from its own list; these are 100/n for n = 1…6 from that list.
  return ['100', '50', '33.33333', '25', '20', '16.66667'][count - 1] ?? '0';
}

function answerXml(fractionValue: string, text: string, format: string): string {
  return `    <answer fraction="${fractionValue}" format="${format}">\n      <text>${cdata(text)}</text>\n      <feedback format="html"><text></text></feedback>\n    </answer>`;
}

function answersXml(q: Question): string[] {
  switch (q.type) {
    case 'single':
      return [
        '    <single>true</single>',
        '    <shuffleanswers>false</shuffleanswers>',
        '    <answernumbering>ABCD</answernumbering>',
        ...q.options.map((o, i) => answerXml(LETTERS[i] === q.answer ? '100' : '0', escapeHtml(o), 'html')),
      ];
    case 'multiple': {
      const right = grade(q.answer.length);
      const wrong = `-${grade(q.options.length - q.answer.length)}`;
      return [
        '    <single>false</single>',
        '    <shuffleanswers>false</shuffleanswers>',
        '    <answernumbering>ABCD</answernumbering>',
        ...q.options.map((o, i) => answerXml(q.answer.includes(LETTERS[i]) ? right : wrong, escapeHtml(o), 'html')),
      ];
    }
    case 'truefalse':
      return [
        answerXml(q.answer ? '100' : '0', 'true', 'moodle_auto_format'),
        answerXml(q.answer ? '0' : '100', 'false', 'moodle_auto_format'),
      ];
    case 'fill':
      return ['    <usecase>0</usecase>', ...q.answer.map((a) => answerXml('100', a, 'moodle_auto_format'))];
  }
}

const MOODLE_TYPE = { single: 'multichoice', multiple: 'multichoice', truefalse: 'truefalse', fill: 'shortanswer' } as const;

function questionXml(q: Question): string {
  const tags = q.tags.map((t) => `      <tag><text>${cdata(t)}</text></tag>`);
  return [
    `  <question type="${MOODLE_TYPE[q.type]}">`,
    `    <!-- ${encodeMeta(q)} -->`,
    `    <name><text>${q.id}</text></name>`,
    `    <questiontext format="html"><text>${cdata(textToHtml(q.stem, q.media))}</text></questiontext>`,
    `    <generalfeedback format="html"><text>${cdata(textToHtml(q.explanation))}</text></generalfeedback>`,
    '    <defaultgrade>1</defaultgrade>',
    '    <penalty>0</penalty>',
    '    <hidden>0</hidden>',
    `    <idnumber>${q.id}</idnumber>`,
    ...answersXml(q),
    ...(tags.length > 0 ? ['    <tags>', ...tags, '    </tags>'] : []),
    '  </question>',
  ].join('\n');
}

export function exportMoodleXml(questions: readonly Question[]): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  let category: string | undefined;
  for (const q of questions) {
    if (q.category !== category) {
      category = q.category;
      parts.push(`  <question type="category">\n    <category><text>${cdata(categoryPath(category))}</text></category>\n  </question>`);
    }
    parts.push(questionXml(q));
  }
  parts.push('</quiz>');
  return `${parts.join('\n')}\n`;
}

export const moodleXml: Format = {
  name: 'moodle-xml',
  extensions: ['.xml'],
  import: importMoodleXml,
  export: async (questions) => encodeText(exportMoodleXml(questions)),
};
