// The cluster-aware front of the live contest. The gateway calls the router; the router runs a
// request on this node when it owns the contest, forwards it to the owner through the socket.io
// adapter (serverSideEmit with an ack) when another node does, and takes the contest over —
// restoring it from the database — when nobody does (its owner died). With one node (no Redis)
// every request is simply local.
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type Repository } from 'typeorm';
import type {
  Ack,
  AnswerInput,
  AnswerReceipt,
  ContestLookup,
  HostAction,
  HostWatchResult,
  JoinInput,
  JoinResult,
} from '@dangshi/protocol';
import { ContestLeases } from '../cluster/contest-leases';
import { AppError } from '../common/app-error';
import { toErrorAck } from '../common/error-mapping';
import { ContestBroadcaster } from './contest.broadcaster';
import { ContestRecord } from './contest.entities';
import { ContestService, type PlayerRef, type Viewer } from './contest.service';

export type ContestRequest =
  | { op: 'lookup'; contestId: string; pin: string }
  | { op: 'join'; contestId: string; input: JoinInput; user: Viewer | null }
  | { op: 'answer'; contestId: string; ref: PlayerRef; input: AnswerInput }
  | { op: 'watchScreen'; contestId: string; pin: string }
  | { op: 'watchHost'; contestId: string; user: Viewer }
  | { op: 'command'; contestId: string; action: HostAction; user: Viewer; playerId?: string }
  | { op: 'disconnected'; contestId: string; ref: PlayerRef };

const RPC_EVENT = 'contest:rpc';
const SWEEP_EVERY_MS = 2000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Injectable()
export class ContestRouter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ContestRouter');
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Contests seen without an owner at the last sweep: taken over if still unowned at the next. */
  private orphans = new Set<string>();

  constructor(
    private readonly contests: ContestService,
    private readonly leases: ContestLeases,
    private readonly broadcaster: ContestBroadcaster,
    @InjectRepository(ContestRecord) private readonly records: Repository<ContestRecord>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.leases.clustered) return;
    const io = this.broadcaster.io;
    // Requests forwarded by other nodes: only the owner answers; the others answer null.
    io?.on(RPC_EVENT as never, (request: ContestRequest, reply: (r: Ack<unknown> | null) => void) => {
      if (!this.contests.isRunning(request.contestId) || !this.leases.isFresh(request.contestId)) return reply(null);
      void Promise.resolve(this.run(request)).then(
        (data: unknown) => reply({ ok: true, data }),
        (error: unknown) => reply(toErrorAck(error)),
      );
    });
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  async lookup(pin: string): Promise<ContestLookup> {
    const contestId = await this.contestIdByPin(pin);
    return (await this.route({ op: 'lookup', contestId, pin })) as ContestLookup;
  }

  async join(input: JoinInput, user: Viewer | null): Promise<JoinResult & { ref: PlayerRef }> {
    const contestId = await this.contestIdByPin(input.pin);
    return (await this.route({ op: 'join', contestId, input, user })) as JoinResult & { ref: PlayerRef };
  }

  async answer(ref: PlayerRef, input: AnswerInput): Promise<AnswerReceipt> {
    return (await this.route({ op: 'answer', contestId: ref.contestId, ref, input })) as AnswerReceipt;
  }

  async watchAsScreen(pin: string): Promise<{ contestId: string; result: HostWatchResult }> {
    const contestId = await this.contestIdByPin(pin);
    return { contestId, result: (await this.route({ op: 'watchScreen', contestId, pin })) as HostWatchResult };
  }

  async watchAsHost(contestId: string, user: Viewer): Promise<HostWatchResult> {
    return (await this.route({ op: 'watchHost', contestId, user })) as HostWatchResult;
  }

  async command(contestId: string, action: HostAction, user: Viewer, playerId?: string): Promise<{ phase: string }> {
    return (await this.route({ op: 'command', contestId, action, user, playerId })) as { phase: string };
  }

  disconnected(ref: PlayerRef): void {
    void this.route({ op: 'disconnected', contestId: ref.contestId, ref }).catch(() => undefined);
  }

  /** Runs a request on this node (which owns the contest). */
  private run(request: ContestRequest): Promise<unknown> | unknown {
    switch (request.op) {
      case 'lookup':
        return this.contests.lookup(request.pin);
      case 'join':
        return this.contests.join(request.input, request.user);
      case 'answer':
        return this.contests.answer(request.ref, request.input);
      case 'watchScreen':
        return this.contests.watchAsScreen(request.pin).result;
      case 'watchHost':
        return this.contests.watchAsHost(request.contestId, request.user);
      case 'command':
        return this.contests.command(request.contestId, request.action, request.user, request.playerId);
      case 'disconnected':
        return this.contests.disconnected(request.ref);
    }
  }

  private async route(request: ContestRequest): Promise<unknown> {
    if (!this.leases.clustered) return await this.run(request);
    for (let attempt = 0; attempt < 20; attempt++) {
      const { contestId } = request;
      if (this.contests.isRunning(contestId)) {
        if (this.leases.isFresh(contestId)) return await this.run(request);
        // Our lease is going stale (Redis unreachable): wait rather than act without it.
        await sleep(250);
        continue;
      }
      const owner = await this.leases.owner(contestId).catch(() => undefined);
      if (owner === undefined) {
        await sleep(250); // Redis unreachable
        continue;
      }
      if (owner && owner !== this.leases.nodeId) {
        const reply = await this.forward(request);
        if (reply) {
          if (reply.ok) return reply.data;
          throw new AppError(reply.error.code, reply.error.message, reply.error.issues);
        }
        await sleep(250); // the owner did not answer: it may be dying; its lease will lapse
        continue;
      }
      // Nobody owns it (its node died, or the lease lapsed): take it over from the database.
      if (await this.leases.acquire(contestId)) {
        if (!(await this.contests.restoreOne(contestId))) {
          await this.leases.release(contestId);
          throw new AppError('CONTEST_NOT_FOUND');
        }
        this.logger.log(`took over contest ${contestId}`);
      }
    }
    throw new AppError('INTERNAL', 'the contest could not be reached; try again');
  }

  private forward(request: ContestRequest): Promise<Ack<unknown> | null> {
    const io = this.broadcaster.io;
    if (!io) return Promise.resolve(null);
    return new Promise((resolve) => {
      // The adapter waits for every other node (5 s at most) and hands over whatever replies came.
      (io as unknown as {
        serverSideEmit(event: string, request: ContestRequest, cb: (err: unknown, replies: (Ack<unknown> | null)[]) => void): void;
      }).serverSideEmit(RPC_EVENT, request, (_err, replies) => {
        resolve((replies ?? []).find((r) => r) ?? null);
      });
    });
  }

  private async contestIdByPin(pin: string): Promise<string> {
    const local = this.contests.idByPin(pin);
    if (local) return local;
    if (this.leases.clustered) {
      const row = await this.records.findOne({ where: { pin, phase: Not('ended') }, select: ['id'], order: { createdAt: 'DESC' } });
      if (row) return row.id;
    }
    throw new AppError('CONTEST_NOT_FOUND');
  }

  /**
   * Keeps contests going when their owner died and no phone has asked for them yet (a deadline
   * must still fire): a contest unowned at two sweeps in a row is taken over.
   */
  private async sweep(): Promise<void> {
    try {
      const rows = await this.records.find({ where: { phase: Not('ended') }, select: ['id'] });
      const unowned = new Set<string>();
      for (const { id } of rows) {
        if (this.contests.isRunning(id)) continue;
        if ((await this.leases.owner(id)) !== null) continue;
        if (this.orphans.has(id) && (await this.leases.acquire(id))) {
          await this.contests.restoreOne(id);
          this.logger.log(`took over orphaned contest ${id}`);
        } else unowned.add(id);
      }
      this.orphans = unowned;
    } catch {
      // Database or Redis unreachable: try again at the next sweep.
    }
  }
}
