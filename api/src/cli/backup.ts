// `npm run backup -- --out FILE`: an online backup of the SQLite database of DATABASE_URL.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { parseConfig } from '../config/env';
import { backupSqlite } from '../database/sqlite-backup';

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
  const out = resolve(values.out);
  await backupSqlite(config.database.path, out, ({ totalPages, remainingPages }) => {
    process.stderr.write(`\rbackup: ${totalPages - remainingPages}/${totalPages} pages`);
  });
  process.stderr.write('\n');
  process.stdout.write(`Backup written to ${out}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
