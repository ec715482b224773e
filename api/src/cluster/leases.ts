// Which node owns what. With several api processes (REDIS_URL set), each owned thing — a live
// contest, a running stage, the match hub — has exactly one owner holding a Redis lease
// (SET NX PX, renewed every second) under its kind's namespace: `dsc:<kind>:<id>:owner`, or
// `dsc:<kind>:owner` for a kind with a single instance. An owner acts only while its lease is
// fresh (self-fencing): if it cannot renew — it is cut off, or Redis is down — it stops
// accepting commands before any other node may take over. Single-node mode (no Redis) owns
// everything.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_LEASES } from './redis';

export const LEASE_TTL_MS = 5000;
export const RENEW_EVERY_MS = 1000;
/** An owner stops acting this long before its lease could expire. */
const FENCE_MARGIN_MS = 1500;

// Take it when free or already ours (a node that forgot it held a lease may take it again).
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;
// Renew if ours, take it again if Redis lost it (restart without persistence), else report lost.
const RENEW = ACQUIRE;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** The node's leases: one Redis client, one node id, one renewal loop for every kind. */
@Injectable()
export class Leases implements OnModuleDestroy {
  readonly nodeId = randomUUID();
  private readonly kinds = new Set<LeaseKind>();
  private timer: NodeJS.Timeout | null = null;

  constructor(@Optional() @Inject(REDIS_LEASES) readonly redis: Redis | null) {}

  get clustered(): boolean {
    return Boolean(this.redis);
  }

  add(kind: LeaseKind): void {
    this.kinds.add(kind);
  }

  /** Starts the renewal loop (idempotent; nothing to renew without Redis). */
  renewing(): void {
    if (!this.redis || this.timer) return;
    this.timer = setInterval(() => {
      for (const kind of this.kinds) void kind.renewAll();
    }, RENEW_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** The leases of one kind of owned thing. */
export class LeaseKind {
  private readonly logger: Logger;
  /** Id → time of the last successful acquire or renew. */
  private readonly owned = new Map<string, number>();
  private onLost: (id: string) => void = () => undefined;

  constructor(
    private readonly leases: Leases,
    readonly kind: string,
  ) {
    this.logger = new Logger(`Leases:${kind}`);
    leases.add(this);
  }

  get clustered(): boolean {
    return this.leases.clustered;
  }

  get nodeId(): string {
    return this.leases.nodeId;
  }

  key(id: string): string {
    return id ? `dsc:${this.kind}:${id}:owner` : `dsc:${this.kind}:owner`;
  }

  /** Starts renewing; `onLost` is told when another node holds something we thought ours. */
  start(onLost: (id: string) => void): void {
    this.onLost = onLost;
    this.leases.renewing();
  }

  async acquire(id: string): Promise<boolean> {
    const redis = this.leases.redis;
    if (!redis) {
      this.owned.set(id, Date.now());
      return true;
    }
    this.leases.renewing();
    try {
      const ok = Number(await redis.eval(ACQUIRE, 1, this.key(id), this.nodeId, String(LEASE_TTL_MS))) === 1;
      if (ok) this.owned.set(id, Date.now());
      return ok;
    } catch {
      return false;
    }
  }

  /** The owning node's id, or null when nobody holds the lease. Throws while Redis is unreachable. */
  async owner(id: string): Promise<string | null> {
    const redis = this.leases.redis;
    if (!redis) return this.nodeId;
    return redis.get(this.key(id));
  }

  /** True while this node may act on it. */
  isFresh(id: string, now = Date.now()): boolean {
    if (!this.leases.redis) return true;
    const renewed = this.owned.get(id);
    return renewed !== undefined && now - renewed < LEASE_TTL_MS - FENCE_MARGIN_MS;
  }

  async release(id: string): Promise<void> {
    this.owned.delete(id);
    const redis = this.leases.redis;
    if (!redis) return;
    try {
      await redis.eval(RELEASE, 1, this.key(id), this.nodeId);
    } catch {
      /* Redis is down: the lease expires on its own */
    }
  }

  /** Lets go of it without waiting (its data stays in the database). */
  forget(id: string): void {
    this.owned.delete(id);
    if (this.leases.redis) void this.release(id);
  }

  async renewAll(): Promise<void> {
    const redis = this.leases.redis;
    if (!redis) return;
    for (const id of [...this.owned.keys()]) {
      if (!this.owned.has(id)) continue; // released meanwhile: renewing would take it back
      try {
        const renewed = Number(await redis.eval(RENEW, 1, this.key(id), this.nodeId, String(LEASE_TTL_MS)));
        if (renewed === 1) {
          if (this.owned.has(id)) this.owned.set(id, Date.now());
        } else if (this.owned.delete(id)) {
          this.logger.warn(`${this.kind} ${id || ''} is now owned by another node`);
          this.onLost(id);
        }
      } catch {
        // Redis unreachable: keep the entry; isFresh() turns false by itself as time passes.
      }
    }
  }
}

/** One owner per live contest: `dsc:contest:<id>:owner`. */
@Injectable()
export class ContestLeases extends LeaseKind {
  constructor(leases: Leases) {
    super(leases, 'contest');
  }
}

/** One owner per running stage contest: `dsc:stage:<id>:owner`. */
@Injectable()
export class StageLeases extends LeaseKind {
  constructor(leases: Leases) {
    super(leases, 'stage');
  }
}

/** One node runs every practice match and queue: `dsc:match-hub:owner` (id ''). */
@Injectable()
export class MatchHubLease extends LeaseKind {
  constructor(leases: Leases) {
    super(leases, 'match-hub');
  }
}
