// An install upgraded to the practice-cap migration keeps what it had: the organisation gets the
// cap practice used before (200), and questions already in a wrong-answer book get their wrong
// count and the time of the latest wrong answer from the answers already stored.
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { PracticeCap1764650000000 } from '../../src/database/migrations/1764650000000-practice-cap';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('upgrading to the practice cap and the browsable wrong-answer book', () => {
  let db: TestDatabase | undefined;
  let ds: DataSource | undefined;
  afterEach(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  it('fills the new columns from the data already there', async () => {
    db = await createTestDatabase();
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(PracticeCap1764650000000));
    ds = await new DataSource({ ...dataSourceOptions(db.config), migrations: before }).initialize();
    await ds.runMigrations();
    const postgres = ds.options.type === 'postgres';
    // Plain SQL: these are the tables as the older migrations left them, not today's entities.
    const insert = async (table: string, rows: Record<string, unknown>[]) => {
      for (const row of rows) {
        const columns = Object.keys(row);
        const marks = columns.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
        const values = Object.values(row).map((v) => (typeof v === 'boolean' && !postgres ? Number(v) : v));
        await ds!.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${marks})`, values);
      }
    };
    const t0 = 1_760_000_000_000;
    await insert('organisations', [{ id: 'default', name: '老单位', headline_metric: 'avgPerMember', utc_offset_minutes: 480, created_at: t0, updated_at: t0 }]);
    await insert('users', [{ id: 'u1', username: 'u1', display_name: '老党员', role: 'member', password_hash: 'x', must_change_password: false, active: true, failed_logins: 0, created_at: t0, updated_at: t0 }]);
    await insert('practice_sessions', [{ id: 's1', user_id: 'u1', mode: 'category', day: '2025-10-09', question_ids: '["q1","q2","q3"]', position: 3, correct: 0, ended: true, points: 0, created_at: t0, ended_at: t0 + 9_000 }]);
    const answer = (position: number, questionId: string, correct: boolean, at: number) => ({
      id: `a${position}`,
      session_id: 's1',
      user_id: 'u1',
      client_answer_id: `c${position}`,
      position,
      question_id: questionId,
      question_version: 1,
      response: '{}',
      correct,
      answered_at: at,
    });
    // q1: wrong twice (the later one counts as the latest), right once in between; q2: wrong once.
    await insert('practice_answers', [answer(0, 'q1', false, t0 + 1_000), answer(1, 'q1', true, t0 + 2_000), answer(2, 'q1', false, t0 + 3_000), answer(3, 'q2', false, t0 + 4_000)]);
    // q3: in the book with no stored wrong answer (cannot happen today, but an old row must not break).
    await insert('practice_wrong', [
      { user_id: 'u1', question_id: 'q1', right_streak: 0, updated_at: t0 + 3_000 },
      { user_id: 'u1', question_id: 'q2', right_streak: 0, updated_at: t0 + 4_000 },
      { user_id: 'u1', question_id: 'q3', right_streak: 1, updated_at: t0 + 5_000 },
    ]);
    await ds.destroy();

    ds = await new DataSource({ ...dataSourceOptions(db.config), migrations: MIGRATIONS }).initialize();
    await ds.runMigrations();
    const [org] = await ds.query('SELECT practice_daily_cap FROM organisations');
    expect(Number(org.practice_daily_cap)).toBe(200);
    const book = (await ds.query('SELECT question_id, wrong_count, last_wrong_at, right_streak FROM practice_wrong ORDER BY question_id')) as Record<string, unknown>[];
    expect(book.map((r) => [r.question_id, Number(r.wrong_count), Number(r.last_wrong_at), Number(r.right_streak)])).toEqual([
      ['q1', 2, t0 + 3_000, 0],
      ['q2', 1, t0 + 4_000, 0],
      ['q3', 1, t0 + 5_000, 1],
    ]);
  });
});
