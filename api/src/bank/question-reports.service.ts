// The 纠错 queue: members report an error in a question (no login needed, rate-limited per
// address); a host or admin reviews each and records what was done. Retiring through a report
// retires the question itself as a new version, so contests stop drawing it.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, type DataSource, type Repository } from 'typeorm';
import type { ErrorReportInput, Page, QuestionReportDto, ReportListQuery, ReportResolveInput, ReportStatus } from '@dangshi/protocol';
import { User } from '../auth/user.entity';
import { AppError } from '../common/app-error';
import { QuestionRecord } from './bank.entities';
import { BankService } from './bank.service';
import { QuestionReportRecord } from './question-report.entity';
import { ReportRateLimit } from './report-rate-limit';

export interface Reporter {
  userId: string | null;
  ip: string | null;
}

@Injectable()
export class QuestionReportsService {
  constructor(
    @InjectRepository(QuestionReportRecord) private readonly reports: Repository<QuestionReportRecord>,
    @InjectRepository(QuestionRecord) private readonly questions: Repository<QuestionRecord>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bank: BankService,
    private readonly limit: ReportRateLimit,
  ) {}

  async create(input: ErrorReportInput, reporter: Reporter): Promise<{ id: string }> {
    this.limit.take(reporter.ip ?? 'unknown');
    const question = await this.questions.findOne({ where: { id: input.questionId }, select: ['id', 'version'] });
    if (!question) throw new AppError('QUESTION_NOT_FOUND');
    const id = randomUUID();
    await this.reports.insert({
      id,
      questionId: question.id,
      questionVersion: input.questionVersion ?? question.version,
      reason: input.reason,
      context: input.context || null,
      reporterUserId: reporter.userId,
      reporterIp: reporter.ip?.slice(0, 64) ?? null,
      status: 'open',
      resolution: null,
      resolvedBy: null,
      createdAt: Date.now(),
      resolvedAt: null,
    });
    return { id };
  }

  async list(query: ReportListQuery & { page: number; pageSize: number }): Promise<Page<QuestionReportDto>> {
    const [rows, total] = await this.reports.findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: await this.toDtos(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async resolve(id: string, input: ReportResolveInput, userId: string): Promise<QuestionReportDto> {
    const report = await this.reports.findOneBy({ id });
    if (!report) throw new AppError('NOT_FOUND');
    if (report.status !== 'open') {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'status', message: `report already ${report.status}` }]);
    }
    const now = Date.now();
    const resolution = { resolution: input.note || null, resolvedBy: userId, resolvedAt: now };
    if (input.action === 'retired') {
      const question = await this.questions.findOne({ where: { id: report.questionId }, select: ['id', 'status'] });
      if (!question) throw new AppError('QUESTION_NOT_FOUND');
      if (question.status !== 'retired') await this.bank.setStatus(question.id, 'retired', userId);
      // Other open reports on a retired question are moot: close them with the same decision.
      await this.reports.update({ questionId: report.questionId, status: 'open' }, { status: 'retired', ...resolution });
    } else {
      await this.reports.update({ id, status: 'open' }, { status: input.action as ReportStatus, ...resolution });
    }
    const [dto] = await this.toDtos([await this.reports.findOneByOrFail({ id })]);
    return dto;
  }

  private async toDtos(rows: QuestionReportRecord[]): Promise<QuestionReportDto[]> {
    const questionIds = [...new Set(rows.map((r) => r.questionId))];
    const userIds = [...new Set(rows.map((r) => r.reporterUserId).filter((u): u is string => u !== null))];
    const questions = questionIds.length
      ? await this.questions.find({ where: { id: In(questionIds) }, select: ['id', 'stem', 'status', 'version'] })
      : [];
    const users = userIds.length
      ? await this.dataSource.getRepository(User).find({ where: { id: In(userIds) }, select: ['id', 'displayName'] })
      : [];
    const questionById = new Map(questions.map((q) => [q.id, q]));
    const nameById = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r) => {
      const q = questionById.get(r.questionId);
      return {
        id: r.id,
        questionId: r.questionId,
        questionVersion: r.questionVersion,
        reason: r.reason,
        context: r.context,
        reporter: r.reporterUserId ? (nameById.get(r.reporterUserId) ?? null) : null,
        status: r.status,
        createdAt: r.createdAt,
        resolvedAt: r.resolvedAt,
        resolution: r.resolution,
        questionStem: q?.stem ?? null,
        questionStatus: q?.status ?? null,
        questionCurrentVersion: q?.version ?? null,
      };
    });
  }
}
