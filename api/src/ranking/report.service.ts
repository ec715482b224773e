// The annual study report (年度学习报告) for the organisation: per-branch participation and
// accuracy by month, top members, most missed questions by category, and how many contests and
// practice sessions were held. Every figure is an SQL aggregate; nothing loads single answers.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AnnualReportDto, MissedCategoryDto, ReportBranchDto } from '@dangshi/protocol';
import { QuestionRecord } from '../bank/bank.entities';
import { ContestAnswerRecord, ContestRecord } from '../contest/contest.entities';
import { OrgService } from '../org/org.service';
import { individualStandings, ratio } from './metrics';
import { loadPeople } from './people';
import { applyFilter, memberBranchTotals, type ResultFilter } from './ranking.query';
import { ResultRecord } from './result.entity';
import { localYear, monthStarts } from './windows';

/** Questions listed per category, and categories listed. */
const MISSED_PER_CATEGORY = 5;
const TOP_MEMBERS = 10;

const num = (value: unknown) => Number(value ?? 0);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly org: OrgService,
  ) {}

  async annual(year?: number, now = Date.now()): Promise<AnnualReportDto> {
    const org = await this.org.get();
    const y = year ?? localYear(now, org.utcOffsetMinutes);
    const starts = monthStarts(y, org.utcOffsetMinutes);
    const filter: ResultFilter = { from: starts[0], to: starts[12], contestId: null };
    const [people, totals, months, branchYear, overall, counts, missed] = await Promise.all([
      loadPeople(this.dataSource),
      memberBranchTotals(this.dataSource, filter),
      this.branchMonths(filter, starts),
      this.branchYear(filter),
      this.overall(filter),
      this.counts(filter),
      this.missedByCategory(filter),
    ]);
    const roster = new Map<string, number>();
    for (const m of people.members) if (m.active) roster.set(m.branchId, (roster.get(m.branchId) ?? 0) + 1);
    const branches: ReportBranchDto[] = people.branches
      .filter((b) => b.active || branchYear.has(b.id))
      .map((b) => {
        const size = roster.get(b.id) ?? 0;
        const year = branchYear.get(b.id) ?? { participants: 0, points: 0, answered: 0, correct: 0 };
        return {
          branchId: b.id,
          name: b.name,
          roster: size,
          participants: year.participants,
          points: year.points,
          accuracy: round(ratio(year.correct, year.answered), 4),
          months: Array.from({ length: 12 }, (_, m) => {
            const cell = months.get(`${b.id}:${m}`) ?? { participants: 0, points: 0, answered: 0, correct: 0 };
            return {
              month: m + 1,
              participants: cell.participants,
              // Capped at 1: a month's participants may include members who left the branch since.
              participation: round(Math.min(1, ratio(cell.participants, size)), 4),
              answered: cell.answered,
              correct: cell.correct,
              accuracy: round(ratio(cell.correct, cell.answered), 4),
              points: cell.points,
            };
          }),
        };
      });
    return {
      year: y,
      organisation: org.name,
      from: starts[0],
      to: starts[12],
      generatedAt: now,
      counts: {
        ...counts,
        participants: overall.participants,
        roster: people.members.filter((m) => m.active).length,
        points: overall.points,
      },
      branches,
      topMembers: individualStandings(totals, people.memberById, people.branchById).slice(0, TOP_MEMBERS),
      missedByCategory: missed,
    };
  }

  /** Per branch and local month: distinct members, points, answers. Month buckets by CASE. */
  private async branchMonths(filter: ResultFilter, starts: number[]) {
    // The bounds are our own integers, never user input: safe to write into the SQL.
    const bucket = `CASE ${starts
      .slice(1, 12)
      .map((t, m) => `WHEN r.occurred_at < ${Math.trunc(t)} THEN ${m}`)
      .join(' ')} ELSE 11 END`;
    const qb = this.dataSource
      .createQueryBuilder()
      .from(ResultRecord, 'r')
      .select('r.branch_id', 'branchId')
      .addSelect(bucket, 'month')
      .addSelect('COUNT(DISTINCT r.member_id)', 'participants')
      .addSelect('SUM(r.points)', 'points')
      .addSelect('SUM(r.answered)', 'answered')
      .addSelect('SUM(r.correct)', 'correct')
      .where('r.member_id IS NOT NULL AND r.branch_id IS NOT NULL')
      .groupBy('r.branch_id')
      .addGroupBy(bucket);
    const rows: Record<string, unknown>[] = await applyFilter(qb, filter).getRawMany();
    return new Map(
      rows.map((r) => [
        `${r.branchId}:${num(r.month)}`,
        { participants: num(r.participants), points: num(r.points), answered: num(r.answered), correct: num(r.correct) },
      ]),
    );
  }

  private async branchYear(filter: ResultFilter) {
    const qb = this.dataSource
      .createQueryBuilder()
      .from(ResultRecord, 'r')
      .select('r.branch_id', 'branchId')
      .addSelect('COUNT(DISTINCT r.member_id)', 'participants')
      .addSelect('SUM(r.points)', 'points')
      .addSelect('SUM(r.answered)', 'answered')
      .addSelect('SUM(r.correct)', 'correct')
      .where('r.member_id IS NOT NULL AND r.branch_id IS NOT NULL')
      .groupBy('r.branch_id');
    const rows: Record<string, unknown>[] = await applyFilter(qb, filter).getRawMany();
    return new Map(
      rows.map((r) => [
        String(r.branchId),
        { participants: num(r.participants), points: num(r.points), answered: num(r.answered), correct: num(r.correct) },
      ]),
    );
  }

  private async overall(filter: ResultFilter): Promise<{ participants: number; points: number }> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from(ResultRecord, 'r')
      .select('COUNT(DISTINCT r.member_id)', 'participants')
      .addSelect('SUM(r.points)', 'points')
      .where('r.member_id IS NOT NULL');
    const row = await applyFilter(qb, filter).getRawOne<Record<string, unknown>>();
    return { participants: num(row?.participants), points: num(row?.points) };
  }

  /** Contests that finished in the year; practice sessions, stage contests and matches recorded. */
  private async counts(filter: ResultFilter): Promise<{ contests: number; practice: number; stages: number; matches: number }> {
    const contests = await this.dataSource
      .createQueryBuilder()
      .from(ContestRecord, 'c')
      .select('COUNT(*)', 'n')
      .where('c.phase = :ended AND c.ended_at >= :from AND c.ended_at < :to', { ended: 'ended', from: filter.from, to: filter.to })
      .getRawOne<{ n: unknown }>();
    const qb = this.dataSource
      .createQueryBuilder()
      .from(ResultRecord, 'r')
      .select("SUM(CASE WHEN r.source = 'practice' THEN 1 ELSE 0 END)", 'practice')
      .addSelect("COUNT(DISTINCT CASE WHEN r.source = 'stage' THEN r.source_id END)", 'stages')
      .addSelect("COUNT(DISTINCT CASE WHEN r.source = 'match' THEN r.source_id END)", 'matches')
      .where('1 = 1');
    const row = await applyFilter(qb, filter).getRawOne<Record<string, unknown>>();
    return { contests: num(contests?.n), practice: num(row?.practice), stages: num(row?.stages), matches: num(row?.matches) };
  }

  /**
   * Contest answers that were not fully right (fraction < 1), by question, joined to the bank
   * for the category and stem; the top questions of each category picked in SQL with
   * ROW_NUMBER() (SQLite ≥ 3.25 and PostgreSQL both have window functions).
   */
  private async missedByCategory(filter: ResultFilter): Promise<MissedCategoryDto[]> {
    const perQuestion = this.dataSource
      .createQueryBuilder()
      .from(ContestAnswerRecord, 'a')
      .innerJoin(QuestionRecord, 'q', 'q.id = a.question_id')
      .select('q.category', 'category')
      .addSelect('a.question_id', 'questionId')
      .addSelect('MAX(q.stem)', 'stem')
      .addSelect('SUM(CASE WHEN a.fraction < 1 THEN 1 ELSE 0 END)', 'missed')
      .addSelect('COUNT(*)', 'answered')
      .where('a.received_at >= :from AND a.received_at < :to')
      .groupBy('q.category')
      .addGroupBy('a.question_id');
    const ranked = this.dataSource
      .createQueryBuilder()
      .from(`(${perQuestion.getQuery()})`, 'pq')
      .select('pq.*')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY pq.category ORDER BY pq.missed DESC, pq.answered DESC, pq."questionId")', 'rn')
      .where('pq.missed > 0');
    const rows: Record<string, unknown>[] = await this.dataSource
      .createQueryBuilder()
      .from(`(${ranked.getQuery()})`, 'best')
      .select('best.*')
      .where(`best.rn <= ${MISSED_PER_CATEGORY}`)
      .setParameters({ from: filter.from, to: filter.to })
      .getRawMany();
    const totals = await this.dataSource
      .createQueryBuilder()
      .from(ContestAnswerRecord, 'a')
      .innerJoin(QuestionRecord, 'q', 'q.id = a.question_id')
      .select('q.category', 'category')
      .addSelect('SUM(CASE WHEN a.fraction < 1 THEN 1 ELSE 0 END)', 'missed')
      .addSelect('COUNT(*)', 'answered')
      .where('a.received_at >= :from AND a.received_at < :to', { from: filter.from, to: filter.to })
      .groupBy('q.category')
      .getRawMany<Record<string, unknown>>();
    const byCategory = new Map<string, MissedCategoryDto>();
    for (const t of totals) {
      if (num(t.missed) === 0) continue;
      byCategory.set(String(t.category), { category: String(t.category), missed: num(t.missed), answered: num(t.answered), questions: [] });
    }
    for (const r of rows) {
      byCategory.get(String(r.category))?.questions.push({
        questionId: String(r.questionId),
        stem: String(r.stem),
        missed: num(r.missed),
        answered: num(r.answered),
        missRate: round(ratio(num(r.missed), num(r.answered)), 4),
      });
    }
    for (const c of byCategory.values()) c.questions.sort((a, b) => b.missed - a.missed || b.answered - a.answered);
    return [...byCategory.values()].sort((a, b) => b.missed - a.missed || a.category.localeCompare(b.category, 'zh-Hans-CN'));
  }
}
