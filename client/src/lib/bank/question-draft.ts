// The editor's working copy of a question: every field as the form binds it (answers of every
// type kept side by side, so switching the type back and forth loses nothing typed), and the
// conversions to and from the bank's question shape.
import type { QuestionData, QuestionDto, QuestionStatusName, QuestionTypeName } from '@dangshi/protocol';

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = LETTERS.length;
export const QUESTION_TYPES: readonly QuestionTypeName[] = ['single', 'multiple', 'truefalse', 'fill'];
export const QUESTION_STATUSES: readonly QuestionStatusName[] = ['draft', 'reviewed', 'retired'];
export const SOURCE_KINDS = ['book', 'charter', 'law', 'event', 'document'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** The shipped bank's categories, offered first; an organisation may type its own. */
export const SHIPPED_CATEGORIES = ['党史', '新中国史', '改革开放史', '社会主义发展史', '党章党规', '重要讲话与理论', '退役军人事务', '军史与英烈'];
/** Tags are typed as one line, separated the way the Excel 题库 template separates them. */
export const TAG_SEPARATORS = /[,，、;；]/;

export interface Draft {
  id: string;
  type: QuestionTypeName;
  stem: string;
  options: string[];
  single: string;
  multiple: string[];
  truth: boolean | null;
  fill: string[];
  explanation: string;
  sourceKind: SourceKind;
  sourceRef: string;
  category: string;
  tags: string;
  difficulty: 1 | 2 | 3;
  status: QuestionStatusName;
  timeLimit: number | null;
  image: string;
  imageAlt: string;
}

export function emptyDraft(): Draft {
  return {
    id: '',
    type: 'single',
    stem: '',
    options: ['', '', '', ''],
    single: '',
    multiple: [],
    truth: null,
    fill: [''],
    explanation: '',
    sourceKind: 'book',
    sourceRef: '',
    category: '党史',
    tags: '',
    difficulty: 2,
    status: 'draft',
    timeLimit: 20,
    image: '',
    imageAlt: '',
  };
}

export function draftFrom(q: QuestionData | QuestionDto): Draft {
  const draft = emptyDraft();
  const answer = q.answer;
  return {
    ...draft,
    id: q.id,
    type: q.type,
    stem: q.stem,
    options: q.options?.length ? [...q.options] : draft.options,
    single: q.type === 'single' && typeof answer === 'string' ? answer : '',
    multiple: q.type === 'multiple' && Array.isArray(answer) ? [...answer] : [],
    truth: q.type === 'truefalse' && typeof answer === 'boolean' ? answer : null,
    fill: q.type === 'fill' && Array.isArray(answer) ? [...answer] : [''],
    explanation: q.explanation,
    sourceKind: q.source.kind,
    sourceRef: q.source.ref,
    category: q.category,
    tags: q.tags.join('、'),
    difficulty: q.difficulty,
    status: q.status,
    timeLimit: q.timeLimit,
    image: q.media?.image ?? '',
    imageAlt: q.media?.alt ?? '',
  };
}

/** The letter of option i (A–F). */
export function letterAt(index: number): string {
  return LETTERS[index] ?? '?';
}

export function isChoice(type: QuestionTypeName): boolean {
  return type === 'single' || type === 'multiple';
}

export function splitTags(text: string): string[] {
  return text.split(TAG_SEPARATORS).map((tag) => tag.trim()).filter((tag) => tag !== '');
}

/** Letters of the options that exist, in order. */
export function optionLetters(draft: Draft): string[] {
  return LETTERS.slice(0, draft.options.length);
}

/** The question the api receives; ids of new questions are made here when left blank. */
export function questionFrom(draft: Draft, makeId: () => string = newQuestionId): QuestionData {
  const common = {
    id: draft.id.trim() || makeId(),
    type: draft.type,
    stem: draft.stem.trim(),
    explanation: draft.explanation.trim(),
    source: { kind: draft.sourceKind, ref: draft.sourceRef.trim() },
    category: draft.category.trim(),
    tags: splitTags(draft.tags),
    difficulty: draft.difficulty,
    status: draft.status,
    timeLimit: draft.timeLimit ?? 0,
    ...(draft.image.trim() || draft.imageAlt.trim() ? { media: { image: draft.image.trim(), alt: draft.imageAlt.trim() } } : {}),
  };
  const options = draft.options.map((o) => o.trim());
  switch (draft.type) {
    case 'single':
      return { ...common, options, answer: draft.single };
    case 'multiple':
      return { ...common, options, answer: LETTERS.filter((l) => draft.multiple.includes(l)) };
    case 'truefalse':
      return { ...common, answer: draft.truth ?? false };
    case 'fill':
      return { ...common, answer: draft.fill.map((a) => a.trim()).filter((a) => a !== '') };
  }
}

/** Organisation ids: readable prefix, time and a little randomness; always the bank's id shape. */
export function newQuestionId(): string {
  const random = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');
  return `org-${Date.now().toString(36)}-${random}`;
}

/** Removing option i shifts the later letters down, so chosen answers move with their text. */
export function removeOption(draft: Draft, index: number): void {
  const removed = letterAt(index);
  const position = (letter: string) => (LETTERS as readonly string[]).indexOf(letter);
  const shift = (letter: string) => (position(letter) > index ? letterAt(position(letter) - 1) : letter);
  draft.options.splice(index, 1);
  draft.single = draft.single === removed ? '' : shift(draft.single);
  draft.multiple = draft.multiple.filter((l) => l !== removed).map(shift);
}
