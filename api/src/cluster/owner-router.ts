// The routing core shared by everything that has one owner node (contests, stages, the match
// hub). A request runs on this node when it holds the thing (in memory, lease fresh), goes to
// the owner through the socket.io adapter (serverSideEmit with an ack, one RPC event per kind)
// when another node does, and makes this node the owner — restoring from the database — when
// nobody does (its owner died). A sweep takes over things that must keep running (timers) even
// when no request asks for them. With one node (no Redis) every request simply runs here.
import { Logger } from '@nestjs/common';
import type { Ack, ErrorCode } from '@dangshi/protocol';
import { AppError } from '../common/app-error';
import { toErrorAck } from '../common/error-mapping';
import type { TypedServer } from '../realtime/types';
import type { LeaseKind } from './leases';

export interface OwnerRouterOptions<R> {
  /** For logs: 'contest', 'stage', 'match hub'. */
  name: string;
  /** The node-to-node event of this kind, e.g. 'stage:rpc' (never a client event). */
  event: string;
  leases: LeaseKind;
  io: () => TypedServer | null;
  idOf: (request: R) => string;
  /** Held in memory on this node. */
  isLocal: (id: string) => boolean;
  /** Runs a request on this node, which owns the thing. */
  run: (request: R) => unknown;
  /** Loads it from the database after this node took the lease; false when it does not exist. */
  restore: (id: string) => Promise<boolean>;
  notFound: ErrorCode;
  /** Ids that must be running somewhere (the sweep takes over those left without an owner). */
  sweepIds?: () => Promise<string[]>;
  sweepEveryMs?: number;
}

const ATTEMPTS = 20;
const RETRY_MS = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Emitter = { serverSideEmit(event: string, request: unknown, cb: (err: unknown, replies: (Ack<unknown> | null)[]) => void): void };

export class OwnerRouter<R> {
  private readonly logger: Logger;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Seen without an owner at the last sweep: taken over if still unowned at the next. */
  private orphans = new Set<string>();
  /** Take-overs in flight on this node: concurrent requests share one restore. */
  private readonly taking = new Map<string, Promise<void>>();

  constructor(private readonly o: OwnerRouterOptions<R>) {
    this.logger = new Logger(`Router:${o.name}`);
  }

  get clustered(): boolean {
    return this.o.leases.clustered;
  }

  /** Listens for requests forwarded by other nodes and starts the sweep (cluster mode only). */
  start(): void {
    if (!this.clustered) return;
    // Only the owner answers; the others answer null.
    this.o.io()?.on(this.o.event as never, ((request: R, reply: (r: Ack<unknown> | null) => void) => {
      const id = this.o.idOf(request);
      if (!this.o.isLocal(id) || !this.o.leases.isFresh(id)) return reply(null);
      void Promise.resolve()
        .then(() => this.o.run(request))
        .then(
          (data: unknown) => reply({ ok: true, data }),
          (error: unknown) => reply(toErrorAck(error)),
        );
    }) as never);
    if (this.o.sweepIds) {
      this.sweepTimer = setInterval(() => void this.sweep(), this.o.sweepEveryMs ?? 2000);
      this.sweepTimer.unref();
    }
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  async route(request: R): Promise<unknown> {
    if (!this.clustered) return await this.o.run(request);
    const id = this.o.idOf(request);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (this.o.isLocal(id)) {
        if (this.o.leases.isFresh(id)) return await this.o.run(request);
        // Our lease is going stale (Redis unreachable): wait rather than act without it.
        await sleep(RETRY_MS);
        continue;
      }
      const owner = await this.o.leases.owner(id).catch(() => undefined);
      if (owner === undefined) {
        await sleep(RETRY_MS); // Redis unreachable
        continue;
      }
      if (owner && owner !== this.o.leases.nodeId) {
        const reply = await this.forward(request);
        if (reply) {
          if (reply.ok) return reply.data;
          throw new AppError(reply.error.code, reply.error.message, reply.error.issues);
        }
        await sleep(RETRY_MS); // the owner did not answer: it may be dying; its lease will lapse
        continue;
      }
      // Nobody owns it (its node died, or the lease lapsed): take it over from the database.
      await this.takeOver(id, true);
    }
    throw new AppError('INTERNAL', `the ${this.o.name} could not be reached; try again`);
  }

  /** Takes the lease and restores; `strict` throws notFound when the database has no such thing. */
  private takeOver(id: string, strict: boolean): Promise<void> {
    let taking = this.taking.get(id);
    if (!taking) {
      taking = (async () => {
        if (!(await this.o.leases.acquire(id))) return;
        let found: boolean;
        try {
          found = await this.o.restore(id);
        } catch (error) {
          await this.o.leases.release(id);
          throw error;
        }
        if (!found) {
          await this.o.leases.release(id);
          throw new AppError(this.o.notFound);
        }
        this.logger.log(`took over ${this.o.name} ${id}`);
      })().finally(() => this.taking.delete(id));
      this.taking.set(id, taking);
    }
    return strict ? taking : taking.catch(() => undefined);
  }

  private forward(request: R): Promise<Ack<unknown> | null> {
    const io = this.o.io();
    if (!io) return Promise.resolve(null);
    return new Promise((resolve) => {
      // The adapter waits for every other node (5 s at most) and hands over whatever replies came.
      (io as unknown as Emitter).serverSideEmit(this.o.event, request, (_err, replies) => {
        resolve((replies ?? []).find((r) => r) ?? null);
      });
    });
  }

  /**
   * Keeps things going when their owner died and no client has asked for them yet (a deadline
   * must still fire): one unowned at two sweeps in a row is taken over.
   */
  async sweep(): Promise<void> {
    try {
      const unowned = new Set<string>();
      for (const id of await this.o.sweepIds!()) {
        if (this.o.isLocal(id)) continue;
        if ((await this.o.leases.owner(id)) !== null) continue;
        if (this.orphans.has(id)) await this.takeOver(id, false);
        else unowned.add(id);
      }
      this.orphans = unowned;
    } catch {
      // Database or Redis unreachable: try again at the next sweep.
    }
  }
}
