// Client-side checks that mirror the bank's question schema (question-bank/src/schema.ts), so
// most mistakes are explained beside their field before anything is sent; and the mapping of
// the api's validation issues back onto the same fields for whatever still slips through.
import type { MessageKey, MessageParams } from '$lib/i18n';
import { isChoice, LETTERS, MAX_OPTIONS, MIN_OPTIONS, splitTags, type Draft } from './question-draft';

export type Field =
  | 'id' | 'type' | 'stem' | 'options' | `option.${number}` | 'answer' | 'explanation' | 'source'
  | 'category' | 'tags' | 'difficulty' | 'status' | 'timeLimit' | 'media' | 'form';

export interface Problem {
  field: Field;
  key: MessageKey;
  params?: MessageParams;
  /** The api's own words, shown as they came (server-side problems only). */
  detail?: string;
  /** Marks the field red without a message of its own (another problem explains it). */
  silent?: boolean;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const length = (text: string) => [...text.trim()].length;

export function checkDraft(draft: Draft, isNew: boolean): Problem[] {
  const problems: Problem[] = [];
  const add = (field: Field, key: MessageKey, params?: MessageParams) => problems.push({ field, key, params });
  const text = (field: Field, value: string, max: number) => {
    if (length(value) === 0) add(field, 'bank.check.required');
    else if (length(value) > max) add(field, 'bank.check.tooLong', { max });
  };

  if (isNew && draft.id.trim() !== '' && !ID_PATTERN.test(draft.id.trim())) add('id', 'bank.check.id');
  text('stem', draft.stem, 1000);
  if (isChoice(draft.type)) {
    if (draft.options.length < MIN_OPTIONS || draft.options.length > MAX_OPTIONS) add('options', 'bank.check.optionCount', { min: MIN_OPTIONS, max: MAX_OPTIONS });
    // Empty options get one message naming them all, not "required" under each box.
    const empty = draft.options.flatMap((o, i) => (o.trim() === '' ? [i] : []));
    for (const i of empty) problems.push({ field: `option.${i}`, key: 'bank.check.required', silent: true });
    if (empty.length) add('options', 'bank.check.optionsEmpty', { letters: empty.map((i) => LETTERS[i]).join('、') });
    draft.options.forEach((option, i) => {
      if (length(option) > 300) add(`option.${i}`, 'bank.check.tooLong', { max: 300 });
    });
    const filled = draft.options.map((o) => o.trim()).filter((o) => o !== '');
    if (new Set(filled).size !== filled.length) add('options', 'bank.check.optionsSame');
    const letters = LETTERS.slice(0, draft.options.length) as readonly string[];
    if (draft.type === 'single') {
      if (!letters.includes(draft.single)) add('answer', 'bank.check.pickOne');
    } else if (draft.multiple.filter((l) => letters.includes(l)).length < 2) add('answer', 'bank.check.pickTwo');
  } else if (draft.type === 'truefalse') {
    if (draft.truth === null) add('answer', 'bank.check.pickTruth');
  } else {
    const accepted = draft.fill.map((a) => a.trim()).filter((a) => a !== '');
    if (accepted.length === 0) add('answer', 'bank.check.fillNone');
    else if (accepted.length > 10) add('answer', 'bank.check.fillMany', { max: 10 });
    else if (accepted.some((a) => length(a) > 100)) add('answer', 'bank.check.tooLong', { max: 100 });
  }
  text('explanation', draft.explanation, 2000);
  text('source', draft.sourceRef, 300);
  text('category', draft.category, 40);
  const tags = splitTags(draft.tags);
  if (tags.length > 20) add('tags', 'bank.check.tagCount', { max: 20 });
  else if (tags.some((tag) => length(tag) > 40)) add('tags', 'bank.check.tooLong', { max: 40 });
  const limit = draft.timeLimit;
  if (limit === null || !Number.isInteger(limit) || limit < 5 || limit > 300) add('timeLimit', 'bank.check.timeLimit', { min: 5, max: 300 });
  if (draft.image.trim() || draft.imageAlt.trim()) {
    if (!draft.image.trim() || !draft.imageAlt.trim()) add('media', 'bank.check.mediaBoth');
    else if (length(draft.image) > 500 || length(draft.imageAlt) > 300) add('media', 'bank.check.tooLong', { max: 300 });
  }
  return problems;
}

/** An api issue path ("options.2", "source.ref", "answer") → the form field it belongs to. */
export function fieldOfPath(path: string): Field {
  const [head, index] = path.split('.');
  if (head === 'options' && index !== undefined && /^\d+$/.test(index)) return `option.${Number(index)}`;
  const fields: Field[] = ['id', 'type', 'stem', 'options', 'answer', 'explanation', 'source', 'category', 'tags', 'difficulty', 'status', 'timeLimit', 'media'];
  return (fields as string[]).includes(head ?? '') ? (head as Field) : 'form';
}

export function serverProblems(issues: { path: string; message: string }[] | undefined): Problem[] {
  return (issues ?? []).map((issue) =>
    // The one server-only rule a person can act on without reading the detail: the id is taken.
    issue.path === 'id' && /exists$/.test(issue.message)
      ? { field: 'id', key: 'bank.check.idTaken' }
      : { field: fieldOfPath(issue.path), key: 'bank.check.server', detail: issue.message },
  );
}
