// Questions and sets in the database: search, versioned edits, and the selection a contest or a
// practice session draws its questions from.
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { In, type DataSource, type Repository } from 'typeorm';
import type { CategoryCount, Page, QuestionDto, QuestionSearch, QuestionSetDto } from '@dangshi/protocol';
import { questionSchema, type Question } from '@dangshi/question-bank';
import { AppError } from '../common/app-error';
import { QuestionRecord, QuestionSetRecord, QuestionVersionRecord } from './bank.entities';
import { questionRow } from './question-row';

export interface VersionedQuestion {
  question: Question;
  version: number;
}

export interface RandomRule {
  count: number;
  categories?: string[];
  difficulty?: number[];
}

export interface Selection {
  questionIds?: string[];
  setId?: string;
  random?: RandomRule;
}

/** LIKE pattern for a user's text, with % and _ taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function toQuestionDto(row: QuestionRecord): QuestionDto {
  return { ...(row.data as QuestionDto), version: row.version, origin: row.origin, locallyEdited: row.locallyEdited, updatedAt: row.updatedAt };
}

@Injectable()
export class BankService {
  constructor(
    @InjectRepository(QuestionRecord) private readonly questions: Repository<QuestionRecord>,
    @InjectRepository(QuestionSetRecord) private readonly sets: Repository<QuestionSetRecord>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async search(query: QuestionSearch & { page: number; pageSize: number }): Promise<Page<QuestionDto>> {
    const qb = this.questions.createQueryBuilder('q');
    // An id is matched too: reviewers paste ids from 纠错 reports and import results.
    if (query.q) qb.andWhere("(q.stem LIKE :text ESCAPE '\\' OR q.id LIKE :text ESCAPE '\\')", { text: likePattern(query.q) });
    if (query.category) qb.andWhere('q.category = :category', { category: query.category });
    if (query.type) qb.andWhere('q.type = :type', { type: query.type });
    if (query.difficulty) qb.andWhere('q.difficulty = :difficulty', { difficulty: query.difficulty });
    if (query.status) qb.andWhere('q.status = :status', { status: query.status });
    else qb.andWhere("q.status <> 'retired'");
    if (query.tag) qb.andWhere("q.tags LIKE :tag ESCAPE '\\'", { tag: likePattern(`|${query.tag}|`) });
    qb.orderBy('q.category', 'ASC').addOrderBy('q.id', 'ASC');
    const [rows, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items: rows.map(toQuestionDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<QuestionRecord> {
    const row = await this.questions.findOneBy({ id });
    if (!row) throw new AppError('QUESTION_NOT_FOUND');
    return row;
  }

  async categories(): Promise<CategoryCount[]> {
    const rows = await this.questions
      .createQueryBuilder('q')
      .select('q.category', 'category')
      .addSelect('COUNT(*)', 'count')
      .where("q.status <> 'retired'")
      .groupBy('q.category')
      .orderBy('q.category')
      .getRawMany<{ category: string; count: string | number }>();
    return rows.map((r) => ({ category: r.category, count: Number(r.count) }));
  }

  async versions(id: string): Promise<{ version: number; data: Question; createdAt: number; note: string | null }[]> {
    await this.get(id);
    const rows = await this.dataSource.getRepository(QuestionVersionRecord).find({ where: { questionId: id }, order: { version: 'DESC' } });
    return rows.map((r) => ({ version: r.version, data: r.data, createdAt: r.createdAt, note: r.note }));
  }

  /** Creates an organisation's question (id taken from the input or made from a prefix). */
  async create(input: unknown, userId: string): Promise<QuestionDto> {
    const question = this.parse(input);
    if (await this.questions.existsBy({ id: question.id })) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'id', message: `id ${question.id} exists` }]);
    }
    return this.dataSource.transaction(async (tx) => {
      const now = Date.now();
      const row = await tx.save(QuestionRecord, this.record(question, 1, 'org', now, now));
      await tx.insert(QuestionVersionRecord, { questionId: question.id, version: 1, data: question, changedBy: userId, note: 'created', createdAt: now });
      return toQuestionDto(row);
    });
  }

  /** Every edit is a new version; results keep the version that was asked. */
  async update(id: string, input: unknown, userId: string, note: string | null = null): Promise<QuestionDto> {
    const current = await this.get(id);
    const question = this.parse({ ...(input as object), id });
    return this.dataSource.transaction(async (tx) => {
      const now = Date.now();
      const version = current.version + 1;
      const row = this.record(question, version, current.origin, current.createdAt, now);
      row.shippedHash = current.shippedHash;
      row.locallyEdited = current.origin === 'shipped' ? true : current.locallyEdited;
      await tx.save(QuestionRecord, row);
      await tx.insert(QuestionVersionRecord, { questionId: id, version, data: question, changedBy: userId, note: note ?? 'edited', createdAt: now });
      return toQuestionDto(row);
    });
  }

  async setStatus(id: string, status: Question['status'], userId: string): Promise<QuestionDto> {
    const current = await this.get(id);
    return this.update(id, { ...current.data, status }, userId, status === 'retired' ? 'retired' : `status ${status}`);
  }

  async listSets(): Promise<QuestionSetDto[]> {
    const sets = await this.sets.find({ order: { origin: 'DESC', title: 'ASC' } });
    const out: QuestionSetDto[] = [];
    for (const set of sets) {
      out.push({
        id: set.id,
        title: set.title,
        description: set.description,
        origin: set.origin,
        kind: set.kind,
        questionCount: await this.setSize(set),
      });
    }
    return out;
  }

  /** A manual set (an ordered list of questions) or a random one (a draw rule applied at each use). */
  async createSet(
    input: { title: string; description?: string; questionIds?: string[]; random?: RandomRule },
    userId: string,
  ): Promise<QuestionSetDto> {
    if (input.questionIds) {
      const found = await this.questions.countBy({ id: In(input.questionIds) });
      if (found !== new Set(input.questionIds).size) throw new AppError('QUESTION_NOT_FOUND');
    }
    const now = Date.now();
    const set = this.sets.create({
      id: `set-${now.toString(36)}`,
      title: input.title,
      description: input.description ?? '',
      origin: 'org',
      kind: input.random ? 'random' : 'manual',
      questionIds: input.questionIds ?? [],
      rule: input.random ?? {},
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    });
    await this.sets.insert(set);
    return { id: set.id, title: set.title, description: set.description, origin: 'org', kind: set.kind, questionCount: await this.setSize(set) };
  }

  /** The questions a contest or practice uses, with the version current now. */
  async select(selection: Selection, random: () => number): Promise<VersionedQuestion[]> {
    let ids: string[];
    if (selection.questionIds) ids = selection.questionIds;
    else if (selection.setId) {
      const set = await this.sets.findOneBy({ id: selection.setId });
      if (!set) throw new AppError('NOT_FOUND');
      ids = set.kind === 'random' ? await this.draw(set.rule as RandomRule, random) : await this.setQuestionIds(set);
    } else if (selection.random) {
      ids = await this.draw(selection.random, random);
    } else ids = [];
    if (ids.length === 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'questions', message: 'no questions selected' }]);
    const rows = await this.questions.findBy({ id: In(ids) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.filter((id) => !byId.has(id) || byId.get(id)!.status === 'retired');
    if (missing.length) {
      throw new AppError('QUESTION_NOT_FOUND', undefined, missing.slice(0, 20).map((id) => ({ path: 'questionIds', message: id })));
    }
    return ids.map((id) => ({ question: byId.get(id)!.data, version: byId.get(id)!.version }));
  }

  /** `count` questions drawn uniformly from the non-retired ones matching the rule. */
  private async draw(rule: RandomRule, random: () => number): Promise<string[]> {
    const pool = await this.poolIds(rule);
    // Partial Fisher–Yates: the first `count` of a uniform shuffle.
    for (let i = 0; i < Math.min(rule.count, pool.length); i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, rule.count);
  }

  private async poolIds(rule: RandomRule): Promise<string[]> {
    const qb = this.questions.createQueryBuilder('q').select('q.id', 'id').where("q.status <> 'retired'");
    if (rule.categories?.length) qb.andWhere('q.category IN (:...categories)', { categories: rule.categories });
    if (rule.difficulty?.length) qb.andWhere('q.difficulty IN (:...difficulty)', { difficulty: rule.difficulty });
    return (await qb.orderBy('q.id').getRawMany<{ id: string }>()).map((r) => r.id);
  }

  /** How many questions one use of the set gives. */
  private async setSize(set: QuestionSetRecord): Promise<number> {
    if (set.kind === 'random') return Math.min((set.rule as RandomRule).count, (await this.poolIds(set.rule as RandomRule)).length);
    return (await this.setQuestionIds(set)).length;
  }

  private async setQuestionIds(set: QuestionSetRecord): Promise<string[]> {
    if (set.kind === 'manual') return set.questionIds;
    const qb = this.questions.createQueryBuilder('q').select('q.id', 'id').where("q.status <> 'retired'");
    const tags = set.rule.tags ?? [];
    if (tags.length) {
      qb.andWhere(
        `(${tags.map((_, i) => `q.tags LIKE :tag${i} ESCAPE '\\'`).join(' OR ')})`,
        Object.fromEntries(tags.map((t, i) => [`tag${i}`, likePattern(`|${t}|`)])),
      );
    }
    return (await qb.orderBy('q.category').addOrderBy('q.id').getRawMany<{ id: string }>()).map((r) => r.id);
  }

  private parse(input: unknown): Question {
    const parsed = questionSchema.safeParse(input);
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION_FAILED',
        undefined,
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return parsed.data;
  }

  private record(q: Question, version: number, origin: 'shipped' | 'org', createdAt: number, updatedAt: number): QuestionRecord {
    return this.questions.create(questionRow(q, version, origin, createdAt, updatedAt));
  }
}
