// Moodle GIFT: one question per blank-line separated block, answers in {…}.
// Reference: https://docs.moodle.org/en/GIFT_format
import { LETTERS, type Question } from '../schema';
import { categoryFromPath, categoryPath } from './category-path';
import { Collector, isQuestionId, type Draft } from './collect';
import { htmlToText, textToHtml, escapeHtml } from './html';
import { decodeMeta, encodeMeta, type BankMeta } from './meta';
import { decodeText, encodeText } from './text';
import type { Format, ImportOptions, ImportResult } from './types';

// Escaped characters become private-use placeholders while the structure is parsed, so a
// literal \{ or \= can never be taken for syntax.
const ESCAPED = ['\\', ':', '#', '=', '{', '}', '~', 'n'];
const BASE = 0xe000;

function protect(text: string): string {
  return text.replace(/\\([\\:#={}~n])/g, (_, c: string) => String.fromCharCode(BASE + ESCAPED.indexOf(c)));
}

function restore(text: string): string {
  return text.replace(/[\ue000-\ue007]/g, (ch) => {
    const c = ESCAPED[ch.charCodeAt(0) - BASE];
    return c === 'n' ? '\n' : c;
  });
}

interface Block {
  line: number;
  lines: { line: number; text: string }[];
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') {
      current = undefined;
      return;
    }
    if (!current) out.push((current = { line: i + 1, lines: [] }));
    current.lines.push({ line: i + 1, text: raw });
  });
  return out;
}

type Answers = Pick<Draft, 'type' | 'options' | 'answer'>;

export async function importGift(data: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const collector = new Collector(options, 'GIFT');
  let category: string | undefined;
  for (const block of blocks(decodeText(data))) {
    let meta: BankMeta | undefined;
    const content: string[] = [];
    let line = block.line;
    for (const { line: n, text } of block.lines) {
      const trimmed = text.trim();
      if (trimmed.startsWith('//')) {
        meta = decodeMeta(trimmed.slice(2)) ?? meta;
      } else if (/^\$CATEGORY:/i.test(trimmed)) {
        category = categoryFromPath(trimmed.slice('$CATEGORY:'.length)) ?? category;
      } else {
        if (content.length === 0) line = n;
        content.push(text);
      }
    }
    if (content.length === 0) continue;
    const draft = parseQuestion(content.join('\n'));
    if (typeof draft === 'string') collector.skip({ line }, draft);
    else collector.add({ ...draft, ...meta, category: category ?? draft.category }, { line });
  }
  return collector.result();
}

/** One question's text (comments removed) → a draft, or the reason it is not one. */
function parseQuestion(raw: string): Draft | string {
  let text = protect(raw).trim();
  let title: string | undefined;
  if (text.startsWith('::')) {
    const end = text.indexOf('::', 2);
    if (end === -1) return 'the title opened with :: is not closed';
    title = restore(text.slice(2, end)).trim();
    text = text.slice(end + 2).trim();
  }
  const format = /^\[(html|moodle|plain|markdown)\]/i.exec(text);
  const html = format?.[1].toLowerCase() === 'html';
  if (format) text = text.slice(format[0].length);

  const opens = text.split('{').length - 1;
  const closes = text.split('}').length - 1;
  if (opens === 0 && closes === 0) return 'no answer block {…}: descriptions are not questions';
  const start = text.indexOf('{');
  const end = text.indexOf('}');
  if (opens !== 1 || closes !== 1 || end < start) {
    return `broken braces: ${opens} "{" and ${closes} "}" (write a literal brace as \\{ or \\})`;
  }
  const before = text.slice(0, start);
  const after = text.slice(end + 1);
  // Text after the answers is Moodle's "missing word" form: the answers stand for a blank.
  const stemText = after.trim() === '' ? before : `${before}____${after}`;
  let body = text.slice(start + 1, end).trim();
  let feedback: string | undefined;
  const general = body.lastIndexOf('####');
  if (general !== -1) {
    feedback = body.slice(general + 4);
    body = body.slice(0, general).trim();
  }

  const read = (value: string) => (html ? htmlToText(restore(value)).text : restore(value).trim());
  const answers = parseAnswers(body, read);
  if (typeof answers === 'string') return answers;
  const stem = html ? htmlToText(restore(stemText)) : { text: restore(stemText).trim(), image: undefined };
  return {
    ...answers,
    id: title && isQuestionId(title) ? title : undefined,
    stem: stem.text,
    media: stem.image,
    explanation: feedback === undefined ? undefined : read(feedback),
  };
}

function parseAnswers(body: string, read: (value: string) => string): Answers | string {
  if (body === '') return 'an empty answer block {} is an essay question, which we do not import';
  if (body.startsWith('#')) return numerical(body.slice(1));
  if (body.includes('~')) return choice(body, read);
  if (body.includes('=') && body.includes('->')) return 'matching questions ({=a -> b}) are not imported';
  const flag = withoutFeedback(body).toUpperCase();
  if (['T', 'TRUE', 'F', 'FALSE'].includes(flag)) return { type: 'truefalse', answer: flag.startsWith('T') };
  return shortAnswer(body, read);
}

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;

/** Splits "%50%text" into 50 and "text"; no weight reads as `fallback`. */
function weighted(part: string, fallback: number): [number, string] {
  const match = WEIGHT.exec(part);
  return match ? [Number(match[1]), part.slice(match[0].length)] : [fallback, part];
}

function withoutFeedback(answer: string): string {
  const hash = answer.indexOf('#');
  return (hash === -1 ? answer : answer.slice(0, hash)).trim();
}

function choice(body: string, read: (value: string) => string): Answers | string {
  // With "=" Moodle makes a one-answer question; with only weights, a many-answer one.
  const single = body.includes('=');
  const options: string[] = [];
  const correct: boolean[] = [];
  for (const part of body.replace(/=/g, '~=').split('~').map((p) => p.trim()).filter((p) => p !== '')) {
    const [weight, rest] = part.startsWith('=') ? weighted(part.slice(1), 100) : weighted(part, 0);
    options.push(read(withoutFeedback(rest)));
    correct.push(single ? weight >= 100 : weight > 0);
  }
  if (options.length > LETTERS.length) return `${options.length} options; at most ${LETTERS.length} are supported`;
  const keys = LETTERS.filter((_, i) => correct[i]);
  if (keys.length === 0) return 'no correct answer: mark it with = or a positive %weight%';
  return keys.length === 1 ? { type: 'single', options, answer: keys[0] } : { type: 'multiple', options, answer: keys };
}

function shortAnswer(body: string, read: (value: string) => string): Answers | string {
  const accepted: string[] = [];
  for (const part of body.split('=').map((p) => p.trim()).filter((p) => p !== '')) {
    const [weight, rest] = weighted(part, 100);
    // Partly-right answers have no place in a fill-in question: only full marks count.
    if (weight >= 100) accepted.push(read(withoutFeedback(rest)));
  }
  const answer = accepted.filter((a) => a !== '');
  return answer.length > 0 ? { type: 'fill', answer } : 'no accepted answer in {…}';
}

function numerical(body: string): Answers | string {
  const parts = body.includes('=') ? body.split('=').map((p) => p.trim()).filter((p) => p !== '') : [body.trim()];
  const answer: string[] = [];
  for (const part of parts) {
    const [weight, rest] = weighted(part, 100);
    if (weight < 100) continue;
    const value = restore(withoutFeedback(rest));
    if (value.includes('..')) return `a numerical range (${value}) cannot become a fill-in answer`;
    // A fill-in answer is compared as text, so a tolerance cannot be kept; the number is.
    const number = value.split(':')[0].trim();
    if (!/^-?\d+(\.\d+)?$/.test(number)) return `"${value}" is not a number`;
    answer.push(number);
  }
  return answer.length > 0 ? { type: 'fill', answer } : 'no accepted answer in {#…}';
}

// ---- export ----

function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, '\\$&').replace(/\r?\n/g, '\\n');
}

const MANY_ANSWER_WEIGHTS = ['100', '50', '33.33333', '25', '20', '16.66667'];

function answerBlock(q: Question, write: (text: string) => string): string[] {
  switch (q.type) {
    case 'single':
      return q.options.map((o, i) => `${LETTERS[i] === q.answer ? '=' : '~'}${write(o)}`);
    case 'multiple': {
      const right = MANY_ANSWER_WEIGHTS[q.answer.length - 1];
      const wrong = MANY_ANSWER_WEIGHTS[q.options.length - q.answer.length - 1];
      return q.options.map((o, i) => `~%${q.answer.includes(LETTERS[i]) ? right : `-${wrong}`}%${write(o)}`);
    }
    case 'truefalse':
      return [q.answer ? 'TRUE' : 'FALSE'];
    case 'fill':
      return q.answer.map((a) => `=${escapeGift(a)}`);
  }
}

function questionText(q: Question): string {
  // Stems with an image go out as [html] so Moodle shows the picture; the rest stay plain.
  const html = q.media !== undefined;
  const write = (text: string) => escapeGift(html ? escapeHtml(text) : text);
  const stem = html ? `[html]${escapeGift(textToHtml(q.stem, q.media))}` : escapeGift(q.stem);
  const answers = answerBlock(q, write).map((a) => `\t${a}`);
  return [`// ${encodeMeta(q)}`, `::${q.id}::${stem}{`, ...answers, `\t####${write(q.explanation)}`, '}'].join('\n');
}

export function exportGift(questions: readonly Question[]): string {
  const parts = ['// 党史知识竞赛题库导出（GIFT）。以 // @bank 开头的注释保存难度、时限、来源和标签。'];
  let category: string | undefined;
  for (const q of questions) {
    if (q.category !== category) {
      category = q.category;
      parts.push(`$CATEGORY: ${categoryPath(category)}`);
    }
    parts.push(questionText(q));
  }
  return `${parts.join('\n\n')}\n`;
}

export const gift: Format = {
  name: 'gift',
  extensions: ['.gift', '.txt'],
  import: importGift,
  export: async (questions) => encodeText(exportGift(questions)),
};
