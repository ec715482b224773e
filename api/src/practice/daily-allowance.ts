// The daily cap on practice points, shared by every kind of practice (sessions and matches):
// practice feeds the same rankings as contests, and hours of it must not drown a contest result.
// The cap is the organisation's setting (practiceDailyCap); what a member already earned today
// is read from the results table, where both kinds record.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DEFAULT_PRACTICE_DAILY_CAP } from '@dangshi/protocol';
import { ORG_ID, OrganisationRecord } from '../org/org.entities';
import { ResultRecord } from '../ranking/result.entity';
import { PracticeSessionRecord } from './practice.entities';
import { cappedPoints, localDayWindow } from './rules';

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
    const { day, start, end } = localDayWindow(now, org?.utcOffsetMinutes ?? 480);
    const recorded = await manager
      .createQueryBuilder(ResultRecord, 'r')
      .select('COALESCE(SUM(r.points), 0)', 'points')
      .where({ userId, source: In([...CAPPED_SOURCES]) })
      .andWhere('r.occurred_at >= :start AND r.occurred_at < :end', { start, end })
      .getRawOne<{ points: string | number }>();
    // A practice session's points reach the results just after its own transaction commits; one
    // ended in that gap (or before a crash, caught up on its next read) still counts against the cap.
    const pending = await manager
      .createQueryBuilder(PracticeSessionRecord, 's')
      .select('COALESCE(SUM(s.points), 0)', 'points')
      .where('s.user_id = :userId AND s.ended = :ended', { userId, ended: true })
      .andWhere('s.ended_at >= :start AND s.ended_at < :end', { start, end })
      .andWhere("NOT EXISTS (SELECT 1 FROM results r WHERE r.source = 'practice' AND r.source_id = s.id AND r.user_id = s.user_id)")
      .getRawOne<{ points: string | number }>();
    return {
      day,
      cap: org?.practiceDailyCap ?? DEFAULT_PRACTICE_DAILY_CAP,
      used: Number(recorded?.points ?? 0) + Number(pending?.points ?? 0),
    };
  }

  /** The points an activity that earned `earned` may record now: cut to what is left today. */
  async grant(userId: string, earned: number, now: number, manager?: EntityManager): Promise<number> {
    const { cap, used } = await this.today(userId, now, manager);
    return cappedPoints(earned, used, cap);
  }
}
