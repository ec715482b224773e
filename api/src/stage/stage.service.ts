// Runs stage contests: holds each stage's engine state in memory, runs every command through
// reduce() one at a time per stage, stores the new audit entries and the snapshot before
// anyone hears of the change, turns timer effects into timeouts, broadcasts the views, and
// records the results when a stage finishes. A stage not in memory (after a restart, or a
// finished one dropped after a while) is loaded from storage on first access. With several
// nodes, a stage lives on the node holding its lease (StageRouter sends every command there);
// this service keeps the lease's rules: it acts only while the lease is fresh and lets the stage
// go when another node has it.
import { timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { StageAudience, StageBuzzResult, StageHostCommand, StageJudgeCommand, StageSummaryDto, StageView } from '@dangshi/protocol';
import { User } from '../auth/user.entity';
import { StageLeases } from '../cluster/leases';
import { AppError } from '../common/app-error';
import { BranchRecord, MemberRecord } from '../org/org.entities';
import { OrgService } from '../org/org.service';
import { ResultsService } from '../ranking/results.service';
import type { SocketUser } from '../realtime/socket-user';
import { reduce } from './engine/engine';
import type { StageCommand, StageEffect, StageState, StageStep } from './engine/types';
import { auditTables, type AuditTables } from './stage-audit-export';
import { acceptedAnswers, questionAt } from './stage-questions';
import { stageResults } from './stage-results';
import { StageSetupService, type CreateStageParsed } from './stage-setup.service';
import { fromSnapshot, toAuditRow, toSnapshot } from './stage-snapshot';
import { stageSummary, stageView, type StageMeta, type StageTeamInfo } from './stage-views';
import { StageBroadcaster } from './stage.broadcaster';
import { StageAuditRecord, StageRecord, StageTeamRecord } from './stage.entities';

/** A finished stage stays in memory this long for late viewers and exports, then reloads on demand. */
const FINISHED_RETENTION_MS = 10 * 60_000;

interface Live {
  state: StageState;
  meta: StageMeta;
  /** The answer-time deadline of the current question. */
  timer: NodeJS.Timeout | null;
  retention: NodeJS.Timeout | null;
  /** Commands of one stage run one after another: a store never interleaves with the next command. */
  chain: Promise<unknown>;
  /** How many log entries are in stage_audit already. */
  saved: number;
  /** A sudden death drew a question beyond its reserve: store the questions with the snapshot. */
  questionsChanged: boolean;
}

export interface TeamRef {
  stageId: string;
  teamId: string;
}

/** Lets through admins and hosts; a member is refused, nobody logged in is asked to log in. */
function assertStaff(user: SocketUser | undefined): asserts user is SocketUser {
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (user.role !== 'admin' && user.role !== 'host') throw new AppError('FORBIDDEN');
}

function assertOwner(meta: StageMeta, user: SocketUser | undefined): asserts user is SocketUser {
  assertStaff(user);
  if (user.role !== 'admin' && user.id !== meta.ownerId) throw new AppError('NOT_HOST');
}

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const changesStorage = (effects: StageEffect[]) => effects.some((e) => e.type === 'persistSnapshot' || e.type === 'scoreChanged');

@Injectable()
export class StageService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Stage');
  private readonly live = new Map<string, Live>();
  private readonly loading = new Map<string, Promise<Live>>();
  /** Settles when the start-up catch-up of finished stages' results is done (tests wait on it). */
  caughtUp: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly setup: StageSetupService,
    private readonly broadcaster: StageBroadcaster,
    private readonly results: ResultsService,
    private readonly org: OrgService,
    private readonly leases: StageLeases,
  ) {}

  onApplicationBootstrap(): void {
    this.leases.start((stageId) => this.drop(stageId));
    // Not awaited: the server starts at once; results missed by a crash follow shortly.
    this.caughtUp = this.catchUpResults().then(
      () => undefined,
      (error: unknown) => this.logger.error(`catching up finished stages failed: ${(error as Error).message}`),
    );
  }

  /** SIGTERM: every change is stored before it is acknowledged; wait for those in flight. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const live of this.live.values()) this.stopTimers(live);
    await Promise.all([...this.live.values()].map((l) => l.chain.catch(() => undefined)));
    await this.caughtUp;
    // Everything is stored: hand the stages over at once instead of waiting for lease expiry.
    await Promise.all([...this.live.keys()].map((id) => this.leases.release(id)));
  }

  /** Held in memory on this node (its owner, with several nodes). */
  isLive(stageId: string): boolean {
    return this.live.has(stageId);
  }

  /** Loads a stage this node has just taken the lease of (throws STAGE_NOT_FOUND). */
  async restore(stageId: string): Promise<boolean> {
    await this.get(stageId);
    return true;
  }

  /** Another node owns this stage now: stop its clock and let go of it (its data stays). */
  drop(stageId: string): void {
    const live = this.live.get(stageId);
    if (live) this.forget(live);
  }

  // ---- set-up over HTTP ------------------------------------------------------------------------

  async create(input: CreateStageParsed, owner: SocketUser): Promise<StageSummaryDto> {
    const { state, meta } = await this.setup.build(input, owner.id, Date.now());
    await this.dataSource.transaction(async (m) => {
      await m.insert(StageRecord, {
        id: state.id,
        title: meta.title,
        ownerId: owner.id,
        status: state.status,
        snapshot: toSnapshot(state),
        questions: meta.questions,
        createdAt: state.createdAt,
        endedAt: null,
      });
      await m.insert(
        StageTeamRecord,
        meta.teams.map((t) => ({ id: t.id, stageId: state.id, seat: t.seat, name: t.name, branchId: t.branchId, token: t.token, memberIds: t.memberIds })),
      );
    });
    await this.leases.acquire(state.id);
    this.register(state, meta, 0);
    return stageSummary(state.id, state, meta);
  }

  /** The caller's stages (an admin sees all), newest first. */
  async list(user: SocketUser): Promise<StageSummaryDto[]> {
    const rows = await this.dataSource.getRepository(StageRecord).find({
      select: ['id', 'title', 'ownerId', 'status', 'snapshot', 'createdAt', 'endedAt'],
      where: user.role === 'admin' ? {} : { ownerId: user.id },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    if (rows.length === 0) return [];
    const teams = await this.dataSource.getRepository(StageTeamRecord).find({ where: { stageId: In(rows.map((r) => r.id)) }, order: { seat: 'ASC' } });
    const infos = await this.teamInfos(teams);
    const byStage = new Map<string, StageTeamInfo[]>();
    teams.forEach((row, i) => byStage.set(row.stageId, [...(byStage.get(row.stageId) ?? []), infos[i]]));
    return rows.map((row) => {
      const live = this.live.get(row.id);
      if (live) return stageSummary(row.id, live.state, live.meta);
      const state = JSON.parse(row.snapshot) as StageState;
      return stageSummary(row.id, state, { title: row.title, teams: byStage.get(row.id) ?? [] });
    });
  }

  async summary(stageId: string, user: SocketUser): Promise<StageSummaryDto> {
    const live = await this.readable(stageId);
    assertOwner(live.meta, user);
    return stageSummary(stageId, live.state, live.meta);
  }

  async audit(stageId: string, user: SocketUser): Promise<{ tables: AuditTables; state: StageState }> {
    const live = await this.readable(stageId);
    assertOwner(live.meta, user);
    const { utcOffsetMinutes } = await this.org.get();
    return { tables: auditTables(live.state, live.meta, utcOffsetMinutes), state: live.state };
  }

  // ---- joining (the gateway joins the room between the check and the view) -----------------

  /** Loads the stage (or throws STAGE_NOT_FOUND). */
  async open(stageId: string): Promise<void> {
    await this.get(stageId);
  }

  async teamByToken(stageId: string, token: string): Promise<TeamRef> {
    const live = await this.get(stageId);
    const team = live.meta.teams.find((t) => sameToken(t.token, token));
    if (!team) throw new AppError('STAGE_TEAM_TOKEN');
    return { stageId, teamId: team.id };
  }

  /** Host console: the owner or an admin. Judge console: any host or admin. */
  async authoriseStaff(stageId: string, user: SocketUser | undefined, role: 'host' | 'judge'): Promise<void> {
    const live = await this.get(stageId);
    if (role === 'host') assertOwner(live.meta, user);
    else assertStaff(user);
  }

  /** The view of a loaded stage for one audience (after open/teamByToken/authoriseStaff). */
  view(stageId: string, audience: StageAudience, now: number, teamId: string | null = null): StageView {
    const live = this.live.get(stageId);
    if (!live) throw new AppError('STAGE_NOT_FOUND');
    return stageView(live.state, live.meta, audience, now, teamId);
  }

  // ---- commands ----------------------------------------------------------------------------

  async host(user: SocketUser | undefined, input: StageHostCommand, now: number): Promise<StageView> {
    assertStaff(user);
    await this.execute(input.stageId, now, (live) => {
      assertOwner(live.meta, user);
      switch (input.action) {
        case 'next':
        case 'openBuzz':
        case 'openAnswers':
          return { type: input.action };
        case 'pickRisk':
          return { type: 'pickRisk', teamId: input.teamId, value: input.value };
        case 'autoJudge': {
          const q = live.state.question;
          const drawn = q ? questionAt(live.meta.questions, q.round, q.question) : null;
          return { type: 'autoJudge', accepted: drawn ? acceptedAnswers(drawn.question) : [] };
        }
      }
    });
    return this.view(input.stageId, 'host', now);
  }

  /** The judge is always the session's user: a payload cannot speak for another judge. */
  async judge(user: SocketUser | undefined, input: StageJudgeCommand, now: number): Promise<StageView> {
    assertStaff(user);
    await this.execute(input.stageId, now, (live) => {
      // A finished stage's results are in the rankings: its log is closed.
      if (live.state.status === 'finished') throw new AppError('STAGE_WRONG_PHASE');
      live.meta.judges.set(user.id, user.displayName);
      switch (input.action) {
        case 'mark':
          return { type: 'mark', judgeId: user.id, teamId: input.teamId, right: input.right };
        case 'adjust':
          return { type: 'adjust', judgeId: user.id, teamId: input.teamId, delta: input.delta, reason: input.reason };
        case 'undo':
          return { type: 'undo', judgeId: user.id, reason: input.reason };
      }
    });
    return this.view(input.stageId, 'judge', now);
  }

  async buzz(team: TeamRef, now: number): Promise<StageBuzzResult> {
    const { reply } = await this.execute(team.stageId, now, () => ({ type: 'buzz', teamId: team.teamId }));
    // A buzz the engine accepts always says what it was (false start, first, simultaneous).
    if (!reply.ok || !reply.data) throw new AppError('INTERNAL');
    return reply.data;
  }

  async pickRisk(team: TeamRef, value: number, now: number): Promise<StageView> {
    await this.execute(team.stageId, now, () => ({ type: 'pickRisk', teamId: team.teamId, value }));
    return this.view(team.stageId, 'team', now, team.teamId);
  }

  async submit(team: TeamRef, answer: string, now: number): Promise<StageView> {
    await this.execute(team.stageId, now, () => ({ type: 'submit', teamId: team.teamId, answer }));
    return this.view(team.stageId, 'team', now, team.teamId);
  }

  /** For tests: the live state of a stage in memory. */
  peek(stageId: string): StageState | undefined {
    return this.live.get(stageId)?.state;
  }

  /**
   * Runs one command in the stage's queue. `now` is the arrival time the handler took before
   * anything else; `build` runs inside the queue (authorisation and the command see the state
   * as it is when the command's turn comes). A refusal throws the engine's code.
   */
  private async execute(stageId: string, now: number, build: (live: Live) => StageCommand): Promise<StageStep> {
    const live = await this.get(stageId);
    const run = live.chain.then(async () => {
      if (this.live.get(stageId) !== live) throw new AppError('INTERNAL', 'the stage was reloaded; try again');
      const step = reduce(live.state, build(live), now);
      if (!step.reply.ok) throw new AppError(step.reply.code);
      await this.apply(live, step.effects);
      return step;
    });
    live.chain = run.catch(() => undefined);
    return run;
  }

  private async apply(live: Live, effects: StageEffect[]): Promise<void> {
    await this.ensureQuestion(live);
    if (changesStorage(effects) || live.questionsChanged) {
      try {
        await this.store(live);
      } catch (error) {
        // Memory is ahead of storage: forget it, so the next access reloads what is stored.
        this.logger.error(`storing stage ${live.state.id} failed: ${(error as Error).stack ?? String(error)}`);
        this.forget(live);
        throw new AppError('INTERNAL');
      }
    }
    for (const effect of effects) {
      if (effect.type === 'cancel') this.clearDeadline(live);
      if (effect.type === 'schedule') this.scheduleDeadline(live, effect.at, effect.command);
    }
    if (effects.some((e) => e.type === 'finished')) {
      await this.recordResults(live).catch((error: unknown) =>
        this.logger.error(`recording results of stage ${live.state.id} failed: ${(error as Error).message}`),
      );
      this.retain(live);
    }
    if (effects.some((e) => e.type === 'viewChanged')) this.broadcaster.publish(live.state, live.meta, Date.now());
  }

  /** A sudden death that outlasts its reserve gets one more bank question. */
  private async ensureQuestion(live: Live): Promise<void> {
    const q = live.state.question;
    if (!q || questionAt(live.meta.questions, q.round, q.question)) return;
    const round = live.meta.questions[q.round];
    while (round.length <= q.question) round.push(await this.setup.extraQuestion(live.meta.questions, q.round));
    live.questionsChanged = true;
  }

  /** The new audit entries and the snapshot, in one transaction. */
  private async store(live: Live): Promise<void> {
    const { state } = live;
    const fresh = state.log.slice(live.saved);
    await this.dataSource.transaction(async (m) => {
      if (fresh.length) await m.insert(StageAuditRecord, fresh.map((e) => toAuditRow(state.id, e)));
      await m.update(
        StageRecord,
        { id: state.id },
        { status: state.status, snapshot: toSnapshot(state), endedAt: state.endedAt, ...(live.questionsChanged ? { questions: live.meta.questions } : {}) },
      );
    });
    live.saved = state.log.length;
    live.questionsChanged = false;
  }

  private scheduleDeadline(live: Live, at: number, command: StageCommand): void {
    this.clearDeadline(live);
    live.timer = setTimeout(() => {
      live.timer = null;
      // Self-fencing: a node that cannot renew its lease does not move the stage on; it tries
      // again shortly (Redis back) or loses the stage to a node that can.
      if (!this.leases.isFresh(live.state.id)) {
        this.scheduleDeadline(live, Date.now() + 500, command);
        return;
      }
      this.execute(live.state.id, Date.now(), () => command).catch((error: unknown) => {
        if (!(error instanceof AppError)) this.logger.error(`deadline of stage ${live.state.id}: ${(error as Error).message}`);
      });
    }, Math.max(0, at - Date.now()));
  }

  private clearDeadline(live: Live): void {
    if (live.timer) clearTimeout(live.timer);
    live.timer = null;
  }

  private stopTimers(live: Live): void {
    this.clearDeadline(live);
    if (live.retention) clearTimeout(live.retention);
    live.retention = null;
  }

  /** A finished stage leaves memory after a while; it reloads from storage when asked for. */
  private retain(live: Live): void {
    if (live.retention) clearTimeout(live.retention);
    live.retention = setTimeout(() => this.forget(live), FINISHED_RETENTION_MS);
    live.retention.unref();
  }

  private forget(live: Live): void {
    this.stopTimers(live);
    if (this.live.get(live.state.id) === live) {
      this.live.delete(live.state.id);
      this.leases.forget(live.state.id);
    }
  }

  // ---- loading -------------------------------------------------------------------------------

  private register(state: StageState, meta: StageMeta, saved: number): Live {
    const live: Live = { state, meta, timer: null, retention: null, chain: Promise.resolve(), saved, questionsChanged: false };
    this.live.set(state.id, live);
    return live;
  }

  private async get(stageId: string): Promise<Live> {
    const live = this.live.get(stageId);
    if (live) return live;
    let loading = this.loading.get(stageId);
    if (!loading) {
      loading = this.load(stageId).finally(() => this.loading.delete(stageId));
      this.loading.set(stageId, loading);
    }
    return loading;
  }

  /**
   * A stage for reading over HTTP: the one in memory, else (several nodes) what is stored —
   * every change is stored before anyone hears of it — without loading it here, so only its
   * owner ever runs it.
   */
  private async readable(stageId: string): Promise<Pick<Live, 'state' | 'meta'>> {
    const live = this.live.get(stageId);
    if (live) return live;
    if (this.leases.clustered) return this.read(stageId);
    return this.get(stageId);
  }

  private async load(stageId: string): Promise<Live> {
    const { state, meta, saved } = await this.read(stageId);
    const live = this.register(state, meta, saved);
    const q = state.question;
    // The answer time goes on where it was; one that ended while the server was down ends now.
    if (state.status === 'running' && q?.status === 'open' && q.deadline !== null) {
      this.scheduleDeadline(live, q.deadline, { type: 'deadline', round: q.round, question: q.question });
    }
    if (state.status === 'finished') this.retain(live);
    // A node taking over from one that died: devices on every node see the stored state at once.
    this.broadcaster.publish(state, meta, Date.now());
    return live;
  }

  private async read(stageId: string): Promise<{ state: StageState; meta: StageMeta; saved: number }> {
    const row = await this.dataSource.getRepository(StageRecord).findOneBy({ id: stageId });
    if (!row) throw new AppError('STAGE_NOT_FOUND');
    const [teams, audit] = await Promise.all([
      this.dataSource.getRepository(StageTeamRecord).find({ where: { stageId }, order: { seat: 'ASC' } }),
      this.dataSource.getRepository(StageAuditRecord).find({ where: { stageId }, order: { seq: 'ASC' } }),
    ]);
    const state = fromSnapshot(row.snapshot, audit);
    const meta: StageMeta = {
      title: row.title,
      ownerId: row.ownerId,
      teams: await this.teamInfos(teams),
      questions: row.questions,
      judges: await this.judgeNames(state),
    };
    return { state, meta, saved: audit.length };
  }

  private async teamInfos(rows: StageTeamRecord[]): Promise<StageTeamInfo[]> {
    const branchIds = [...new Set(rows.flatMap((r) => (r.branchId ? [r.branchId] : [])))];
    const branches = new Map((branchIds.length ? await this.dataSource.getRepository(BranchRecord).findBy({ id: In(branchIds) }) : []).map((b) => [b.id, b.name]));
    return rows.map((r) => ({
      id: r.id,
      seat: r.seat,
      name: r.name,
      branchId: r.branchId,
      branchName: r.branchId ? (branches.get(r.branchId) ?? null) : null,
      token: r.token,
      memberIds: r.memberIds,
    }));
  }

  private async judgeNames(state: StageState): Promise<Map<string, string>> {
    const ids = [...new Set(state.log.map((e) => e.by).filter((by) => by !== 'engine'))];
    if (ids.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ select: ['id', 'displayName'], where: { id: In(ids) } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  // ---- results -------------------------------------------------------------------------------

  /** Each member of a team gets the team's final score (teams without members record nothing). */
  private async recordResults(live: Pick<Live, 'state' | 'meta'>): Promise<number> {
    const memberIds = [...new Set(live.meta.teams.flatMap((t) => t.memberIds))];
    if (memberIds.length === 0) return 0;
    const members = await this.dataSource.getRepository(MemberRecord).findBy({ id: In(memberIds) });
    const userOf = new Map(members.map((m) => [m.id, m.userId]));
    const players = new Map(live.meta.teams.map((t) => [t.id, t.memberIds.flatMap((id) => (userOf.has(id) ? [userOf.get(id)!] : []))]));
    const written = await this.results.record(stageResults(live.state, players), { membersOnly: true });
    if (written > 0) this.logger.log(`recorded ${written} results of stage ${live.state.id}`);
    return written;
  }

  /** Finished stages with players and no results yet (a crash between the two): recorded now. */
  private async catchUpResults(): Promise<void> {
    const pending: { id: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .from(StageRecord, 's')
      .where("s.status = 'finished'")
      .andWhere("EXISTS (SELECT 1 FROM stage_teams t WHERE t.stage_id = s.id AND t.member_ids <> '[]')")
      .andWhere("NOT EXISTS (SELECT 1 FROM results r WHERE r.source = 'stage' AND r.source_id = s.id)")
      .getRawMany();
    for (const { id } of pending) await this.recordResults(await this.readable(id));
  }
}
