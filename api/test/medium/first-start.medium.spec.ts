import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupSqlite } from '../../src/database/sqlite-backup';
import { HttpSession, startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, testDatabaseKind } from '../support/test-database';

describe('first start and backups', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await t?.close();
    t = undefined;
  });

  it('creates the admin once and prints a one-time password that logs in', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const db = await createTestDatabase();
    t = await startTestApp({ ADMIN_PASSWORD: '' }, db);
    const match = printed.join('').match(/one-time password: (\S+)/);
    expect(match, 'the password is printed').not.toBeNull();
    const password = match![1];
    expect(password).toHaveLength(16);
    const s = new HttpSession(t.url);
    expect((await s.login('admin', password)).status).toBe(200);

    // A restart on the same database creates no second admin and prints nothing.
    await t.app.close();
    printed.length = 0;
    t = await startTestApp({ ADMIN_PASSWORD: '' }, db);
    expect(printed.join('')).not.toContain('one-time password');
    const again = new HttpSession(t.url);
    expect((await again.login('admin', password)).status).toBe(200);
    const users = (await again.get('/api/users')).body;
    expect(users.map((u: { username: string }) => u.username)).toEqual(['admin']);
    await t.close();
    t = undefined;
    await db.drop();
  });

  it.skipIf(testDatabaseKind() !== 'sqlite')('backs up the live SQLite database consistently', async () => {
    t = await startTestApp();
    const admin = new HttpSession(t.url);
    await admin.login('admin', 'admin-test-password');
    for (let i = 0; i < 20; i++) {
      await admin.post('/api/users', { username: `m${i}`, displayName: `m${i}`, role: 'member', password: 'password-123' });
    }
    const source = (t.config.database as { path: string }).path;
    const out = join(tmpdir(), `dsc-backup-${randomBytes(4).toString('hex')}.sqlite`);
    // Keep writing while the backup runs.
    const writes = Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        admin.post('/api/users', { username: `w${i}`, displayName: 'w', role: 'member', password: 'password-123' }),
      ),
    );
    const steps: number[] = [];
    await backupSqlite(source, out, (p) => steps.push(p.remainingPages));
    await writes;
    expect(steps.length).toBeGreaterThan(0);
    const copy = new Database(out, { readonly: true });
    const count = (copy.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    copy.close();
    expect(count).toBeGreaterThanOrEqual(21);
    expect(count).toBeLessThanOrEqual(31);
    await expect(backupSqlite(source, out)).rejects.toThrow(/already exists/);
  });
});
