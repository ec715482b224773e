// What a phone remembers about one contest, per PIN, in localStorage: the player token (so a
// reload or a closed tab comes back as the same player) and the answer not yet acknowledged
// (so a reload while offline does not lose it). Private mode or full storage falls back to
// memory: the visit still works, it just cannot survive a reload.
import type { AnswerResponse } from '@dangshi/protocol';

export interface PendingAnswer {
  questionIndex: number;
  clientAnswerId: string;
  response: AnswerResponse;
}

export interface StoredPlayer {
  playerToken: string;
  playerId: string;
  pending?: PendingAnswer;
}

const PREFIX = 'dangshi.player.';
const memory = new Map<string, string>();

function key(pin: string): string {
  return PREFIX + pin;
}

function readRaw(pin: string): string | null {
  try {
    const value = globalThis.localStorage?.getItem(key(pin));
    if (value !== null && value !== undefined) return value;
  } catch {
    // Storage disabled: the memory copy below is all we have.
  }
  return memory.get(key(pin)) ?? null;
}

function writeRaw(pin: string, value: string | null): void {
  if (value === null) memory.delete(key(pin));
  else memory.set(key(pin), value);
  try {
    if (value === null) globalThis.localStorage?.removeItem(key(pin));
    else globalThis.localStorage?.setItem(key(pin), value);
  } catch {
    // Kept in memory only; see the header comment.
  }
}

function isStoredPlayer(value: unknown): value is StoredPlayer {
  const v = value as StoredPlayer | null;
  return typeof v?.playerToken === 'string' && typeof v.playerId === 'string';
}

export function readPlayer(pin: string): StoredPlayer | null {
  const raw = readRaw(pin);
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isStoredPlayer(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function writePlayer(pin: string, player: StoredPlayer): void {
  writeRaw(pin, JSON.stringify(player));
}

export function clearPlayer(pin: string): void {
  writeRaw(pin, null);
}

/** Remembers (or forgets, with null) the answer being sent, next to the token. */
export function writePending(pin: string, pending: PendingAnswer | null): void {
  const player = readPlayer(pin);
  if (!player) return;
  const { pending: _old, ...rest } = player;
  writePlayer(pin, pending ? { ...rest, pending } : rest);
}
