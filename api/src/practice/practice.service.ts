// Practice sessions: start one (the questions chosen least-seen first), answer its questions one
// at a time (judged here, idempotent by the phone's answer id), end it early if the member wants,
// and when it ends record its points for the rankings through ResultsService, within the
// organisation's daily cap (DailyAllowance, shared with matches). Also the wrong-answer book.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  PRACTICE_POINTS_PER_CORRECT,
  PRACTICE_SIZES,
  type ChallengeLeaderboardDto,
  type PracticeAnswerInput,
  type PracticeJudgementDto,
  type PracticeOverviewDto,
  type PracticeSessionDto,
  type PracticeMode,
  type PracticeWrongItemDto,
  type PracticeWrongPageDto,
} from '@dangshi/protocol';
import { QuestionRecord } from '../bank/bank.entities';
import { BankService } from '../bank/bank.service';
import { AppError } from '../common/app-error';
import { isValidResponse, judge } from '../contest/engine/judge';
import { MemberRecord, ORG_ID, OrganisationRecord } from '../org/org.entities';
import { isUniqueViolation } from '../org/members.service';
import { ResultsService } from '../ranking/results.service';
import { User } from '../auth/user.entity';
import { PracticeAnswerRecord, PracticeSeenRecord, PracticeSessionRecord, PracticeStatsRecord, PracticeWrongRecord } from './practice.entities';
import { DailyAllowance } from './daily-allowance';
import { answerKey, asJudgedQuestion, keyView, questionView } from './practice-question';
import { localDay, pickQuestions, streakAfter, weekStart, wrongBookAfter } from './rules';

/** A parsed start request (the controller's zod schema made difficulty a number). */
export interface StartRequest {
  mode: PracticeMode;
  category?: string;
  difficulty?: number;
}

/** A parsed page request for the wrong-answer book. */
export interface WrongPageRequest {
  page: number;
  pageSize: number;
}

const CHALLENGE_BOARD_SIZE = 20;

/** An answer changed the session while 结束练习 was ending it: roll back and read it again. */
class RacedWithAnswer extends Error {}

@Injectable()
export class PracticeService {
  private readonly logger = new Logger('Practice');
  /** Math.random in production; a test may replace it for a fixed draw. */
  random: () => number = Math.random;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bank: BankService,
    private readonly results: ResultsService,
    private readonly allowance: DailyAllowance,
  ) {}

  private async today(now = Date.now()): Promise<string> {
    const org = await this.dataSource.getRepository(OrganisationRecord).findOneBy({ id: ORG_ID });
    return localDay(now, org?.utcOffsetMinutes ?? 480);
  }

  async overview(userId: string): Promise<PracticeOverviewDto> {
    const today = await this.today();
    const sessions = this.dataSource.getRepository(PracticeSessionRecord);
    const daily = await sessions.findOneBy({ id: dailyId(userId, today) });
    const stats = await this.dataSource.getRepository(PracticeStatsRecord).findOneBy({ userId });
    const wrongCount = await this.wrongBook(userId).getCount();
    // Practice and matches share one cap, the organisation's, counted from the results.
    const allowance = await this.allowance.today(userId, Date.now());
    const seen = await this.dataSource
      .getRepository(PracticeSeenRecord)
      .createQueryBuilder('s')
      .select('s.category', 'category')
      .addSelect('COUNT(*)', 'seen')
      .addSelect('SUM(CASE WHEN s.last_correct THEN 1 ELSE 0 END)', 'correct')
      .where('s.user_id = :userId', { userId })
      .groupBy('s.category')
      .getRawMany<{ category: string; seen: string | number; correct: string | number | null }>();
    const byCategory = new Map(seen.map((s) => [s.category, s]));
    // A streak is shown only while it is alive: today's or yesterday's quiz keeps it.
    const alive = stats?.lastDailyDay && streakAfter(stats.streakDays, stats.lastDailyDay, today) !== 1;
    return {
      today,
      daily: {
        done: !!daily?.ended,
        sessionId: daily?.id ?? null,
        answered: daily?.position ?? 0,
        total: daily?.questionIds.length ?? PRACTICE_SIZES.daily,
        streak: alive || stats?.lastDailyDay === today ? (stats?.streakDays ?? 0) : 0,
      },
      challengeBest: stats?.challengeBest ?? 0,
      wrongCount,
      pointsToday: allowance.used,
      dailyCap: allowance.cap,
      categories: (await this.bank.categories()).map((c) => ({
        category: c.category,
        total: c.count,
        seen: Number(byCategory.get(c.category)?.seen ?? 0),
        correct: Number(byCategory.get(c.category)?.correct ?? 0),
      })),
    };
  }

  async start(userId: string, input: StartRequest): Promise<PracticeSessionDto> {
    const today = await this.today();
    const sessions = this.dataSource.getRepository(PracticeSessionRecord);
    if (input.mode === 'daily') {
      // One daily quiz per day: an existing one is resumed (or shown as done), never replayed.
      const existing = await sessions.findOneBy({ id: dailyId(userId, today) });
      if (existing) return this.view(existing);
    }
    const questionIds = await this.chooseQuestions(userId, input);
    const row = sessions.create({
      id: input.mode === 'daily' ? dailyId(userId, today) : randomUUID(),
      userId,
      mode: input.mode,
      category: input.mode === 'category' ? (input.category ?? null) : null,
      difficulty: input.mode === 'category' ? (input.difficulty ?? null) : null,
      day: today,
      questionIds,
      position: 0,
      correct: 0,
      ended: false,
      points: 0,
      createdAt: Date.now(),
      endedAt: null,
    });
    try {
      await sessions.insert(row);
    } catch (error) {
      // Two taps on 每日答题 at once: the other request made today's quiz; use it.
      if (input.mode === 'daily' && isUniqueViolation(error)) return this.view(await this.session(userId, row.id));
      throw error;
    }
    return this.view(row);
  }

  private async chooseQuestions(userId: string, input: StartRequest): Promise<string[]> {
    const size = PRACTICE_SIZES[input.mode];
    if (input.mode === 'wrong') {
      const book = await this.dataSource.getRepository(PracticeWrongRecord).find({ where: { userId }, order: { updatedAt: 'ASC' } });
      const usable = await this.reviewedIds(book.map((w) => w.questionId));
      const ids = book.map((w) => w.questionId).filter((id) => usable.has(id)).slice(0, size);
      if (ids.length === 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'mode', message: 'the wrong-answer book is empty' }]);
      return ids;
    }
    const qb = this.dataSource.getRepository(QuestionRecord).createQueryBuilder('q').select('q.id', 'id').where("q.status = 'reviewed'");
    if (input.mode === 'category') qb.andWhere('q.category = :category', { category: input.category });
    if (input.mode === 'category' && input.difficulty) qb.andWhere('q.difficulty = :difficulty', { difficulty: input.difficulty });
    const pool = (await qb.orderBy('q.id').getRawMany<{ id: string }>()).map((r) => r.id);
    if (pool.length === 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'category', message: 'no questions for this choice' }]);
    // A challenge is a fresh random run; the other modes show unseen questions first.
    const seen = input.mode === 'challenge' ? new Map<string, number>() : await this.seenCounts(userId);
    return pickQuestions(pool, seen, size, this.random);
  }

  private async seenCounts(userId: string): Promise<Map<string, number>> {
    const rows = await this.dataSource.getRepository(PracticeSeenRecord).find({ select: ['questionId', 'seenCount'], where: { userId } });
    return new Map(rows.map((r) => [r.questionId, r.seenCount]));
  }

  private async reviewedIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.getRepository(QuestionRecord).find({ select: ['id', 'status'], where: { id: In(ids) } });
    return new Set(rows.filter((r) => r.status === 'reviewed').map((r) => r.id));
  }

  async get(userId: string, id: string): Promise<PracticeSessionDto> {
    const session = await this.session(userId, id);
    // An ended session whose points a crash kept from the results is recorded now (idempotent).
    if (session.ended) await this.recordPoints(session);
    return this.view(session);
  }

  async answer(userId: string, sessionId: string, input: PracticeAnswerInput): Promise<PracticeJudgementDto> {
    const replay = await this.replay(userId, sessionId, input.clientAnswerId);
    if (replay) return replay;
    const session = await this.session(userId, sessionId);
    if (session.ended) throw new AppError('WRONG_PHASE');
    if (input.position !== session.position) throw new AppError('ANSWER_WRONG_QUESTION');
    const record = await this.dataSource.getRepository(QuestionRecord).findOneBy({ id: session.questionIds[session.position] });
    if (!record) throw new AppError('QUESTION_NOT_FOUND');
    const question = record.data;
    if (!isValidResponse(asJudgedQuestion(question), input.response)) throw new AppError('ANSWER_INVALID');
    const correct = judge(answerKey(question), input.response, false) === 1;
    const now = Date.now();
    let ended: PracticeSessionRecord | null = null;
    try {
      ended = await this.dataSource.transaction(async (tx) => {
        await tx.insert(PracticeAnswerRecord, {
          id: randomUUID(),
          sessionId,
          userId,
          clientAnswerId: input.clientAnswerId,
          position: session.position,
          questionId: question.id,
          questionVersion: record.version,
          response: input.response,
          correct,
          answeredAt: now,
        });
        await this.noteSeen(tx, userId, question.id, question.category, correct, now);
        await this.noteWrongBook(tx, userId, question.id, correct, now);
        const answeredAt = session.position;
        session.position += 1;
        if (correct) session.correct += 1;
        const over = session.position >= session.questionIds.length || (session.mode === 'challenge' && !correct);
        if (over) await this.end(tx, session, now);
        // Only from the state this answer was judged in: a 结束练习 that got in first wins.
        const saved = await tx.update(
          PracticeSessionRecord,
          { id: session.id, ended: false, position: answeredAt },
          { position: session.position, correct: session.correct, ended: session.ended, points: session.points, endedAt: session.endedAt },
        );
        if (!saved.affected) throw new AppError('WRONG_PHASE');
        return session.ended ? session : null;
      });
    } catch (error) {
      // The same answer sent twice at once: the first one won; answer as it was answered.
      if (!isUniqueViolation(error)) throw error;
      const again = await this.replay(userId, sessionId, input.clientAnswerId);
      if (again) return again;
      throw new AppError('ANSWER_WRONG_QUESTION');
    }
    // After the commit: results use their own transaction; a crash here is caught up by get().
    if (ended) await this.recordPoints(ended);
    return this.judgement(session, question, input.response, correct);
  }

  /**
   * 结束练习: ends the session now with the points of what was answered (within the cap). The
   * daily quiz counts as done for the day. Idempotent: ending an ended session (a retry after a
   * lost reply, a second tap) returns it as it ended and records nothing again.
   */
  async endEarly(userId: string, sessionId: string): Promise<PracticeSessionDto> {
    let session = await this.session(userId, sessionId);
    for (let attempt = 0; !session.ended; attempt++) {
      const now = Date.now();
      try {
        session = await this.dataSource.transaction(async (tx) => {
          const row = (await tx.findOneBy(PracticeSessionRecord, { id: sessionId }))!;
          if (row.ended) return row;
          await this.end(tx, row, now);
          // Guarded by the position read: an answer committed meanwhile rolls this back, to retry.
          const saved = await tx.update(PracticeSessionRecord, { id: row.id, ended: false, position: row.position }, { ended: true, points: row.points, endedAt: row.endedAt });
          if (!saved.affected) throw new RacedWithAnswer();
          return row;
        });
      } catch (error) {
        if (!(error instanceof RacedWithAnswer)) throw error;
        if (attempt >= 3) throw new AppError('WRONG_PHASE');
        session = await this.session(userId, sessionId);
      }
    }
    await this.recordPoints(session);
    return this.view(session);
  }

  /** The member's wrong-answer book, newest wrong answer first, with each question's answer. */
  async wrongPage(userId: string, request: WrongPageRequest): Promise<PracticeWrongPageDto> {
    const { page, pageSize } = request;
    const [rows, total] = await this.wrongBook(userId)
      .orderBy('w.lastWrongAt', 'DESC')
      .addOrderBy('w.questionId', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const ids = rows.map((r) => r.questionId);
    const questions = ids.length ? await this.dataSource.getRepository(QuestionRecord).findBy({ id: In(ids) }) : [];
    const byId = new Map(questions.map((q) => [q.id, q.data]));
    const items: PracticeWrongItemDto[] = [];
    for (const row of rows) {
      const question = byId.get(row.questionId);
      if (!question) continue; // the filter below found it; only a concurrent change removes it
      items.push({
        ...questionView(question),
        key: keyView(answerKey(question)),
        explanation: question.explanation,
        source: question.source.ref,
        wrongCount: row.wrongCount,
        rightStreak: row.rightStreak,
        lastWrongAt: row.lastWrongAt,
      });
    }
    return { items, total, page, pageSize };
  }

  /**
   * The book as the member sees and practises it: questions still in use (reviewed). A retired
   * question stays stored, but is neither shown nor counted, as a 错题重练 would not ask it.
   */
  private wrongBook(userId: string): SelectQueryBuilder<PracticeWrongRecord> {
    return this.dataSource
      .getRepository(PracticeWrongRecord)
      .createQueryBuilder('w')
      .where('w.user_id = :userId', { userId })
      .andWhere("EXISTS (SELECT 1 FROM questions q WHERE q.id = w.question_id AND q.status = 'reviewed')");
  }

  /** A retry of an answer already stored: the same judgement, nothing counted again. */
  private async replay(userId: string, sessionId: string, clientAnswerId: string): Promise<PracticeJudgementDto | null> {
    const previous = await this.dataSource.getRepository(PracticeAnswerRecord).findOneBy({ userId, clientAnswerId });
    if (!previous) return null;
    if (previous.sessionId !== sessionId) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'clientAnswerId', message: 'this answer id belongs to another session' }]);
    }
    const session = await this.session(userId, sessionId);
    const record = await this.dataSource.getRepository(QuestionRecord).findOneBy({ id: previous.questionId });
    if (!record) throw new AppError('QUESTION_NOT_FOUND');
    return this.judgement(session, record.data, previous.response, previous.correct);
  }

  private async judgement(session: PracticeSessionRecord, question: QuestionRecord['data'], response: PracticeAnswerInput['response'], correct: boolean): Promise<PracticeJudgementDto> {
    return {
      correct,
      response,
      key: keyView(answerKey(question)),
      explanation: question.explanation,
      source: question.source.ref,
      session: await this.view(session),
    };
  }

  private async noteSeen(tx: EntityManager, userId: string, questionId: string, category: string, correct: boolean, now: number): Promise<void> {
    // Insert-or-ignore then increment: safe when two sessions of one member answer at once.
    await tx.createQueryBuilder().insert().into(PracticeSeenRecord).values({ userId, questionId, category, seenCount: 0, lastCorrect: false, lastAt: now }).orIgnore().execute();
    await tx
      .createQueryBuilder()
      .update(PracticeSeenRecord)
      .set({ seenCount: () => 'seen_count + 1', lastCorrect: correct, lastAt: now })
      .where('user_id = :userId AND question_id = :questionId', { userId, questionId })
      .execute();
  }

  private async noteWrongBook(tx: EntityManager, userId: string, questionId: string, correct: boolean, now: number): Promise<void> {
    const current = await tx.findOneBy(PracticeWrongRecord, { userId, questionId });
    const next = wrongBookAfter(current, correct);
    if (!next) {
      if (current) await tx.delete(PracticeWrongRecord, { userId, questionId });
    } else if (!current) {
      // Back in the book (or in for the first time): every wrong answer so far, this one included.
      const wrongCount = await tx.countBy(PracticeAnswerRecord, { userId, questionId, correct: false });
      await tx
        .createQueryBuilder()
        .insert()
        .into(PracticeWrongRecord)
        .values({ userId, questionId, rightStreak: next.rightStreak, wrongCount: Math.max(1, wrongCount), lastWrongAt: now, updatedAt: now })
        .orIgnore()
        .execute();
    } else {
      const set = correct
        ? { rightStreak: next.rightStreak, updatedAt: now }
        : { rightStreak: next.rightStreak, wrongCount: () => 'wrong_count + 1', lastWrongAt: now, updatedAt: now };
      await tx.createQueryBuilder().update(PracticeWrongRecord).set(set).where('user_id = :userId AND question_id = :questionId', { userId, questionId }).execute();
    }
  }

  /**
   * Ends a session (all answered, a challenge's first wrong answer, or 结束练习): its points cut to
   * what the organisation's daily cap leaves, and the streak or the personal best it moves.
   */
  private async end(tx: EntityManager, session: PracticeSessionRecord, now: number): Promise<void> {
    session.points = await this.allowance.grant(session.userId, session.correct * PRACTICE_POINTS_PER_CORRECT, now, tx);
    session.ended = true;
    session.endedAt = now;
    await tx.createQueryBuilder().insert().into(PracticeStatsRecord).values({ userId: session.userId, streakDays: 0, lastDailyDay: null, challengeBest: 0 }).orIgnore().execute();
    const stats = (await tx.findOneBy(PracticeStatsRecord, { userId: session.userId }))!;
    // A daily quiz ended before its first answer is done for the day but keeps no streak alive.
    if (session.mode === 'daily' && session.position > 0) {
      await tx.update(PracticeStatsRecord, { userId: session.userId }, { streakDays: streakAfter(stats.streakDays, stats.lastDailyDay, session.day), lastDailyDay: session.day });
    }
    if (session.mode === 'challenge' && session.correct > stats.challengeBest) {
      await tx.update(PracticeStatsRecord, { userId: session.userId }, { challengeBest: session.correct });
    }
  }

  private async recordPoints(session: PracticeSessionRecord): Promise<void> {
    const written = await this.results.record([
      {
        source: 'practice',
        sourceId: session.id,
        userId: session.userId,
        points: session.points,
        answered: session.position,
        correct: session.correct,
        occurredAt: session.endedAt ?? Date.now(),
      },
    ]);
    if (written > 0) this.logger.debug(`recorded practice ${session.id}: ${session.points} points`);
  }

  async challengeBoard(): Promise<ChallengeLeaderboardDto> {
    const org = await this.dataSource.getRepository(OrganisationRecord).findOneBy({ id: ORG_ID });
    const offset = org?.utcOffsetMinutes ?? 480;
    const week = weekStart(localDay(Date.now(), offset), offset);
    const rows = await this.dataSource
      .getRepository(PracticeSessionRecord)
      .createQueryBuilder('s')
      .select('s.user_id', 'userId')
      .addSelect('MAX(s.correct)', 'best')
      .where("s.mode = 'challenge' AND s.ended_at >= :from", { from: week.at })
      .groupBy('s.user_id')
      .orderBy('best', 'DESC')
      .addOrderBy('s.user_id', 'ASC')
      .limit(CHALLENGE_BOARD_SIZE)
      .getRawMany<{ userId: string; best: string | number }>();
    const ids = rows.map((r) => r.userId);
    const members = ids.length ? await this.dataSource.getRepository(MemberRecord).findBy({ userId: In(ids) }) : [];
    const users = ids.length ? await this.dataSource.getRepository(User).findBy({ id: In(ids) }) : [];
    const names = new Map([...users.map((u) => [u.id, u.displayName] as const), ...members.map((m) => [m.userId, m.name] as const)]);
    let rank = 0;
    let previous = -1;
    return {
      weekOf: week.day,
      rows: rows.map((r, i) => {
        const best = Number(r.best);
        // Equal bests share a rank (1, 1, 3): the order among them is only the id.
        if (best !== previous) rank = i + 1;
        previous = best;
        return { rank, userId: r.userId, name: names.get(r.userId) ?? '', best };
      }),
    };
  }

  private async session(userId: string, id: string): Promise<PracticeSessionRecord> {
    const session = await this.dataSource.getRepository(PracticeSessionRecord).findOneBy({ id });
    // Another member's session is reported as missing, not forbidden: ids reveal nothing.
    if (!session || session.userId !== userId) throw new AppError('NOT_FOUND');
    return session;
  }

  private async view(session: PracticeSessionRecord): Promise<PracticeSessionDto> {
    let question: PracticeSessionDto['question'] = null;
    if (!session.ended) {
      const record = await this.dataSource.getRepository(QuestionRecord).findOneBy({ id: session.questionIds[session.position] });
      if (record) question = questionView(record.data);
    }
    return {
      id: session.id,
      mode: session.mode,
      category: session.category,
      difficulty: session.difficulty,
      total: session.questionIds.length,
      position: session.position,
      correct: session.correct,
      ended: session.ended,
      points: session.points,
      // Not stored, read off the counts: ended before the last question, and for a challenge
      // (which ends by itself at a wrong answer) with no wrong answer yet.
      endedEarly: session.ended && session.position < session.questionIds.length && (session.mode !== 'challenge' || session.correct === session.position),
      question,
    };
  }
}

function dailyId(userId: string, day: string): string {
  return `daily-${userId}-${day}`;
}
