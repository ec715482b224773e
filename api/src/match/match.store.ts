// Match storage: the match and its seats when it starts, each answer as it comes (before the
// phone's ack), the results at the end, and the ranking points through the daily practice cap.
// Matches a restart cut short are finished later from their stored answers, so nothing a member
// earned is lost.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, LessThan, type DataSource } from 'typeorm';
import { User } from '../auth/user.entity';
import { MemberRecord } from '../org/org.entities';
import { isUniqueViolation } from '../org/members.service';
import { DailyAllowance } from '../practice/daily-allowance';
import { ResultRecord } from '../ranking/result.entity';
import { ResultsService } from '../ranking/results.service';
import { places, rankingPoints } from './match-scoring';
import type { MatchState, SeatAnswer } from './match-types';
import { MatchAnswerRecord, MatchPlayerRecord, MatchRecord } from './match.entities';

/** A finished match as stored: enough to show its result again. */
export interface StoredResult {
  match: MatchRecord;
  players: (MatchPlayerRecord & { name: string })[];
}

@Injectable()
export class MatchStore {
  private readonly logger = new Logger('Match');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly allowance: DailyAllowance,
    private readonly results: ResultsService,
  ) {}

  async create(state: MatchState, code: string | null): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(MatchRecord, {
        id: state.id,
        size: state.size,
        kind: state.kind,
        code,
        questionIds: state.questions.map((q) => q.questionId),
        status: 'playing',
        createdAt: state.createdAt,
        endedAt: null,
      });
      await tx.insert(
        MatchPlayerRecord,
        state.seats.map((s) => ({ matchId: state.id, seat: s.seat, userId: s.userId, botName: s.bot ? s.name : null, score: 0, correct: 0, place: null, forfeited: false, pointsRecorded: null })),
      );
    });
  }

  /** Stores an answer; one already stored for that seat and question is left as it is. */
  async saveAnswer(matchId: string, seat: number, answer: SeatAnswer): Promise<void> {
    try {
      await this.dataSource.getRepository(MatchAnswerRecord).insert({
        id: randomUUID(),
        matchId,
        seat,
        questionIndex: answer.index,
        clientAnswerId: answer.clientAnswerId,
        response: answer.response,
        correct: answer.correct,
        points: answer.points,
        ms: answer.ms,
        answeredAt: answer.at,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async finish(state: MatchState): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      for (const s of state.seats) {
        await tx.update(MatchPlayerRecord, { matchId: state.id, seat: s.seat }, { score: s.score, correct: s.correct, place: state.places![s.seat], forfeited: s.forfeited });
      }
      await tx.update(MatchRecord, { id: state.id }, { status: 'finished', endedAt: state.endedAt });
    });
  }

  /**
   * Records each member's ranking points of a finished match (once: a second call reads what the
   * first recorded); returns them by seat.
   */
  async recordPoints(matchId: string): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    const match = await this.dataSource.getRepository(MatchRecord).findOneBy({ id: matchId });
    if (!match || match.status !== 'finished') return out;
    const players = await this.dataSource.getRepository(MatchPlayerRecord).findBy({ matchId });
    const answered = await this.answerCounts(matchId);
    for (const p of players) {
      if (!p.userId) continue;
      if (p.pointsRecorded !== null) {
        out.set(p.seat, p.pointsRecorded);
        continue;
      }
      const result = { source: 'match' as const, sourceId: matchId, userId: p.userId };
      const results = this.dataSource.getRepository(ResultRecord);
      // A crash between recording and noting it here: the result row already says what was granted.
      if (!(await results.existsBy(result))) {
        const occurredAt = match.endedAt ?? match.createdAt;
        const points = await this.allowance.grant(p.userId, rankingPoints(p.correct, p.place ?? 0, p.forfeited), occurredAt);
        await this.results.record([{ ...result, points, answered: answered.get(p.seat) ?? 0, correct: p.correct, occurredAt }]);
      }
      // Read back: when two writers raced, the row that was kept is the truth.
      const { points } = await results.findOneByOrFail(result);
      await this.dataSource.getRepository(MatchPlayerRecord).update({ matchId, seat: p.seat }, { pointsRecorded: points });
      out.set(p.seat, points);
    }
    return out;
  }

  private async answerCounts(matchId: string): Promise<Map<number, number>> {
    const rows = await this.dataSource
      .getRepository(MatchAnswerRecord)
      .createQueryBuilder('a')
      .select('a.seat', 'seat')
      .addSelect('COUNT(*)', 'n')
      .where({ matchId })
      .groupBy('a.seat')
      .getRawMany<{ seat: number | string; n: number | string }>();
    return new Map(rows.map((r) => [Number(r.seat), Number(r.n)]));
  }

  /** A finished match with its players' names, or null (unknown, or still being played). */
  async finished(matchId: string): Promise<StoredResult | null> {
    const match = await this.dataSource.getRepository(MatchRecord).findOneBy({ id: matchId });
    if (!match || match.status !== 'finished') return null;
    const players = await this.dataSource.getRepository(MatchPlayerRecord).find({ where: { matchId }, order: { seat: 'ASC' } });
    const names = await this.names(players.flatMap((p) => (p.userId ? [p.userId] : [])));
    return { match, players: players.map((p) => Object.assign(p, { name: p.botName ?? names.get(p.userId!) ?? '' })) };
  }

  /** Whether the user played in this stored match. */
  async isPlayer(matchId: string, userId: string): Promise<boolean> {
    return this.dataSource.getRepository(MatchPlayerRecord).existsBy({ matchId, userId });
  }

  /** Members' names as the organisation knows them (the account name for anyone else). */
  async names(userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In([...userIds]) });
    const members = await this.dataSource.getRepository(MemberRecord).findBy({ userId: In([...userIds]) });
    return new Map([...users.map((u) => [u.id, u.displayName] as const), ...members.map((m) => [m.userId, m.name] as const)]);
  }

  /**
   * Finishes matches a restart left 'playing' (older than `staleMs`, so never one another node is
   * still running) from their stored answers, and records points a crash kept from the rankings.
   * Returns the ids of the matches it finished.
   */
  async recover(now: number, staleMs: number): Promise<string[]> {
    const matches = this.dataSource.getRepository(MatchRecord);
    const stale = await matches.find({ where: { status: 'playing', createdAt: LessThan(now - staleMs) } });
    for (const match of stale) {
      const players = await this.dataSource.getRepository(MatchPlayerRecord).find({ where: { matchId: match.id }, order: { seat: 'ASC' } });
      const answers = await this.dataSource.getRepository(MatchAnswerRecord).findBy({ matchId: match.id });
      const seats = players.map((p) => {
        const mine = answers.filter((a) => a.seat === p.seat);
        // An interrupted match is nobody's forfeit.
        return { seat: p.seat, score: mine.reduce((n, a) => n + a.points, 0), correct: mine.filter((a) => a.correct).length, forfeited: false };
      });
      const placed = places(seats);
      await this.dataSource.transaction(async (tx) => {
        for (const s of seats) await tx.update(MatchPlayerRecord, { matchId: match.id, seat: s.seat }, { score: s.score, correct: s.correct, place: placed[seats.indexOf(s)], forfeited: false });
        await tx.update(MatchRecord, { id: match.id, status: 'playing' }, { status: 'finished', endedAt: Math.max(match.createdAt, ...answers.map((a) => a.answeredAt)) });
      });
      await this.recordPoints(match.id);
    }
    const unrecorded: { id: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('DISTINCT p.match_id', 'id')
      .from(MatchPlayerRecord, 'p')
      .innerJoin(MatchRecord, 'm', 'm.id = p.match_id')
      .where("m.status = 'finished' AND m.ended_at < :before AND p.user_id IS NOT NULL AND p.points_recorded IS NULL", { before: now - staleMs })
      .getRawMany();
    for (const { id } of unrecorded) await this.recordPoints(id);
    if (stale.length + unrecorded.length > 0) this.logger.log(`recovered ${stale.length} interrupted matches, recorded points of ${unrecorded.length}`);
    return stale.map((m) => m.id);
  }
}
