// The waiting room's rules: which match the URL asks for, how long the member has waited of the
// server's 15 seconds, and the invite link. Pure, so the page is a function of the server's
// MatchQueueView and the corrected clock.
import { MATCH_QUEUE_WAIT_MS, MATCH_SIZES, type MatchQueueView, type MatchSize } from '@dangshi/protocol';

/** What /practice/match?… asks for: an invite to accept, a size to queue for, or a choice. */
export type LobbyRequest = { kind: 'accept'; code: string } | { kind: 'queue'; size: MatchSize } | { kind: 'choose' } | { kind: 'badInvite' };

const CODE = /^[A-Za-z0-9]{6,12}$/;

export function parseSize(value: string | null): MatchSize | null {
  const n = Number(value);
  return (MATCH_SIZES as readonly number[]).includes(n) ? (n as MatchSize) : null;
}

export function lobbyRequest(search: URLSearchParams): LobbyRequest {
  const invite = search.get('invite');
  if (invite !== null) {
    const code = invite.trim();
    return CODE.test(code) ? { kind: 'accept', code } : { kind: 'badInvite' };
  }
  const size = parseSize(search.get('size'));
  return size ? { kind: 'queue', size } : { kind: 'choose' };
}

export function inviteUrl(origin: string, code: string): string {
  return `${origin}/practice/match?invite=${encodeURIComponent(code)}`;
}

export interface WaitProgress {
  /** Whole seconds waited, at most the wait limit. */
  seconds: number;
  max: number;
  /** 0…1 for the ring/bar. */
  fraction: number;
}

export function waitProgress(view: MatchQueueView, serverNow: number, waitMs = MATCH_QUEUE_WAIT_MS): WaitProgress {
  const max = Math.round(waitMs / 1000);
  const waited = Math.min(waitMs, Math.max(0, serverNow - view.since));
  return { seconds: view.timedOut ? max : Math.floor(waited / 1000), max, fraction: view.timedOut ? 1 : waited / waitMs };
}

/** The seats still empty in an invite room (or the queue), for "已加入 n / size". */
export function openSeats(view: MatchQueueView): number {
  return Math.max(0, view.size - view.waiting.length);
}
