// Checks a whole bank: the schema, then the rules that make questions fair and trustworthy
// (see WRITING.md). Every problem is reported with where it is; nothing stops at the first.
import { LETTERS, questionSchema, type Question } from './schema';
import { normalizeText } from './answer';

export interface Located {
  /** File the item came from (bank files) or undefined for in-memory input. */
  file?: string;
  /** 0-based position in its file. */
  index: number;
  item: unknown;
}

export interface BankError {
  file?: string;
  index?: number;
  id?: string;
  message: string;
}

const CATCH_ALL = /以上(都|皆|均)(对|是|正确)|都正确|全部正确|all of the above/i;

function sourceProblem(q: Question): string | undefined {
  const { kind, ref } = q.source;
  if ((kind === 'law' || kind === 'charter') && !/《[^》]+》/.test(ref)) return `a ${kind} source names its text in 《》`;
  if (kind === 'law' && !/第[一二三四五六七八九十百零〇\d]+[条章]/.test(ref)) return 'a law source names its article (第X条) or chapter (第X章)';
  if (kind === 'charter' && !/总纲|第[一二三四五六七八九十百零〇\d]+[条章]/.test(ref)) return 'a charter source names 总纲 or an article/chapter';
  if (kind === 'event' && !/\d{3,4}\s*年|(^|\D)\d{4}(\D|$)/.test(ref)) return 'an event source carries its year';
  if (kind === 'book' && !/《[^》]+》/.test(ref)) return 'a book source names the book in 《》';
  return undefined;
}

/** Rules beyond the schema for one parsed question; returns the problems found. */
export function questionProblems(q: Question): string[] {
  const problems: string[] = [];
  if (q.type === 'single' || q.type === 'multiple') {
    for (const option of q.options) {
      if (CATCH_ALL.test(option)) problems.push(`option "${option}" is a catch-all; write a real option`);
    }
    const lengths = q.options.map((o) => [...o].length);
    if (Math.max(...lengths) > 3 * Math.min(...lengths) + 6) problems.push('option lengths differ too much (longest > 3 × shortest + 6)');
    const keys = Array.isArray(q.answer) ? q.answer : [q.answer];
    if (q.type === 'single') {
      const correct = normalizeText(q.options[LETTERS.indexOf(keys[0])] ?? '');
      if (correct.length >= 2 && normalizeText(q.stem).includes(correct)) problems.push('the stem gives the answer away');
    }
  }
  if (q.type === 'fill') {
    if (!/_{2,}|（\s*）|\(\s*\)/.test(q.stem)) problems.push('a fill-in stem marks its blank with ____');
    const stem = normalizeText(q.stem);
    if (q.answer.some((a) => normalizeText(a).length >= 2 && stem.includes(normalizeText(a)))) problems.push('the stem gives the answer away');
  }
  const source = sourceProblem(q);
  if (source) problems.push(source);
  return problems;
}

export interface ValidationResult {
  questions: Question[];
  errors: BankError[];
}

/** Parses and checks every item; duplicate ids and stems are checked across all of them. */
export function validateQuestions(items: Located[]): ValidationResult {
  const questions: Question[] = [];
  const errors: BankError[] = [];
  const ids = new Map<string, Located>();
  const stems = new Map<string, string>();
  for (const located of items) {
    const { file, index, item } = located;
    const rawId = (item as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    const parsed = questionSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ file, index, id, message: `${issue.path.join('.') || '(question)'}: ${issue.message}` });
      }
      continue;
    }
    const q = parsed.data;
    let ok = true;
    for (const message of questionProblems(q)) {
      errors.push({ file, index, id: q.id, message });
      ok = false;
    }
    const seen = ids.get(q.id);
    if (seen) {
      errors.push({ file, index, id: q.id, message: `id ${q.id} is used twice (also ${seen.file ?? ''}#${seen.index})` });
      ok = false;
    } else ids.set(q.id, located);
    const stemKey = normalizeText(q.stem.replace(/_+/g, ''));
    const twin = stems.get(stemKey);
    if (twin) {
      errors.push({ file, index, id: q.id, message: `the same stem as ${twin}` });
      ok = false;
    } else stems.set(stemKey, q.id);
    if (ok) questions.push(q);
  }
  return { questions, errors };
}
