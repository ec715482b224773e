// Setting a stage up: checks the teams (branches and members exist, a member plays for one team
// only), draws the questions of every round from the bank, and builds the first engine state.
// Nothing is stored here; StageService stores and runs what this returns.
import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { createStageInputSchema, StagePlayerDto } from '@dangshi/protocol';
import type { z } from 'zod';
import { AppError } from '../common/app-error';
import { BankService, type VersionedQuestion } from '../bank/bank.service';
import { BranchRecord, MemberRecord } from '../org/org.entities';
import { createStageState } from './engine/setup';
import type { StageState } from './engine/types';
import { questionsNeeded, splitIntoRounds, TIEBREAK_RESERVE, type StageQuestion, type StageQuestions } from './stage-questions';
import type { StageMeta, StageTeamInfo } from './stage-views';

export type CreateStageParsed = z.output<typeof createStageInputSchema>;

/** A team device's secret: 18 random bytes, 24 characters of base64url. */
export const newTeamToken = () => randomBytes(18).toString('base64url');

const notEnough = () => new AppError('STAGE_NOT_ENOUGH_QUESTIONS');

@Injectable()
export class StageSetupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bank: BankService,
  ) {}

  /** A branch's active members by name: who a host may put in the branch's team. */
  async players(branchId: string): Promise<StagePlayerDto[]> {
    const rows = await this.dataSource.getRepository(MemberRecord).find({ where: { branchId, active: true }, select: { id: true, name: true } });
    // By pinyin, as a roster is read: the databases' own orders differ (code points, collations).
    const byName = new Intl.Collator('zh-CN');
    return rows.map((m) => ({ id: m.id, name: m.name })).sort((a, b) => byName.compare(a.name, b.name));
  }

  async build(input: CreateStageParsed, ownerId: string, now: number): Promise<{ state: StageState; meta: StageMeta }> {
    const teams = await this.checkTeams(input.teams);
    const questions = await this.draw(input);
    let state: StageState;
    try {
      state = createStageState({
        id: randomUUID(),
        teams: teams.map((t) => ({ id: t.id, name: t.name, ...(t.branchId ? { branch: t.branchId } : {}) })),
        rounds: input.rounds,
        now,
      });
    } catch (error) {
      // The zod schema admits only programmes the engine runs; this is the engine's own guard.
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'rounds', message: (error as Error).message }]);
    }
    return { state, meta: { title: input.title, ownerId, teams, questions, judges: new Map() } };
  }

  private async checkTeams(input: CreateStageParsed['teams']): Promise<StageTeamInfo[]> {
    const names = input.map((t) => t.name);
    const repeated = names.findIndex((n, i) => names.indexOf(n) !== i);
    if (repeated >= 0) throw new AppError('VALIDATION_FAILED', undefined, [{ path: `teams.${repeated}.name`, message: 'two teams have the same name' }]);

    const branchIds = [...new Set(input.flatMap((t) => (t.branchId ? [t.branchId] : [])))];
    const branches = new Map((branchIds.length ? await this.dataSource.getRepository(BranchRecord).findBy({ id: In(branchIds) }) : []).map((b) => [b.id, b]));
    for (const id of branchIds) {
      if (!branches.has(id)) throw new AppError('BRANCH_NOT_FOUND');
      if (!branches.get(id)!.active) throw new AppError('BRANCH_INACTIVE');
    }

    const seen = new Set<string>();
    input.forEach((t, i) => {
      for (const id of t.memberIds) {
        // A member has one result per stage: one team only.
        if (seen.has(id)) throw new AppError('VALIDATION_FAILED', undefined, [{ path: `teams.${i}.memberIds`, message: 'a member plays for one team only' }]);
        seen.add(id);
      }
    });
    const memberIds = [...seen];
    const members = new Map((memberIds.length ? await this.dataSource.getRepository(MemberRecord).findBy({ id: In(memberIds) }) : []).map((m) => [m.id, m]));
    for (const id of memberIds) {
      if (!members.has(id)) throw new AppError('MEMBER_NOT_FOUND');
      if (!members.get(id)!.active) throw new AppError('MEMBER_INACTIVE');
    }

    return input.map((t, seat) => ({
      id: randomUUID(),
      seat,
      name: t.name,
      branchId: t.branchId ?? null,
      branchName: t.branchId ? branches.get(t.branchId)!.name : null,
      token: newTeamToken(),
      memberIds: [...t.memberIds],
    }));
  }

  /**
   * A question set's questions in order for the rounds; without a set, a random draw from the
   * categories (all when none are given). A tiebreak's reserve comes after the set's questions
   * used by the rounds, topped up from the bank when the set runs short.
   */
  private async draw(input: CreateStageParsed): Promise<StageQuestions> {
    const needed = questionsNeeded(input.rounds);
    const regularCount = input.rounds.reduce((sum, r, i) => sum + (r.type === 'tiebreak' ? 0 : needed[i]), 0);
    const reserveCount = needed.reduce((a, b) => a + b, 0) - regularCount;
    let regular: VersionedQuestion[];
    let reserve: VersionedQuestion[];
    if (input.source.setId) {
      const set = await this.bank.select({ setId: input.source.setId }, Math.random).catch(emptyToNotEnough);
      if (set.length < regularCount) throw notEnough();
      regular = set.slice(0, regularCount);
      reserve = set.slice(regularCount, regularCount + reserveCount);
      if (reserve.length < reserveCount) {
        const used = new Set(set.map((q) => q.question.id));
        const categories = [...new Set(set.map((q) => q.question.category))];
        reserve.push(...(await this.drawFresh(categories, reserveCount - reserve.length, used)));
      }
    } else {
      const total = regularCount + reserveCount;
      const drawn = await this.bank.select({ random: { count: total, categories: input.source.categories } }, Math.random).catch(emptyToNotEnough);
      regular = drawn.slice(0, regularCount);
      reserve = drawn.slice(regularCount);
    }
    if (regular.length < regularCount || reserve.length < reserveCount) throw notEnough();

    // Regular rounds take from `regular` and tiebreaks from `reserve`, each in programme order.
    const ordered: StageQuestion[] = [];
    let r = 0;
    let t = 0;
    input.rounds.forEach((round, i) => {
      const from = round.type === 'tiebreak' ? reserve.slice(t, (t += needed[i])) : regular.slice(r, (r += needed[i]));
      ordered.push(...from);
    });
    return splitIntoRounds(ordered, needed);
  }

  /** `count` random questions of these categories that are not in `exclude` (fewer if the bank has no more). */
  async drawFresh(categories: string[], count: number, exclude: ReadonlySet<string>): Promise<StageQuestion[]> {
    const drawn = await this.bank.select({ random: { count: count + exclude.size, categories } }, Math.random).catch(() => []);
    return drawn.filter((q) => !exclude.has(q.question.id)).slice(0, count);
  }

  /**
   * One more question for a sudden death that outlasted its reserve: from the categories the
   * stage already uses, then from the whole bank; a bank with nothing left repeats the reserve.
   */
  async extraQuestion(questions: StageQuestions, round: number): Promise<StageQuestion> {
    const used = new Set(questions.flat().map((q) => q.question.id));
    const categories = [...new Set(questions.flat().map((q) => q.question.category))];
    const [fresh] = await this.drawFresh(categories, 1, used);
    if (fresh) return fresh;
    const [any] = await this.drawFresh([], 1, used);
    if (any) return any;
    // Cycles through the round's first five: own[5] repeats own[0], own[6] repeats own[1]…
    const own = questions[round];
    return own[own.length % TIEBREAK_RESERVE] ?? questions.flat()[0];
  }
}

/** The bank refuses a selection with no question at all; for a stage that is "not enough". */
function emptyToNotEnough(error: unknown): never {
  if (error instanceof AppError && error.code === 'VALIDATION_FAILED') throw notEnough();
  throw error;
}
