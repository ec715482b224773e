// `npm run backup -- --out FILE`: a consistent online copy of the SQLite database, taken with
// SQLite's backup API (page by page, safe while contests keep writing in WAL mode).
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, parseConfig } from '../config/env';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.out) {
    process.stderr.write('usage: npm run backup -- --out FILE   (backs up the SQLite file of DATABASE_URL)\n');
    return values.help ? 0 : 2;
  }
  const config = parseConfig(process.env);
  if (config.database.type !== 'sqlite') {
    process.stderr.write('DATABASE_URL points at PostgreSQL: back it up with pg_dump instead.\n');
    return 2;
  }
  if (!existsSync(config.database.path)) {
    process.stderr.write(`No database at ${config.database.path}: nothing to back up.\n`);
    return 1;
  }
  const out = resolve(values.out);
  if (existsSync(out)) {
    process.stderr.write(`${out} already exists; choose a new file name (backups are never overwritten).\n`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  const db = new Database(config.database.path, { fileMustExist: true });
  try {
    await db.backup(out, {
      progress: ({ totalPages, remainingPages }) => {
        const done = totalPages - remainingPages;
        process.stderr.write(`\rbackup: ${done}/${totalPages} pages`);
        return 200;
      },
    });
    process.stderr.write('\n');
    const check = new Database(out, { readonly: true });
    const integrity = check.pragma('integrity_check', { simple: true });
    check.close();
    if (integrity !== 'ok') {
      process.stderr.write(`The backup failed its integrity check: ${String(integrity)}\n`);
      return 1;
    }
    process.stdout.write(`Backup written to ${out}\n`);
    return 0;
  } finally {
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
