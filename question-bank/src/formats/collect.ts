// Turns loosely parsed items into schema-valid questions with the defaults every importer
// shares, and keeps the tally of errors and skips in one place.
import { createHash } from 'node:crypto';
import { questionSchema, type Question } from '../schema';
import { normalizeText } from '../answer';
import type { ImportIssue, ImportOptions, ImportResult } from './types';

export const DEFAULT_CATEGORY = '导入';
/** Our schema requires an explanation; imports without one get this so reviewers see the gap. */
export const MISSING_EXPLANATION = '（导入的题目没有解析，审核时请补充。）';

export type Where = { line: number } | { row: number } | Record<string, never>;

/** A question as an importer understood it, before defaults and the schema. */
export interface Draft {
  id?: string;
  type: Question['type'];
  stem: string;
  options?: string[];
  answer: unknown;
  explanation?: string;
  source?: { kind: string; ref: string };
  category?: string;
  tags?: string[];
  difficulty?: number;
  media?: { image: string; alt: string };
  timeLimit?: number;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function isQuestionId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Same type and stem give the same id, so importing a file twice does not duplicate it. */
export function importedId(type: string, stem: string): string {
  return `imp-${createHash('sha256').update(`${type}\n${normalizeText(stem)}`).digest('hex').slice(0, 10)}`;
}

export class Collector {
  private readonly questions: Question[] = [];
  private readonly errors: ImportIssue[] = [];
  private skipped = 0;
  private readonly seen = new Map<string, Where>();

  constructor(
    private readonly options: ImportOptions,
    private readonly formatLabel: string,
  ) {}

  /** Validates and keeps a question, or reports why not; returns whether it was kept. */
  add(draft: Draft, where: Where): boolean {
    const stem = draft.stem.trim();
    if (stem === '') return this.skip(where, 'missing stem');
    const item = {
      ...draft,
      stem,
      id: draft.id ?? importedId(draft.type, stem),
      explanation: draft.explanation?.trim() || MISSING_EXPLANATION,
      category: draft.category?.trim() || this.options.category?.trim() || DEFAULT_CATEGORY,
      source: draft.source ?? { kind: 'document', ref: `导入：${this.options.sourceName ?? this.formatLabel}` },
      status: 'draft',
    };
    const parsed = questionSchema.safeParse(item);
    if (!parsed.success) {
      return this.skip(where, parsed.error.issues.map((i) => `${i.path.join('.') || 'question'}: ${i.message}`).join('; '));
    }
    const earlier = this.seen.get(parsed.data.id);
    if (earlier) return this.skip(where, `question ${parsed.data.id} appears twice (first at ${describe(earlier)})`);
    this.seen.set(parsed.data.id, where);
    this.questions.push(parsed.data);
    return true;
  }

  /** An item that is left out. */
  skip(where: Where, message: string): false {
    this.errors.push({ ...where, message });
    this.skipped += 1;
    return false;
  }

  /** A problem with the file as a whole (nothing to skip). */
  fail(where: Where, message: string): void {
    this.errors.push({ ...where, message });
  }

  result(): ImportResult {
    return { questions: this.questions, errors: this.errors, skipped: this.skipped };
  }
}

function describe(where: Where): string {
  if ('line' in where) return `line ${where.line}`;
  if ('row' in where) return `row ${where.row}`;
  return 'an earlier item';
}
