#!/usr/bin/env node
// The `bank` CLI: `npm run bank -- validate [--json]` (import and export: see formats/).
import { parseArgs } from 'node:util';
import { countBy, loadBank, setQuestions, SHIPPED_BANK_DIR } from './bank-files';
import { runExport, runImport } from './cli-formats';

const USAGE = `usage: npm run bank -- <command>
  validate [--json] [--dir DIR]           check the whole bank (schema, duplicates, answers, sources)
  import FILE [--format F] [--dry-run] [--json]
                                          F: gift | moodle-xml | kahoot-xlsx | excel | csv (guessed from the extension)
  export --format F [--category C] --out FILE
                                          F: gift | moodle-xml | excel | csv
`;

function validate(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, dir: { type: 'string' } } });
  const bank = loadBank(values.dir ?? SHIPPED_BANK_DIR);
  const summary = {
    questions: bank.questions.length,
    byCategory: countBy(bank.questions, (q) => q.category),
    byType: countBy(bank.questions, (q) => q.type),
    byDifficulty: countBy(bank.questions, (q) => String(q.difficulty)),
    sets: Object.fromEntries(bank.sets.map((s) => [s.title, setQuestions(s, bank.questions).length])),
    errors: bank.errors,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    for (const e of bank.errors) {
      process.stderr.write(`${e.file ?? ''}${e.index === undefined ? '' : `#${e.index}`}${e.id ? ` (${e.id})` : ''}: ${e.message}\n`);
    }
    process.stdout.write(`${summary.questions} questions, ${bank.errors.length} errors\n`);
    for (const [category, n] of Object.entries(summary.byCategory)) process.stdout.write(`  ${category}: ${n}\n`);
    process.stdout.write(`  types: ${JSON.stringify(summary.byType)}\n`);
  }
  return bank.errors.length > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'import':
      return runImport(rest);
    case 'export':
      return runExport(rest);
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
