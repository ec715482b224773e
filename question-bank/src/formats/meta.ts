// GIFT and Moodle XML have no place for our difficulty, time limit, source and tags. We carry
// them in a comment that Moodle ignores (`@bank {json}`), so our own export → import loses nothing.
import type { Question } from '../schema';
import type { Draft } from './collect';

const MARK = '@bank';

export type BankMeta = Pick<Draft, 'difficulty' | 'timeLimit' | 'source' | 'tags'>;

export function encodeMeta(q: Question): string {
  const meta: BankMeta = { difficulty: q.difficulty, timeLimit: q.timeLimit, source: q.source, tags: q.tags };
  // "--" may not appear inside an XML comment; outside strings JSON never has it.
  return `${MARK} ${JSON.stringify(meta).replace(/--/g, '-\\u002d')}`;
}

/** The meta in a comment's text, or undefined when the comment is not ours or is damaged. */
export function decodeMeta(comment: string): BankMeta | undefined {
  const text = comment.trim();
  if (!text.startsWith(MARK)) return undefined;
  try {
    const raw = JSON.parse(text.slice(MARK.length)) as Record<string, unknown>;
    const meta: BankMeta = {};
    if (typeof raw.difficulty === 'number') meta.difficulty = raw.difficulty;
    if (typeof raw.timeLimit === 'number') meta.timeLimit = raw.timeLimit;
    const source = raw.source as { kind?: unknown; ref?: unknown } | undefined;
    if (typeof source?.kind === 'string' && typeof source.ref === 'string') meta.source = { kind: source.kind, ref: source.ref };
    if (Array.isArray(raw.tags)) meta.tags = raw.tags.filter((t): t is string => typeof t === 'string');
    return meta;
  } catch {
    return undefined;
  }
}
