// Which node owns which live contest. With several api processes (REDIS_URL set), each running
// contest has exactly one owner holding a Redis lease (SET NX PX, renewed every second). An
// owner acts on a contest only while its lease is fresh (self-fencing): if it cannot renew —
// it is cut off, or Redis is down — it stops accepting commands before any other node may take
// the contest over. Single-node mode (no Redis) owns everything.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_LEASES } from './redis';

export const LEASE_TTL_MS = 5000;
export const RENEW_EVERY_MS = 1000;
/** An owner stops acting this long before its lease could expire. */
const FENCE_MARGIN_MS = 1500;

const key = (contestId: string) => `dsc:contest:${contestId}:owner`;

// Renew if ours, take it again if Redis lost it (restart without persistence), else report lost.
const RENEW = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

@Injectable()
export class ContestLeases implements OnModuleDestroy {
  readonly nodeId = randomUUID();
  private readonly logger = new Logger('Leases');
  /** Contest id → time of the last successful acquire or renew. */
  private readonly owned = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private onLost: (contestId: string) => void = () => undefined;

  constructor(@Optional() @Inject(REDIS_LEASES) private readonly redis: Redis | null) {}

  get clustered(): boolean {
    return Boolean(this.redis);
  }

  /** Starts renewing; `onLost` is told when another node holds a contest we thought ours. */
  start(onLost: (contestId: string) => void): void {
    this.onLost = onLost;
    if (!this.redis || this.timer) return;
    this.timer = setInterval(() => void this.renewAll(), RENEW_EVERY_MS);
    this.timer.unref();
  }

  async acquire(contestId: string): Promise<boolean> {
    if (!this.redis) {
      this.owned.set(contestId, Date.now());
      return true;
    }
    try {
      const ok = (await this.redis.set(key(contestId), this.nodeId, 'PX', LEASE_TTL_MS, 'NX')) === 'OK';
      if (ok) this.owned.set(contestId, Date.now());
      return ok;
    } catch {
      return false;
    }
  }

  /** The owning node's id, or null when nobody holds the lease. */
  async owner(contestId: string): Promise<string | null> {
    if (!this.redis) return this.nodeId;
    return this.redis.get(key(contestId));
  }

  /** True while this node may act on the contest. */
  isFresh(contestId: string, now = Date.now()): boolean {
    if (!this.redis) return true;
    const renewed = this.owned.get(contestId);
    return renewed !== undefined && now - renewed < LEASE_TTL_MS - FENCE_MARGIN_MS;
  }

  async release(contestId: string): Promise<void> {
    this.owned.delete(contestId);
    if (!this.redis) return;
    try {
      await this.redis.eval(RELEASE, 1, key(contestId), this.nodeId);
    } catch {
      /* Redis is down: the lease expires on its own */
    }
  }

  forget(contestId: string): void {
    this.owned.delete(contestId);
    if (this.redis) void this.release(contestId);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async renewAll(): Promise<void> {
    for (const contestId of [...this.owned.keys()]) {
      try {
        const renewed = Number(await this.redis!.eval(RENEW, 1, key(contestId), this.nodeId, String(LEASE_TTL_MS)));
        if (renewed === 1) this.owned.set(contestId, Date.now());
        else {
          this.owned.delete(contestId);
          this.logger.warn(`contest ${contestId} is now owned by another node`);
          this.onLost(contestId);
        }
      } catch {
        // Redis unreachable: keep the entry; isFresh() turns false by itself as time passes.
      }
    }
  }
}
