// Writes the results table: one row per user and scored activity, with the member and the
// branch they belong to at that moment (copied, so a later move never rewrites history).
// Recording is idempotent: (source, source_id, user_id) is unique and a second write of the
// same activity is skipped. Finished live contests arrive through ContestEvents; any that a
// crash or an older version missed are caught up at start from the stored contest.
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { zodIssues } from '../common/error-mapping';
import { ContestEvents } from '../contest/contest.events';
import { ContestAnswerRecord, ContestPlayerRecord, ContestRecord } from '../contest/contest.entities';
import type { ContestState } from '../contest/engine/types';
import { fromSnapshot } from '../contest/snapshot';
import { MemberRecord, MembershipRecord } from '../org/org.entities';
import { contestResults } from './contest-results';
import { ResultRecord } from './result.entity';
import { resultInputSchema, type ResultInput } from './result-input';

/**
 * The member's branch at time `t`, from the membership history: live results are recorded as
 * they happen (the open period), and a contest caught up after a restart still goes to the
 * branch the member was in when it ended. Before the first period (a contest older than the
 * roster import) the member's current branch is the best there is.
 */
export function branchAt(periods: readonly MembershipRecord[], t: number, current: string): string {
  const period = periods.find((p) => p.fromAt <= t && (p.toAt === null || t < p.toAt));
  return period?.branchId ?? current;
}

/** Ids per IN (…) and rows per INSERT: far below both dialects' bound-parameter limits. */
const CHUNK = 300;

export interface RecordOptions {
  /** Leave out users who are not members (a live contest records members only). */
  membersOnly?: boolean;
}

@Injectable()
export class ResultsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Results');
  /** Settles when the start-up catch-up is done. */
  caughtUp: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: ContestEvents,
  ) {}

  onModuleInit(): void {
    this.events.onFinished((state) => this.recordContest(state).then(() => undefined));
  }

  onApplicationBootstrap(): void {
    // Not awaited: a long backlog after an upgrade must not hold the server's start.
    this.caughtUp = this.catchUp().then(
      () => undefined,
      (error: unknown) => this.logger.error(`catching up finished contests failed: ${(error as Error).message}`),
    );
  }

  /**
   * Records scored activities; returns how many rows were written (already recorded ones are
   * skipped). Practice, stage and match modules call this when a session ends.
   */
  async record(inputs: readonly ResultInput[], options: RecordOptions = {}): Promise<number> {
    const valid = inputs.map((input, i) => {
      const parsed = resultInputSchema.safeParse(input);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', undefined, zodIssues(parsed.error).map((issue) => ({ ...issue, path: `${i}.${issue.path}` })));
      }
      return parsed.data;
    });
    if (valid.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const members = new Map<string, MemberRecord>();
      const userIds = [...new Set(valid.map((r) => r.userId))];
      for (let i = 0; i < userIds.length; i += CHUNK) {
        for (const m of await manager.findBy(MemberRecord, { userId: In(userIds.slice(i, i + CHUNK)) })) members.set(m.userId, m);
      }
      const periods = await this.periodsOf(manager, [...members.values()].map((m) => m.id));
      const rows: ResultRecord[] = [];
      const seen = new Set<string>();
      for (const input of valid) {
        const key = `${input.source}\u0000${input.sourceId}\u0000${input.userId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const member = members.get(input.userId);
        if (options.membersOnly && !member) continue;
        rows.push(
          manager.create(ResultRecord, {
            id: randomUUID(),
            ...input,
            memberId: member?.id ?? null,
            branchId: member ? branchAt(periods.get(member.id) ?? [], input.occurredAt, member.branchId) : null,
          }),
        );
      }
      const fresh = await this.unrecorded(manager.getRepository(ResultRecord), rows);
      for (let i = 0; i < fresh.length; i += CHUNK) {
        // orIgnore: a concurrent writer (another node's catch-up) may have won the race.
        await manager.createQueryBuilder().insert().into(ResultRecord).values(fresh.slice(i, i + CHUNK)).orIgnore().execute();
      }
      return fresh.length;
    });
  }

  private async periodsOf(manager: EntityManager, memberIds: string[]): Promise<Map<string, MembershipRecord[]>> {
    const out = new Map<string, MembershipRecord[]>();
    for (let i = 0; i < memberIds.length; i += CHUNK) {
      for (const p of await manager.findBy(MembershipRecord, { memberId: In(memberIds.slice(i, i + CHUNK)) })) {
        if (!out.has(p.memberId)) out.set(p.memberId, []);
        out.get(p.memberId)!.push(p);
      }
    }
    return out;
  }

  /** A finished live contest: its members' scores. */
  async recordContest(state: ContestState): Promise<number> {
    const written = await this.record(contestResults(state), { membersOnly: true });
    if (written > 0) this.logger.log(`recorded ${written} results of contest ${state.id}`);
    return written;
  }

  private async unrecorded(repo: Repository<ResultRecord>, rows: ResultRecord[]): Promise<ResultRecord[]> {
    const out: ResultRecord[] = [];
    // Grouped by activity: one lookup per (source, sourceId) chunk of users.
    const groups = new Map<string, ResultRecord[]>();
    for (const row of rows) {
      const key = `${row.source}\u0000${row.sourceId}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(row);
    }
    for (const group of groups.values()) {
      const { source, sourceId } = group[0];
      for (let i = 0; i < group.length; i += CHUNK) {
        const part = group.slice(i, i + CHUNK);
        const existing = await repo.find({
          select: ['userId'],
          where: { source, sourceId, userId: In(part.map((r) => r.userId)) },
        });
        const done = new Set(existing.map((r) => r.userId));
        out.push(...part.filter((r) => !done.has(r.userId)));
      }
    }
    return out;
  }

  /** Ended contests with member players and no results yet: rebuilt from storage and recorded. */
  async catchUp(): Promise<number> {
    const pending: { id: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('c.id', 'id')
      .from(ContestRecord, 'c')
      .where('c.phase = :ended', { ended: 'ended' })
      .andWhere(
        'EXISTS (SELECT 1 FROM contest_players p INNER JOIN members m ON m.user_id = p.user_id WHERE p.contest_id = c.id)',
      )
      .andWhere("NOT EXISTS (SELECT 1 FROM results r WHERE r.source = 'contest' AND r.source_id = c.id)")
      .getRawMany();
    let written = 0;
    for (const { id } of pending) {
      const row = await this.dataSource.getRepository(ContestRecord).findOneBy({ id });
      if (!row) continue;
      const [players, answers] = await Promise.all([
        this.dataSource.getRepository(ContestPlayerRecord).findBy({ contestId: id }),
        this.dataSource.getRepository(ContestAnswerRecord).findBy({ contestId: id }),
      ]);
      written += await this.recordContest(fromSnapshot(row.snapshot, players, answers));
    }
    if (pending.length > 0) this.logger.log(`caught up ${pending.length} finished contests (${written} results)`);
    return written;
  }
}
