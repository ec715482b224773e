// The daily cap on practice points, shared by every kind of practice (sessions and matches):
// practice feeds the same rankings as contests, and hours of it must not drown a contest result.
// What a member already earned today is read from the results table, where both kinds record.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ORG_ID, OrganisationRecord } from '../org/org.entities';
import { ResultRecord } from '../ranking/result.entity';
import { DAILY_PRACTICE_POINTS_CAP, cappedPoints, localDay } from './rules';

/** The result sources the cap covers. */
const CAPPED_SOURCES = ['practice', 'match'] as const;

export interface Allowance {
  /** The organisation's local date (YYYY-MM-DD). */
  day: string;
  cap: number;
  used: number;
}

@Injectable()
export class DailyAllowance {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Today's cap and what the member has already recorded against it. */
  async today(userId: string, now: number, manager: EntityManager = this.dataSource.manager): Promise<Allowance> {
    const org = await manager.findOneBy(OrganisationRecord, { id: ORG_ID });
    const offset = org?.utcOffsetMinutes ?? 480;
    const day = localDay(now, offset);
    const start = Date.parse(`${day}T00:00:00Z`) - offset * 60_000;
    const row = await manager
      .createQueryBuilder(ResultRecord, 'r')
      .select('COALESCE(SUM(r.points), 0)', 'points')
      .where({ userId, source: In([...CAPPED_SOURCES]) })
      .andWhere('r.occurred_at >= :start AND r.occurred_at < :end', { start, end: start + 86_400_000 })
      .getRawOne<{ points: string | number }>();
    return { day, cap: DAILY_PRACTICE_POINTS_CAP, used: Number(row?.points ?? 0) };
  }

  /** The points an activity that earned `earned` may record now: cut to what is left today. */
  async grant(userId: string, earned: number, now: number, manager?: EntityManager): Promise<number> {
    const { cap, used } = await this.today(userId, now, manager);
    return cappedPoints(earned, used, cap);
  }
}
