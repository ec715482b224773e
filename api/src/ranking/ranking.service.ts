// Individual and branch rankings over a window, from the results table.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { BranchRankingDto, IndividualRankingDto, RankedContestDto, RankingWindowDto } from '@dangshi/protocol';
import { rankingQuerySchema } from '@dangshi/protocol';
import type { z } from 'zod';
import { AppError } from '../common/app-error';
import { ContestRecord } from '../contest/contest.entities';
import { OrgService } from '../org/org.service';
import { StageRecord } from '../stage/stage.entities';
import { branchStandings, individualStandings } from './metrics';
import { loadPeople } from './people';
import { memberBranchTotals, type ResultFilter } from './ranking.query';
import { ResultRecord } from './result.entity';
import { windowRange } from './windows';

export type RankingQueryParsed = z.output<typeof rankingQuerySchema>;

@Injectable()
export class RankingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly org: OrgService,
  ) {}

  /** The window as [from, to) in the organisation's time zone, or one contest's rows. */
  async resolve(query: RankingQueryParsed, now = Date.now()): Promise<{ window: RankingWindowDto; filter: ResultFilter }> {
    const org = await this.org.get();
    let range;
    try {
      range = windowRange(query.window, now, org.utcOffsetMinutes, { from: query.from, to: query.to });
    } catch {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'from', message: 'not a real date' }]);
    }
    let contestTitle: string | null = null;
    const contestId = query.window === 'contest' ? query.contestId! : null;
    if (contestId !== null) {
      const contest =
        (await this.dataSource.getRepository(ContestRecord).findOne({ select: ['id', 'title'], where: { id: contestId } })) ??
        (await this.dataSource.getRepository(StageRecord).findOne({ select: ['id', 'title'], where: { id: contestId } }));
      // A contest whose row is gone still ranks from its results; an id with neither is a typo.
      if (!contest && !(await this.dataSource.getRepository(ResultRecord).existsBy({ source: In(['contest', 'stage']), sourceId: contestId }))) {
        throw new AppError('CONTEST_NOT_FOUND');
      }
      contestTitle = contest?.title ?? null;
    }
    return {
      window: { kind: query.window, from: range.from, to: range.to, contestId, contestTitle },
      filter: { from: range.from, to: range.to, contestId },
    };
  }

  async individual(query: RankingQueryParsed, viewerUserId: string | null): Promise<IndividualRankingDto> {
    const { window, filter } = await this.resolve(query);
    const [totals, people] = await Promise.all([memberBranchTotals(this.dataSource, filter), loadPeople(this.dataSource)]);
    const rows = individualStandings(totals, people.memberById, people.branchById);
    const viewer = viewerUserId ? people.memberByUser.get(viewerUserId) : undefined;
    return {
      window,
      rows: rows.slice(0, query.limit),
      total: rows.length,
      me: viewer ? (rows.find((r) => r.memberId === viewer.id) ?? null) : null,
    };
  }

  async branches(query: RankingQueryParsed): Promise<BranchRankingDto> {
    const { window, filter } = await this.resolve(query);
    const [totals, people, org] = await Promise.all([
      memberBranchTotals(this.dataSource, filter),
      loadPeople(this.dataSource),
      this.org.get(),
    ]);
    return { window, headline: org.headlineMetric, rows: branchStandings(totals, people.members, people.branches, org.headlineMetric) };
  }

  /** Live and stage contests with recorded results, newest first, for the one-contest picker. */
  async contests(limit = 200): Promise<RankedContestDto[]> {
    const rows: Record<string, unknown>[] = await this.dataSource
      .createQueryBuilder()
      .from(ResultRecord, 'r')
      .leftJoin(ContestRecord, 'c', "c.id = r.source_id AND r.source = 'contest'")
      .leftJoin(StageRecord, 's', "s.id = r.source_id AND r.source = 'stage'")
      .select('r.source_id', 'contestId')
      .addSelect('MAX(r.source)', 'kind')
      .addSelect('COALESCE(MAX(c.title), MAX(s.title))', 'title')
      .addSelect('MAX(r.occurred_at)', 'occurredAt')
      .addSelect('COUNT(*)', 'participants')
      .where("r.source IN ('contest', 'stage')")
      .groupBy('r.source_id')
      .orderBy('MAX(r.occurred_at)', 'DESC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => ({
      contestId: String(r.contestId),
      kind: r.kind === 'stage' ? ('stage' as const) : ('contest' as const),
      title: r.title === null || r.title === undefined ? null : String(r.title),
      occurredAt: Number(r.occurredAt),
      participants: Number(r.participants),
    }));
  }
}
