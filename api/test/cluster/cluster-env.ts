// What the cluster specs share: whether Redis is up, a Redis command, and a call retried while a
// node takes something over (the owner died: its lease lapses within seconds).
import { execFileSync } from 'node:child_process';
import type { Ack } from '@dangshi/protocol';
import { call, type ClientSocket } from '../support/contest-clients';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function redis(...args: string[]): string {
  return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', ...args], { encoding: 'utf8' }).trim();
}

export function redisUp(): boolean {
  try {
    return redis('ping') === 'PONG';
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls until answered; INTERNAL (the owner is being replaced) and timeouts are retried, any other refusal returned. */
export async function callUntilAnswered<T>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 45_000): Promise<Ack<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let ack: Ack<T> | undefined;
    try {
      ack = await call<T>(socket, event, payload);
    } catch {
      /* timed out: a node may be taking over */
    }
    if (ack && (ack.ok || ack.error.code !== 'INTERNAL')) return ack;
    if (Date.now() > deadline) throw new Error(`${event}: no answer (${JSON.stringify(ack)})`);
    await sleep(300);
  }
}
