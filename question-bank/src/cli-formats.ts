// `bank import` and `bank export`: the command-line face of formats/.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { countBy, loadBank, SHIPPED_BANK_DIR } from './bank-files';
import { EXPORT_FORMATS, FORMATS, guessFormat, isFormatName, type ImportResult } from './formats';
import type { Question } from './schema';

const IMPORT_USAGE = `usage: npm run bank -- import FILE [--format F] [--category C] [--json] [--out FILE.yaml] [--dry-run]
  F: gift | moodle-xml | kahoot-xlsx | excel | csv (guessed from the extension)
  --category C   category for questions whose file names none (default 导入)
  --out FILE     also write the imported questions as a bank file (not with --dry-run)
`;
const EXPORT_USAGE = `usage: npm run bank -- export --format F [--category C] [--dir DIR] --out FILE
  F: ${EXPORT_FORMATS.join(' | ')} (guessed from the --out extension)
`;

const TYPE_LABELS: Record<string, string> = { single: '单选', multiple: '多选', truefalse: '判断', fill: '填空' };

function usageError(usage: string, message: string): number {
  process.stderr.write(`${message}\n${usage}`);
  return 2;
}

export async function runImport(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        category: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (error) {
    return usageError(IMPORT_USAGE, (error as Error).message);
  }
  const { values, positionals } = parsed;
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) return usageError(IMPORT_USAGE, 'import takes exactly one FILE');
  if (values.format !== undefined && !isFormatName(values.format)) return usageError(IMPORT_USAGE, `unknown format ${values.format}`);

  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    return report({ questions: [], errors: [{ message: `cannot read ${file}: ${(error as Error).message}` }], skipped: 0 }, file, undefined, values.json);
  }
  const format = values.format ?? (await guessFormat(file, data));
  if (format === undefined) return usageError(IMPORT_USAGE, `cannot tell the format of ${basename(file)} from its extension; pass --format`);
  const result = await FORMATS[format].import(data, { category: values.category, sourceName: basename(file) });

  if (values.out !== undefined && result.questions.length > 0) {
    if (values['dry-run']) process.stderr.write(`dry run: ${values.out} not written\n`);
    else {
      writeFileSync(values.out, bankFile(result.questions, values.category));
      process.stderr.write(`wrote ${result.questions.length} questions to ${values.out}\n`);
    }
  }
  return report(result, file, format, values.json);
}

/** Prints the result; exit 1 when nothing could be imported from a file that had problems. */
function report(result: ImportResult, file: string, format: string | undefined, json = false): number {
  if (json) {
    const { questions, errors, skipped } = result;
    process.stdout.write(`${JSON.stringify({ imported: questions.length, skipped, questions: questions.map(readable), errors }, null, 2)}\n`);
  } else {
    for (const e of result.errors) {
      const where = e.line !== undefined ? `line ${e.line}: ` : e.row !== undefined ? `row ${e.row}: ` : '';
      process.stderr.write(`${file}: ${where}${e.message}\n`);
    }
    process.stdout.write(`${file}${format ? ` (${format})` : ''}: ${result.questions.length} imported, ${result.skipped} skipped\n`);
    const types = countBy(result.questions, (q) => TYPE_LABELS[q.type]);
    if (result.questions.length > 0) {
      process.stdout.write(`  ${Object.entries(types).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
      process.stdout.write(`  categories: ${Object.entries(countBy(result.questions, (q) => q.category)).map(([c, n]) => `${c} ${n}`).join(', ')}\n`);
    }
  }
  return result.questions.length > 0 || result.errors.length === 0 ? 0 : 1;
}

const KEY_ORDER = ['id', 'type', 'stem', 'options', 'answer', 'explanation', 'source', 'difficulty', 'tags', 'timeLimit', 'media', 'status', 'category'];

/** Keys in the order the bank files use, so output reads like data/*.yaml. */
function readable(q: Question): Record<string, unknown> {
  const entries = Object.entries(q).sort(([a], [b]) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b));
  return Object.fromEntries(entries);
}

/** A bank file like data/*.yaml; questions of another category than the file's keep their own. */
function bankFile(questions: Question[], category: string | undefined): string {
  const counts = countBy(questions, (q) => q.category);
  const fileCategory = category ?? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const items = questions.map(readable).map(({ category: own, ...rest }) => (own === fileCategory ? rest : { ...rest, category: own }));
  return stringify({ category: fileCategory, questions: items }, { lineWidth: 0 });
}

export async function runExport(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { format: { type: 'string' }, category: { type: 'string' }, out: { type: 'string' }, dir: { type: 'string' } },
    }));
  } catch (error) {
    return usageError(EXPORT_USAGE, (error as Error).message);
  }
  if (values.out === undefined) return usageError(EXPORT_USAGE, 'export needs --out FILE');
  const ext = extname(values.out).toLowerCase();
  const name = values.format ?? EXPORT_FORMATS.find((f) => FORMATS[f].extensions.includes(ext));
  if (name === undefined) return usageError(EXPORT_USAGE, 'pass --format');
  const exporter = isFormatName(name) ? FORMATS[name].export : undefined;
  if (!exporter) return usageError(EXPORT_USAGE, `cannot export ${name}`);

  const bank = loadBank(values.dir ?? SHIPPED_BANK_DIR);
  if (bank.errors.length > 0) {
    process.stderr.write(`the bank has ${bank.errors.length} errors (see \`bank validate\`); exporting its valid questions\n`);
  }
  const chosen = values.category === undefined ? bank.questions : bank.questions.filter((q) => q.category === values.category);
  // Retired questions stay out: an export feeds other quiz systems and contests.
  const questions = chosen.filter((q) => q.status !== 'retired');
  if (questions.length === 0) {
    const categories = [...new Set(bank.questions.map((q) => q.category))].join(', ');
    process.stderr.write(`no questions${values.category ? ` in category ${values.category} (categories: ${categories})` : ''}\n`);
    return 1;
  }
  writeFileSync(values.out, await exporter(questions));
  const retired = chosen.length - questions.length;
  process.stdout.write(`wrote ${questions.length} questions to ${values.out} (${name})${retired > 0 ? `; ${retired} retired left out` : ''}\n`);
  return 0;
}
