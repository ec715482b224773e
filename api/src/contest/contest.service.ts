// Runs live contests: keeps each running contest's engine state in memory, turns engine effects
// into timers, broadcasts and database writes, and restores running contests after a restart.
// It never touches a socket (ContestBroadcaster does) and holds no game rule (the engine does).
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Not, type DataSource, type Repository } from 'typeorm';
import {
  createContestInputSchema,
  type AnswerInput,
  type AnswerReceipt,
  type ContestLookup,
  type ContestSummary,
  type HostAction,
  type HostWatchResult,
  type JoinInput,
  type JoinResult,
} from '@dangshi/protocol';
import type { z } from 'zod';
import { AppError } from '../common/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { BankService } from '../bank/bank.service';
import { Metrics } from '../metrics/metrics';
import { ContestLeases } from '../cluster/leases';
import { BatchWriter } from './batch-writer';
import { ContestBroadcaster } from './contest.broadcaster';
import { ContestEvents } from './contest.events';
import { ContestAnswerRecord, ContestPlayerRecord, ContestRecord } from './contest.entities';
import { LOCK_TO_REVEAL_MS, reduce } from './engine/engine';
import { createContestState } from './engine/setup';
import type { Command, ContestState, Effect, StoredAnswer, TimerKey } from './engine/types';
import { contestView, lobbyView, playerView } from './engine/views';
import { fromSnapshot, toSnapshot } from './snapshot';

/** An ended contest stays in memory this long for late viewers and exports. */
const ENDED_RETENTION_MS = 10 * 60_000;

export interface Viewer {
  id: string;
  role: 'admin' | 'host' | 'member';
  displayName: string;
}

export interface PlayerRef {
  contestId: string;
  playerId: string;
}

interface Running {
  state: ContestState;
  timers: Map<TimerKey, NodeJS.Timeout>;
  /** Snapshot writes of one contest happen in order. */
  writes: Promise<void>;
  snapshotSeq: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class ContestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Contest');
  private readonly running = new Map<string, Running>();
  private readonly byPin = new Map<string, string>();
  private readonly tokens = new Map<string, PlayerRef>();
  private readonly writer: BatchWriter<ContestAnswerRecord>;
  private readonly playerWriter: BatchWriter<ContestPlayerRecord>;
  private shuttingDown = false;
  private slowestRevealMs = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ContestRecord) private readonly contests: Repository<ContestRecord>,
    @InjectRepository(ContestPlayerRecord) private readonly players: Repository<ContestPlayerRecord>,
    @InjectRepository(ContestAnswerRecord) private readonly answers: Repository<ContestAnswerRecord>,
    private readonly bank: BankService,
    private readonly broadcaster: ContestBroadcaster,
    private readonly events: ContestEvents,
    private readonly leases: ContestLeases,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.writer = new BatchWriter(dataSource, ContestAnswerRecord, 'AnswerWriter');
    this.playerWriter = new BatchWriter(dataSource, ContestPlayerRecord, 'PlayerWriter');
  }

  /**
   * Contests that were running when the process stopped carry on where they were. With several
   * nodes, each takes only the contests whose lease it wins; the others are picked up by the
   * router's sweep wherever their owner has gone.
   */
  async onApplicationBootstrap(): Promise<void> {
    this.leases.start((contestId) => this.drop(contestId));
    const rows = await this.contests.find({ where: { phase: Not('ended') }, select: ['id'] });
    let restored = 0;
    for (const row of rows) {
      if (!(await this.leases.acquire(row.id))) continue;
      await this.restoreOne(row.id);
      restored += 1;
    }
    if (restored) this.logger.log(`restored ${restored} running contest(s)`);
  }

  /** Loads one contest from its snapshot and stored answers (after a restart or a failover). */
  async restoreOne(contestId: string): Promise<boolean> {
    if (this.running.has(contestId)) return true;
    const row = await this.contests.findOneBy({ id: contestId });
    if (!row || row.phase === 'ended') return false;
    const [players, answers] = await Promise.all([
      this.players.findBy({ contestId }),
      this.answers.find({ where: { contestId }, order: { questionIndex: 'ASC', receivedAt: 'ASC' } }),
    ]);
    if (this.running.has(contestId)) return true;
    const state = fromSnapshot(row.snapshot, players, answers);
    const run = this.register(state, row.snapshotSeq);
    for (const p of players) this.tokens.set(p.tokenHash, { contestId, playerId: p.playerId });
    // Phones still connected (to this or another node) are present: a question must wait for
    // their answers, not lock as soon as those who reconnected have answered.
    for (const playerId of await this.broadcaster.presentPlayers(contestId)) {
      this.dispatch(run, { type: 'connection', playerId, connected: true }, Date.now());
    }
    this.resumeTimers(run, Date.now());
    // Phones connected to other nodes learn the current phase from the new owner at once.
    this.broadcaster.publishView(state, Date.now());
    return true;
  }

  isRunning(contestId: string): boolean {
    return this.running.has(contestId);
  }

  idByPin(pin: string): string | undefined {
    return this.byPin.get(pin);
  }

  /** Another node owns this contest now: stop its clocks and let go of it (its data stays). */
  drop(contestId: string): void {
    const run = this.running.get(contestId);
    if (!run) return;
    for (const timer of run.timers.values()) clearTimeout(timer);
    run.timers.clear();
    this.forget(run.state);
  }

  /**
   * SIGTERM: stop the clocks, write every queued answer and the last snapshots — before the
   * database connection closes (Nest runs this hook ahead of every onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    this.broadcaster.stop();
    for (const run of this.running.values()) for (const t of run.timers.values()) clearTimeout(t);
    await this.playerWriter.close();
    await this.writer.close();
    await Promise.all([...this.running.values()].map((r) => r.writes));
    // Everything is stored: hand the contests over at once instead of waiting for lease expiry.
    await Promise.all([...this.running.keys()].map((id) => this.leases.release(id)));
  }

  async create(input: z.output<typeof createContestInputSchema>, host: Viewer): Promise<ContestSummary> {
    const questions = await this.bank.select(input, Math.random);
    const now = Date.now();
    const state = createContestState({
      id: randomUUID(),
      pin: await this.newPin(),
      hostId: host.id,
      settings: input.settings,
      questions,
      random: Math.random,
      now,
    });
    await this.contests.insert({
      id: state.id,
      pin: state.pin,
      title: state.settings.title,
      hostId: host.id,
      phase: state.phase,
      questionCount: state.questions.length,
      playerCount: 0,
      snapshot: toSnapshot(state),
      snapshotSeq: 0,
      createdAt: now,
      updatedAt: now,
      endedAt: null,
    });
    await this.leases.acquire(state.id);
    this.register(state, 0);
    return this.summary(state);
  }

  async list(viewer: Viewer): Promise<ContestSummary[]> {
    const rows = await this.contests.find({
      where: viewer.role === 'admin' ? {} : { hostId: viewer.id },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return rows.map((row) => {
      const live = this.running.get(row.id);
      if (live) return this.summary(live.state);
      const state = JSON.parse(row.snapshot) as ContestState;
      return { ...this.summary({ ...state, players: {}, playerOrder: [] }), players: row.playerCount };
    });
  }

  async get(contestId: string, viewer: Viewer): Promise<ContestState> {
    const live = this.running.get(contestId);
    let state: ContestState;
    if (live) state = live.state;
    else {
      const row = await this.contests.findOneBy({ id: contestId });
      if (!row) throw new AppError('CONTEST_NOT_FOUND');
      const [players, answers] = await Promise.all([
        this.players.findBy({ contestId }),
        this.answers.findBy({ contestId }),
      ]);
      state = fromSnapshot(row.snapshot, players, answers);
    }
    this.assertHost(state, viewer);
    return state;
  }

  lookup(pin: string): ContestLookup {
    const { state } = this.byPinOrThrow(pin);
    return {
      contestId: state.id,
      pin: state.pin,
      title: state.settings.title,
      phase: state.phase,
      joinMode: state.settings.joinMode,
      lobbyLocked: state.lobbyLocked,
      teams: state.settings.teams,
    };
  }

  /** Join with a nickname (or as the logged-in member), or come back with a player token. */
  async join(input: JoinInput, user: Viewer | null): Promise<JoinResult & { ref: PlayerRef }> {
    const run = this.byPinOrThrow(input.pin);
    const { state } = run;
    const now = Date.now();
    if (input.playerToken) {
      const ref = this.tokens.get(hashToken(input.playerToken));
      if (ref && ref.contestId === state.id) {
        const player = state.players[ref.playerId];
        if (player.kicked) throw new AppError('PLAYER_KICKED');
        this.dispatch(run, { type: 'connection', playerId: player.id, connected: true }, now);
        return { ref, playerId: player.id, playerToken: input.playerToken, contest: contestView(state, 'player', now), me: playerView(state, player) };
      }
      if (!input.nickname && !user) throw new AppError('PLAYER_NOT_FOUND');
    }
    // A member who joined before (another phone, a cleared browser) gets the same player back.
    if (user) {
      const mine = state.playerOrder.map((id) => state.players[id]).find((p) => p.userId === user.id);
      if (mine) {
        if (mine.kicked) throw new AppError('PLAYER_KICKED');
        const playerToken = randomBytes(24).toString('base64url');
        const tokenHash = hashToken(playerToken);
        await this.players.update({ contestId: state.id, playerId: mine.id }, { tokenHash });
        for (const [hash, ref] of this.tokens) if (ref.playerId === mine.id) this.tokens.delete(hash);
        this.tokens.set(tokenHash, { contestId: state.id, playerId: mine.id });
        this.dispatch(run, { type: 'connection', playerId: mine.id, connected: true }, now);
        const ref = { contestId: state.id, playerId: mine.id };
        return { ref, playerId: mine.id, playerToken, contest: contestView(state, 'player', now), me: playerView(state, mine) };
      }
    }
    const nickname = state.settings.joinMode === 'members' ? (user?.displayName ?? '') : (input.nickname ?? '');
    if (this.isBlocked(nickname)) throw new AppError('NICKNAME_INVALID');
    const playerId = randomUUID();
    const step = this.dispatch(run, { type: 'join', playerId, nickname, userId: user?.id ?? null, team: input.team ?? null }, now);
    if (!step.reply.ok) throw new AppError(step.reply.code);
    const player = state.players[playerId];
    const playerToken = randomBytes(24).toString('base64url');
    const tokenHash = hashToken(playerToken);
    // The phone gets its token only once the player row is committed: a restart keeps it.
    // Rows of a join storm share transactions (one per event-loop turn).
    await this.playerWriter.write(
      this.players.create({
        contestId: state.id,
        playerId,
        nickname: player.nickname,
        userId: player.userId,
        team: player.team,
        tokenHash,
        kicked: false,
        joinedAt: now,
      }),
    );
    this.tokens.set(tokenHash, { contestId: state.id, playerId });
    return { ref: { contestId: state.id, playerId }, playerId, playerToken, contest: contestView(state, 'player', now), me: playerView(state, player) };
  }

  /** Resolves once the answer is committed; a retry with the same client id resolves the same way. */
  async answer(ref: PlayerRef, input: AnswerInput): Promise<AnswerReceipt> {
    const run = this.running.get(ref.contestId);
    if (!run || run.state.pin !== input.pin) throw new AppError('CONTEST_NOT_FOUND');
    const step = this.dispatch(
      run,
      { type: 'answer', playerId: ref.playerId, questionIndex: input.questionIndex, clientAnswerId: input.clientAnswerId, response: input.response },
      Date.now(),
    );
    if (!step.reply.ok) throw new AppError(step.reply.code);
    const data = step.reply.data;
    if (data && 'duplicate' in data) {
      await this.writer.drained();
      return { questionIndex: data.answer.questionIndex, receivedAt: data.answer.receivedAt };
    }
    const stored = data as StoredAnswer;
    await this.pendingWrites.get(`${ref.playerId}:${stored.questionIndex}`);
    this.metrics.answersAcked.inc();
    return { questionIndex: stored.questionIndex, receivedAt: stored.receivedAt };
  }

  disconnected(ref: PlayerRef): void {
    const run = this.running.get(ref.contestId);
    if (run) this.dispatch(run, { type: 'connection', playerId: ref.playerId, connected: false }, Date.now());
  }

  command(contestId: string, action: HostAction, viewer: Viewer, playerId?: string): { phase: string } {
    const run = this.running.get(contestId);
    if (!run) throw new AppError('CONTEST_NOT_FOUND');
    this.assertHost(run.state, viewer);
    let cmd: Command;
    if (action === 'kick') {
      if (!playerId) throw new AppError('PLAYER_NOT_FOUND');
      cmd = { type: 'kick', playerId };
    } else cmd = { type: action };
    const step = this.dispatch(run, cmd, Date.now());
    if (!step.reply.ok) throw new AppError(step.reply.code);
    return { phase: run.state.phase };
  }

  watchAsScreen(pin: string): { contestId: string; result: HostWatchResult } {
    const { state } = this.byPinOrThrow(pin);
    return { contestId: state.id, result: { view: contestView(state, 'screen', Date.now()), lobby: lobbyView(state) } };
  }

  watchAsHost(contestId: string, viewer: Viewer): HostWatchResult {
    const run = this.running.get(contestId);
    if (!run) throw new AppError('CONTEST_NOT_FOUND');
    this.assertHost(run.state, viewer);
    return { view: contestView(run.state, 'host', Date.now()), lobby: lobbyView(run.state) };
  }

  /** For tests and the bench: the live state of a contest. */
  peek(contestId: string): ContestState | undefined {
    return this.running.get(contestId)?.state;
  }

  async flushed(): Promise<void> {
    await this.playerWriter.drained();
    await this.writer.drained();
    await Promise.all([...this.running.values()].map((r) => r.writes));
  }

  // ---- effects -------------------------------------------------------------------------------

  /** Answers not yet committed, by player and question: the ack waits for these. */
  private readonly pendingWrites = new Map<string, Promise<void>>();

  private dispatch(run: Running, cmd: Command, now: number) {
    const started = cmd.type === 'reveal' ? performance.now() : 0;
    const step = reduce(run.state, cmd, now);
    if (started) {
      this.slowestRevealMs = Math.max(this.slowestRevealMs, performance.now() - started);
      this.metrics.leaderboardMsMax.set(this.slowestRevealMs);
    }
    for (const effect of step.effects) this.apply(run, effect, now);
    return step;
  }

  private apply(run: Running, effect: Effect, now: number): void {
    const { state } = run;
    switch (effect.type) {
      case 'viewChanged':
        this.broadcaster.publishView(state, now);
        return;
      case 'playersChanged':
        this.broadcaster.publishPlayers(state, effect.playerIds);
        // After a reveal every score changed: the host's player list follows (throttled).
        if (effect.playerIds === 'all') this.broadcaster.publishLobby(state);
        return;
      case 'lobbyChanged':
        this.broadcaster.publishLobby(state);
        return;
      case 'answerProgress':
        this.broadcaster.publishProgress(state);
        // Who has answered shows in the host's player list; both are throttled to 250 ms.
        this.broadcaster.publishLobby(state);
        return;
      case 'kicked':
        this.broadcaster.kicked(state, effect.playerId);
        this.queue(run, () => this.players.update({ contestId: state.id, playerId: effect.playerId }, { kicked: true }));
        return;
      case 'persistAnswer': {
        const q = state.questions[effect.answer.questionIndex];
        const key = `${effect.playerId}:${effect.answer.questionIndex}`;
        const written = this.writer.write(
          this.answers.create({
            contestId: state.id,
            playerId: effect.playerId,
            questionIndex: effect.answer.questionIndex,
            questionId: q.questionId,
            questionVersion: q.version,
            clientAnswerId: effect.answer.clientAnswerId,
            response: JSON.stringify(effect.answer.response),
            fraction: effect.answer.fraction,
            points: effect.answer.points,
            streakAfter: effect.answer.streakAfter,
            elapsedMs: effect.answer.elapsedMs,
            receivedAt: effect.answer.receivedAt,
          }),
        );
        this.pendingWrites.set(key, written);
        void written.then(() => this.pendingWrites.delete(key));
        return;
      }
      case 'persistPlayer':
        // The join path writes the row itself (it needs the token); nothing to do here.
        return;
      case 'persistSnapshot':
        this.saveSnapshot(run, now);
        return;
      case 'schedule':
        this.schedule(run, effect.key, effect.at, effect.command, now);
        return;
      case 'cancel': {
        const timer = run.timers.get(effect.key);
        if (timer) clearTimeout(timer);
        run.timers.delete(effect.key);
        return;
      }
      case 'finished':
        // Listeners (rankings) read the database: let the last answers and snapshot land first.
        void this.flushed().then(() => this.events.finished(state));
        setTimeout(() => this.forget(state), ENDED_RETENTION_MS).unref();
        return;
    }
  }

  private schedule(run: Running, key: TimerKey, at: number, command: Command, now: number): void {
    const existing = run.timers.get(key);
    if (existing) clearTimeout(existing);
    if (this.shuttingDown) return;
    run.timers.set(
      key,
      setTimeout(() => {
        run.timers.delete(key);
        // Self-fencing: a node that cannot renew its lease does not move the contest on; it
        // tries again shortly (Redis back) or loses the contest to a node that can.
        if (!this.leases.isFresh(run.state.id)) {
          this.schedule(run, key, Date.now() + 500, command, Date.now());
          return;
        }
        this.dispatch(run, command, Date.now());
      }, Math.max(0, at - now)),
    );
  }

  private resumeTimers(run: Running, now: number): void {
    const { state } = run;
    if (state.phase === 'question' && !state.paused && state.deadline !== null) {
      this.schedule(run, 'deadline', state.deadline, { type: 'deadline', questionIndex: state.index }, now);
    } else if (state.phase === 'locked') {
      this.schedule(run, 'reveal', now + LOCK_TO_REVEAL_MS, { type: 'reveal', questionIndex: state.index }, now);
    }
  }

  private saveSnapshot(run: Running, now: number): void {
    const { state } = run;
    run.snapshotSeq += 1;
    const seq = run.snapshotSeq;
    const snapshot = toSnapshot(state);
    const fields = {
      phase: state.phase,
      snapshot,
      snapshotSeq: seq,
      playerCount: state.playerOrder.filter((id) => !state.players[id].kicked).length,
      updatedAt: now,
      endedAt: state.endedAt,
    };
    this.queue(run, () => this.contests.update({ id: state.id }, fields));
  }

  private queue(run: Running, write: () => Promise<unknown>): void {
    run.writes = run.writes.then(write).then(
      () => undefined,
      (error: unknown) => this.logger.error(`contest ${run.state.id}: write failed: ${(error as Error).message}`),
    );
  }

  private register(state: ContestState, snapshotSeq: number): Running {
    const run: Running = { state, timers: new Map(), writes: Promise.resolve(), snapshotSeq };
    this.running.set(state.id, run);
    this.metrics.contestsRunning.set(this.running.size);
    if (state.phase !== 'ended') this.byPin.set(state.pin, state.id);
    return run;
  }

  private forget(state: ContestState): void {
    this.running.delete(state.id);
    this.leases.forget(state.id);
    this.metrics.contestsRunning.set(this.running.size);
    if (this.byPin.get(state.pin) === state.id) this.byPin.delete(state.pin);
    for (const [hash, ref] of this.tokens) if (ref.contestId === state.id) this.tokens.delete(hash);
  }

  private byPinOrThrow(pin: string): Running {
    const id = this.byPin.get(pin);
    const run = id ? this.running.get(id) : undefined;
    if (!run) throw new AppError('CONTEST_NOT_FOUND');
    return run;
  }

  /** The organisation's optional word list (NICKNAME_BLOCKLIST): checked before the engine. */
  private isBlocked(nickname: string): boolean {
    const lower = nickname.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
    return this.config.NICKNAME_BLOCKLIST.some((word) => lower.includes(word));
  }

  private assertHost(state: ContestState, viewer: Viewer): void {
    if (viewer.role !== 'admin' && !(viewer.role === 'host' && viewer.id === state.hostId)) throw new AppError('NOT_HOST');
  }

  /** A PIN no running contest uses, on this node or any other (checked in the database). */
  private async newPin(): Promise<string> {
    for (;;) {
      const pin = String(randomInt(100_000, 1_000_000));
      if (this.byPin.has(pin)) continue;
      if (!(await this.contests.existsBy({ pin, phase: Not('ended') }))) return pin;
    }
  }

  private summary(state: ContestState): ContestSummary {
    return {
      id: state.id,
      pin: state.pin,
      title: state.settings.title,
      phase: state.phase,
      questionCount: state.questions.length,
      players: state.playerOrder.filter((id) => !state.players[id]?.kicked).length,
      createdAt: state.createdAt,
      settings: state.settings,
    };
  }
}
