// A consistent online copy of a SQLite database through SQLite's backup API: it copies page by
// page and restarts a step when a writer changes a page, so it is safe while contests run.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export async function backupSqlite(source: string, out: string, onProgress?: (p: BackupProgress) => void): Promise<void> {
  if (!existsSync(source)) throw new Error(`No database at ${source}: nothing to back up.`);
  if (existsSync(out)) throw new Error(`${out} already exists; choose a new file name (backups are never overwritten).`);
  mkdirSync(dirname(out), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(out, {
      progress: (p) => {
        onProgress?.(p);
        return 200; // pages per step: small steps keep the live database responsive
      },
    });
  } finally {
    db.close();
  }
  const check = new Database(out, { readonly: true });
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The backup failed its integrity check: ${String(integrity)}`);
  } finally {
    check.close();
  }
}
