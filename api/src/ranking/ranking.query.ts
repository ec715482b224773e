// The SQL side of rankings: one aggregate over the results table that returns a row per
// (member, branch) pair in the window — bounded by the roster, whatever the number of results.
// Portable SQL (SQLite and PostgreSQL); the window scan is served by ix_results_window, which
// carries every column the aggregate reads, so the table itself is never touched.
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { MemberBranchTotal } from './metrics';
import { ResultRecord } from './result.entity';

export interface ResultFilter {
  /** [from, to) on occurred_at; null: unbounded. */
  from: number | null;
  to: number | null;
  /** One live or stage contest's rows only. */
  contestId: string | null;
}

/** Restricts a query on results (alias r) to the filter. */
export function applyFilter<T extends object>(qb: SelectQueryBuilder<T>, filter: ResultFilter): SelectQueryBuilder<T> {
  if (filter.contestId !== null) {
    // One contest, live or on stage (their ids never collide): the unique (source, source_id,
    // user_id) index finds its few rows.
    qb.andWhere("r.source IN ('contest', 'stage') AND r.source_id = :contestId", { contestId: filter.contestId });
    if (filter.from !== null) qb.andWhere('r.occurred_at >= :from', { from: filter.from });
    if (filter.to !== null) qb.andWhere('r.occurred_at < :to', { to: filter.to });
    return qb;
  }
  // Always a range, even for "all time": without one SQLite walks ix_results_member and reads
  // every table row (1.7 s for a million rows instead of a pass over the covering index).
  return qb.andWhere('r.occurred_at >= :from AND r.occurred_at < :to', {
    from: filter.from ?? 0,
    to: filter.to ?? Number.MAX_SAFE_INTEGER,
  });
}

/** PostgreSQL returns SUM/COUNT of integers as bigint strings. */
const num = (value: unknown) => Number(value ?? 0);

export async function memberBranchTotals(dataSource: DataSource, filter: ResultFilter): Promise<MemberBranchTotal[]> {
  const qb = dataSource
    .createQueryBuilder()
    .from(ResultRecord, 'r')
    .select('r.member_id', 'memberId')
    .addSelect('r.branch_id', 'branchId')
    .addSelect('SUM(r.points)', 'points')
    .addSelect('SUM(r.answered)', 'answered')
    .addSelect('SUM(r.correct)', 'correct')
    .addSelect('COUNT(*)', 'activities')
    .where('r.member_id IS NOT NULL AND r.branch_id IS NOT NULL')
    .groupBy('r.member_id')
    .addGroupBy('r.branch_id');
  const rows: Record<string, unknown>[] = await applyFilter(qb, filter).getRawMany();
  return rows.map((r) => ({
    memberId: String(r.memberId),
    branchId: String(r.branchId),
    points: num(r.points),
    answered: num(r.answered),
    correct: num(r.correct),
    activities: num(r.activities),
  }));
}
