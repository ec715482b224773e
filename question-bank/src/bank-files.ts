// Reads the shipped bank from data/: one YAML file per category, plus the themed sets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { bankFileSchema, themedSetSchema, type Question, type ThemedSet } from './schema';
import { validateQuestions, type BankError } from './validate';

/** data/ of this package, whether running from src/ (tests) or dist/ (built). */
export const SHIPPED_BANK_DIR = fileURLToPath(new URL('../data', import.meta.url));
const SETS_FILE = 'sets.yaml';

export interface LoadedBank {
  questions: Question[];
  sets: ThemedSet[];
  errors: BankError[];
}

export function loadBank(dir = SHIPPED_BANK_DIR): LoadedBank {
  const items: Parameters<typeof validateQuestions>[0] = [];
  const errors: BankError[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== SETS_FILE).sort();
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      errors.push({ file, message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    const parsed = bankFileSchema.safeParse(doc);
    if (!parsed.success) {
      errors.push({ file, message: 'a bank file has `category:` and a `questions:` list' });
      continue;
    }
    parsed.data.questions.forEach((item, index) => {
      const category = (item as { category?: unknown })?.category ?? parsed.data.category;
      items.push({ file, index, item: { ...(item as object), category } });
      if (category !== parsed.data.category) {
        errors.push({ file, index, message: `category ${String(category)} differs from the file's ${parsed.data.category}` });
      }
    });
  }
  const result = validateQuestions(items);
  errors.push(...result.errors);
  const sets = loadSets(dir, result.questions, errors);
  return { questions: result.questions, sets, errors };
}

function loadSets(dir: string, questions: Question[], errors: BankError[]): ThemedSet[] {
  let raw: unknown;
  try {
    raw = parse(readFileSync(join(dir, SETS_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    errors.push({ file: SETS_FILE, message: `not valid YAML: ${(error as Error).message}` });
    return [];
  }
  const list = (raw as { sets?: unknown[] } | null)?.sets ?? [];
  const ids = new Set(questions.map((q) => q.id));
  const sets: ThemedSet[] = [];
  list.forEach((item, index) => {
    const parsed = themedSetSchema.safeParse(item);
    if (!parsed.success) {
      errors.push({ file: SETS_FILE, index, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    for (const id of parsed.data.ids) {
      if (!ids.has(id)) errors.push({ file: SETS_FILE, index, message: `set ${parsed.data.id} names unknown question ${id}` });
    }
    if (setQuestions(parsed.data, questions).length === 0) {
      errors.push({ file: SETS_FILE, index, message: `set ${parsed.data.id} selects no question` });
    }
    sets.push(parsed.data);
  });
  return sets;
}

/** The questions of a themed set: those named by id, then those carrying any of its tags. */
export function setQuestions(set: ThemedSet, questions: Question[]): Question[] {
  const tags = new Set(set.tags);
  const named = new Set(set.ids);
  return questions.filter((q) => q.status !== 'retired' && (named.has(q.id) || q.tags.some((t) => tags.has(t))));
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
