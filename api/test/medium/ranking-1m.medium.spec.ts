// How long the branch ranking takes over one million results rows on SQLite. Not part of CI
// (the insert alone takes a while): run it by hand with
//   RANKING_1M=1 npx vitest run --project medium ranking-1m
// It boots the real app, writes 1,000 members in 10 branches and 1,000,000 results spread over
// the last 400 days (transactions of 10,000 rows), then times the ranking endpoints' service
// calls and the SQL aggregate alone, and prints the query plan.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/auth/user.entity';
import { BranchRecord, MemberRecord, MembershipRecord } from '../../src/org/org.entities';
import { memberBranchTotals } from '../../src/ranking/ranking.query';
import { RankingService } from '../../src/ranking/ranking.service';
import { ResultRecord } from '../../src/ranking/result.entity';
import { windowRange } from '../../src/ranking/windows';
import { startTestApp, type TestApp } from '../support/test-app';

const ROWS = 1_000_000;
const TX_ROWS = 10_000;
/** Rows per INSERT statement: 10 columns each, well under SQLite's bound-parameter limit. */
const STATEMENT_ROWS = 500;
const BRANCHES = 10;
const MEMBERS = 1_000;
const DAY = 86_400_000;

async function timed<T>(work: () => Promise<T>, runs = 3): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(runs / 2)]), result };
}

describe.skipIf(process.env.RANKING_1M !== '1')('branch ranking over 1,000,000 results (SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => t?.close());

  it('bulk-inserts a million rows and times the rankings', { timeout: 1_800_000 }, async () => {
    const ds = t.app.get(DataSource);
    const now = Date.now();
    const branches = Array.from({ length: BRANCHES }, (_, i) => ({
      id: randomUUID(),
      name: `第${i + 1}支部`,
      secretary: '',
      displayOrder: i,
      active: true,
      createdAt: now,
      updatedAt: now,
    }));
    const users = Array.from({ length: MEMBERS }, (_, i) => ({
      id: randomUUID(),
      username: `139${String(i).padStart(8, '0')}`,
      displayName: `党员${i + 1}`,
      role: 'member' as const,
      passwordHash: 'not-a-real-hash',
      mustChangePassword: false,
      active: true,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    }));
    const members = users.map((u, i) => ({
      id: randomUUID(),
      userId: u.id,
      name: u.displayName,
      identifier: u.username,
      branchId: branches[i % BRANCHES].id,
      active: i % 50 !== 0, // a few deactivated members
      joinedAt: now - 500 * DAY,
      createdAt: now,
      updatedAt: now,
    }));
    await ds.transaction(async (m) => {
      await m.insert(BranchRecord, branches);
      for (let i = 0; i < users.length; i += 200) await m.insert(User, users.slice(i, i + 200));
      for (let i = 0; i < members.length; i += 200) await m.insert(MemberRecord, members.slice(i, i + 200));
      for (let i = 0; i < members.length; i += 200) {
        await m.insert(
          MembershipRecord,
          members.slice(i, i + 200).map((x) => ({ id: randomUUID(), memberId: x.id, branchId: x.branchId, fromAt: x.joinedAt, toAt: null })),
        );
      }
    });

    // A deterministic spread: every member, every branch, occurred_at over the last 400 days.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const insertStart = performance.now();
    for (let done = 0; done < ROWS; done += TX_ROWS) {
      await ds.transaction(async (m) => {
        for (let s = 0; s < TX_ROWS; s += STATEMENT_ROWS) {
          const rows = Array.from({ length: STATEMENT_ROWS }, (_, k) => {
            const i = done + s + k;
            const member = members[Math.floor(random() * MEMBERS)];
            const answered = 5 + Math.floor(random() * 6);
            const correct = Math.floor(random() * (answered + 1));
            return {
              id: randomUUID(),
              source: i % 10 === 0 ? ('contest' as const) : ('practice' as const),
              sourceId: `s${i}`,
              userId: member.userId,
              memberId: member.id,
              branchId: member.branchId,
              points: correct * 100,
              answered,
              correct,
              occurredAt: now - Math.floor(random() * 400 * DAY),
            };
          });
          await m.createQueryBuilder().insert().into(ResultRecord).values(rows).execute();
        }
      });
    }
    const insertSeconds = (performance.now() - insertStart) / 1000;
    expect(await ds.getRepository(ResultRecord).count()).toBe(ROWS);

    const rankings = t.app.get(RankingService);
    const year = windowRange('year', now, 480);
    const plan: { detail: string }[] = await ds.query(
      `EXPLAIN QUERY PLAN SELECT r.member_id, r.branch_id, SUM(r.points), SUM(r.answered), SUM(r.correct), COUNT(*) FROM results r
       WHERE r.member_id IS NOT NULL AND r.branch_id IS NOT NULL AND r.occurred_at >= ${year.from} AND r.occurred_at < ${year.to}
       GROUP BY r.member_id, r.branch_id`,
    );
    const report: Record<string, number | string> = { insertSeconds: Math.round(insertSeconds) };
    for (const window of ['all', 'year', 'month', 'week'] as const) {
      const { ms, result } = await timed(() => rankings.branches({ window, limit: 100 }));
      report[`branches ${window} ms`] = ms;
      expect(result.rows).toHaveLength(BRANCHES);
    }
    report['individual year ms'] = (await timed(() => rankings.individual({ window: 'year', limit: 100 }, null))).ms;
    report['sql aggregate only, all ms'] = (await timed(() => memberBranchTotals(ds, { from: null, to: null, contestId: null }))).ms;
    report['one contest (10% source rows) ms'] = (await timed(() => rankings.branches({ window: 'contest', contestId: 's0', limit: 100 }))).ms;
    report.plan = plan.map((p) => p.detail).join(' | ');
    console.log('RANKING_1M', JSON.stringify(report, null, 2));
    expect(report['branches all ms']).toBeLessThan(30_000);
  });
});
