// The answer not yet acknowledged in a match, kept in this tab's sessionStorage (memory when
// storage is off) so a reload while the network is gone does not lose it; and what to do with
// an error ack. The answer itself (its one client id, its status) is the contest's AnswerSlot:
// the id is made once per question and every resend carries it, and the server counts an id
// once, so a resend after a dropped connection is never scored twice.
import type { ErrorBody, MatchView } from '@dangshi/protocol';
import type { AnswerStatus } from '../contest/player-answer.svelte';
import type { PendingAnswer } from '../contest/player-storage';
import { isAckTimeout } from '../socket/ack-timeout';

const KEY = 'dangshi.match.pending';
let memory: string | null = null;

interface StoredPending extends PendingAnswer {
  matchId: string;
}

function readRaw(): string | null {
  try {
    const value = globalThis.sessionStorage?.getItem(KEY);
    if (value !== null && value !== undefined) return value;
  } catch {
    // Storage disabled: the memory copy is all there is.
  }
  return memory;
}

function writeRaw(value: string | null): void {
  memory = value;
  try {
    if (value === null) globalThis.sessionStorage?.removeItem(KEY);
    else globalThis.sessionStorage?.setItem(KEY, value);
  } catch {
    // Memory only; it still covers a dropped connection, just not a reload.
  }
}

function isStored(value: unknown): value is StoredPending {
  const v = value as StoredPending | null;
  return (
    typeof v?.matchId === 'string' &&
    typeof v.questionIndex === 'number' &&
    typeof v.clientAnswerId === 'string' &&
    typeof v.response === 'object' &&
    v.response !== null
  );
}

/** The stored answer of this match, if any (one match at a time per tab). */
export function readPending(matchId: string): PendingAnswer | null {
  const raw = readRaw();
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isStored(parsed) || parsed.matchId !== matchId) return null;
    const { matchId: _id, ...pending } = parsed;
    return pending;
  } catch {
    return null;
  }
}

/** Remembers the answer being sent (null: forgets it, e.g. once acknowledged). */
export function writePending(matchId: string, pending: PendingAnswer | null): void {
  writeRaw(pending ? JSON.stringify({ matchId, ...pending } satisfies StoredPending) : null);
}

/** A stored answer still belongs on the wire only while its question is open. */
export function pendingFor(view: MatchView, pending: PendingAnswer | null): PendingAnswer | null {
  if (!pending || view.phase !== 'question' || pending.questionIndex !== view.index) return null;
  return pending;
}

/**
 * After an error ack: 'resend' when the socket dropped (sent again after the reconnect and the
 * resume), 'retry' when the server did not answer in time (same id again shortly), 'final'
 * for a refusal (too late, match over): shown, not retried.
 */
export type MatchAnswerAction = 'resend' | 'retry' | 'final';

export function matchAnswerAction(error: ErrorBody, connected: boolean): MatchAnswerAction {
  if (!connected) return 'resend';
  if (isAckTimeout(error)) return 'retry';
  return 'final';
}

/**
 * The status the question screen shows. The server's "answered" flag is proof the answer got
 * there (e.g. answered before a reload); while our own send is still outstanding it is not
 * trusted yet, because only the ack says this very answer was counted.
 */
export function shownStatus(slot: AnswerStatus, serverAnswered: boolean): AnswerStatus {
  if (slot === 'received') return 'received';
  if (slot === 'queued' || slot === 'sending') return slot;
  if (serverAnswered) return 'received';
  return slot;
}
