// One member's practice match on this phone: the waiting room (queue, invite, accept, bot,
// cancel) and then the match itself, over the app's one socket. It keeps the server's views as
// rune state and gets each answer to the server exactly once; the server owns matchmaking,
// the phase, the clock and the scores, and this class only stores what it is sent.
//
// Reconnects: socket.io reconnects by itself, but the new socket is not in the match's room
// until it resumes, so every 'connect' resumes the match (or asks for the waiting room again)
// and only then sends an answer kept while offline, with its original client answer id.
import type { Ack, AnswerResponse, ErrorBody, MatchQueueView, MatchSize, MatchView } from '@dangshi/protocol';
import { NetworkError } from '$lib/api/http';
import { AnswerSlot } from '$lib/contest/player-answer.svelte';
import { PlayerClock } from '$lib/contest/player-clock.svelte';
import { isAckTimeout } from '$lib/socket/ack-timeout';
import { getConnection, type Connection } from '$lib/socket/connection';
import { matchAnswerAction, pendingFor, readPending, writePending } from './match-outbox';

/** How long a request waits for the socket before telling the member the network failed. */
const CONNECT_WAIT_MS = 12_000;
/** Pause before sending again after a timed-out ack. */
const RETRY_MS = 1_500;

/** An ack, or the socket could not be reached at all. */
type Outcome<T> = Ack<T> | { ok: false; error: NetworkError };

/** The error code of a failure, or null for a network failure. */
function codeOf(error: ErrorBody | NetworkError): string | null {
  return error instanceof NetworkError ? null : error.code;
}

/** What the member asked the waiting room for; asked again after a reconnect. */
type WaitRequest = { kind: 'queue'; size: MatchSize } | { kind: 'invite'; size: MatchSize } | { kind: 'accept'; code: string };

/**
 * idle: nothing asked yet; asking: a request is on its way; waiting: in the queue or an invite
 * room; cancelled: left the waiting room; matched: a match exists (see `view`).
 */
export type MatchClientState = 'idle' | 'asking' | 'waiting' | 'cancelled' | 'matched';

export class MatchClient {
  readonly connection: Connection;
  readonly clock: PlayerClock;

  state = $state<MatchClientState>('idle');
  queue = $state<MatchQueueView | null>(null);
  view = $state<MatchView | null>(null);
  /** The last refusal or network failure, for errorText(); cleared by the next success. */
  failure = $state<unknown>(null);
  /** The answer to the current question (kept through its reveal). */
  slot = $state<AnswerSlot | null>(null);

  #request: WaitRequest | null = null;
  #matchId: string | null = null;
  /** The current socket has resumed the match (reset on every disconnect). */
  #bound = false;
  #resuming: Promise<void> | null = null;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #off: (() => void)[] = [];

  constructor(connection: Connection = getConnection()) {
    this.connection = connection;
    this.clock = new PlayerClock(connection);
    this.#listen();
  }

  get matchId(): string | null {
    return this.#matchId;
  }

  // ---- the waiting room ----------------------------------------------------------------------

  /** Looks for opponents in the organisation. */
  queueFor(size: MatchSize): Promise<boolean> {
    return this.#wait({ kind: 'queue', size });
  }

  /** Opens a friend match; the queue view carries the invite code. */
  invite(size: MatchSize): Promise<boolean> {
    return this.#wait({ kind: 'invite', size });
  }

  /** Joins a friend's match by the code of its link. */
  accept(code: string): Promise<boolean> {
    return this.#wait({ kind: 'accept', code });
  }

  /** Fills the empty seats with bots and starts. */
  async bot(): Promise<boolean> {
    this.state = 'asking';
    const ack = await this.#call(() => this.connection.emitWithAck('match:bot', {}));
    if (!ack.ok) return this.#refused(ack.error, 'waiting');
    this.#request = null;
    this.#setView(ack.data);
    return true;
  }

  /** Leaves the queue or the invite room. */
  async cancel(): Promise<void> {
    this.#request = null;
    this.queue = null;
    this.state = 'cancelled';
    this.failure = null;
    if (!this.connection.socket.connected) return;
    const ack = await this.connection.emitWithAck('match:cancel', {});
    // Not waiting any more (e.g. matched meanwhile) is not worth an error on a page being left.
    if (!ack.ok && ack.error.code !== 'MATCH_NOT_WAITING') this.failure = ack.error;
  }

  async #wait(request: WaitRequest): Promise<boolean> {
    this.#request = request;
    this.#matchId = null;
    this.view = null;
    this.queue = null;
    this.state = 'asking';
    this.failure = null;
    const ack = await this.#send(request);
    // Read again after the await (TypeScript still narrows it to 'asking'): the member may
    // have cancelled, or a match:view may have overtaken the ack.
    const state = this.state as MatchClientState;
    if (!ack.ok) {
      // Already waiting elsewhere (another size, a friend's room, another tab): the server sent
      // that wait along with the refusal, so the phone shows it instead of an error.
      const elsewhere = this.queue as MatchQueueView | null;
      if (codeOf(ack.error) === 'MATCH_ALREADY_WAITING' && elsewhere && state === 'asking') {
        this.#request = elsewhere.kind === 'invite' && elsewhere.code ? { kind: 'accept', code: elsewhere.code } : { kind: 'queue', size: elsewhere.size };
        this.state = 'waiting';
        return true;
      }
      if (this.#request === request) this.#request = null;
      return this.#refused(ack.error, 'idle');
    }
    // Cancelled while the request was on its way: leave the wait the server has just opened.
    if (this.#request !== request && state === 'cancelled') {
      void this.connection.emitWithAck('match:cancel', {});
      return false;
    }
    // The last seat filled the match: its match:view may already have overtaken the ack.
    if (this.#request === request && state !== 'matched') {
      this.queue = ack.data;
      this.state = 'waiting';
    }
    return true;
  }

  #send(request: WaitRequest): Promise<Outcome<MatchQueueView>> {
    switch (request.kind) {
      case 'queue':
        return this.#call(() => this.connection.emitWithAck('match:queue', { size: request.size }));
      case 'invite':
        return this.#call(() => this.connection.emitWithAck('match:invite', { size: request.size }));
      case 'accept':
        return this.#call(() => this.connection.emitWithAck('match:accept', { code: request.code }));
    }
  }

  /**
   * Back on a new socket while waiting. The server takes a member whose last socket closed out
   * of the queue, so the phone queues again; a friend match's creator goes back into the room by
   * its code, or opens a new room (a new link) if the room closed when they dropped out of it.
   */
  async #rewait(): Promise<void> {
    const request = this.#request;
    if (!request || this.state !== 'waiting') return;
    const code = request.kind === 'invite' ? this.queue?.code : null;
    let ack = await this.#send(code ? { kind: 'accept', code } : request);
    if (code && !ack.ok && codeOf(ack.error) === 'MATCH_INVITE_INVALID' && this.#request === request) ack = await this.#send(request);
    if (this.#request !== request || this.state !== 'waiting') return;
    if (ack.ok) {
      this.queue = ack.data;
      this.failure = null;
    } else if (codeOf(ack.error) !== 'MATCH_ALREADY_WAITING') {
      // The seat is gone for good (e.g. a friend's room closed): say so, offer a new start.
      this.#request = null;
      this.queue = null;
      this.failure = ack.error;
      this.state = 'idle';
    }
  }

  #refused(error: ErrorBody | NetworkError, state: MatchClientState): false {
    this.failure = error;
    if (this.state === 'asking') this.state = state;
    return false;
  }

  // ---- the match -----------------------------------------------------------------------------

  /** The match page: shows the match `id` and keeps it up to date (after a reload, too). */
  open(id: string): void {
    if (this.#matchId !== id) {
      this.#matchId = id;
      if (this.view?.id !== id) this.view = null;
      this.slot = null;
    }
    this.#request = null;
    this.queue = null;
    this.failure = null;
    this.state = 'matched';
    void this.#resume();
  }

  /**
   * The waiting room opened again: forget the last match so its view neither shows nor sends
   * the member back to it. A match still running goes on without this phone; the server
   * counts a player who does not come back as forfeited.
   */
  reset(): void {
    if (this.state === 'waiting' || this.state === 'asking') return;
    this.#matchId = null;
    this.#request = null;
    this.view = null;
    this.queue = null;
    this.slot = null;
    this.failure = null;
    this.state = 'idle';
  }

  /** Records the choice and sends it (or keeps it until the connection is back). */
  answer(response: AnswerResponse): void {
    const slot = this.slot;
    const view = this.view;
    if (!slot || !view || view.phase !== 'question' || slot.questionIndex !== view.index) return;
    if (!slot.choose(response)) return;
    // Saved before sending: a reload while offline still has it.
    writePending(view.id, slot.pending());
    void this.#flush();
  }

  /** The "try again" button after the match could not be opened. */
  retry(): void {
    this.failure = null;
    if (this.#matchId) void this.#resume();
  }

  dispose(): void {
    for (const off of this.#off) off();
    this.#off = [];
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #resume(): Promise<void> {
    const id = this.#matchId;
    if (!id) return Promise.resolve();
    this.#resuming ??= (async () => {
      const ack = await this.#call(() => this.connection.emitWithAck('match:resume', { matchId: id }));
      if (this.#matchId !== id) return;
      if (!ack.ok) {
        // A dropped socket tries again on its next 'connect'; a slow server after a pause.
        if (!this.connection.socket.connected) return;
        if (!(ack.error instanceof NetworkError) && isAckTimeout(ack.error)) this.#later(() => void this.#resume(), RETRY_MS);
        else this.failure = ack.error;
        return;
      }
      this.#bound = true;
      this.failure = null;
      this.#setView(ack.data);
      void this.#flush();
    })().finally(() => {
      this.#resuming = null;
    });
    return this.#resuming;
  }

  #setView(view: MatchView): void {
    if (this.#matchId && view.id !== this.#matchId) return;
    // An ack can be overtaken by a broadcast sent just after it; keep the newer view.
    if (this.view?.id === view.id && view.serverNow < this.view.serverNow) return;
    if (!this.#matchId) {
      // The waiting room just became a match.
      this.#matchId = view.id;
      this.#request = null;
      this.queue = null;
      this.#bound = true;
    }
    this.view = view;
    this.state = 'matched';
    this.#syncSlot(view);
  }

  /** A new question gets a fresh answer slot, or the one saved before a reload. */
  #syncSlot(view: MatchView): void {
    if (view.phase === 'finished') {
      this.slot = null;
      writePending(view.id, null);
      return;
    }
    if (view.phase !== 'question' || this.slot?.questionIndex === view.index) return;
    const stored = readPending(view.id);
    const restored = pendingFor(view, stored);
    if (stored && !restored) writePending(view.id, null);
    this.slot = new AnswerSlot(view.index, restored ?? undefined);
    void this.#flush();
  }

  async #flush(): Promise<void> {
    const slot = this.slot;
    const id = this.#matchId;
    if (!slot || !id || slot.status !== 'queued' || !slot.response) return;
    if (!this.#bound || !this.connection.socket.connected) return;
    slot.status = 'sending';
    const ack = await this.connection.emitWithAck('match:answer', {
      matchId: id,
      index: slot.questionIndex,
      clientAnswerId: slot.clientAnswerId,
      response: slot.response,
    });
    if (ack.ok) {
      slot.status = 'received';
      slot.error = null;
      if (this.slot === slot) writePending(id, null);
      return;
    }
    switch (matchAnswerAction(ack.error, this.connection.socket.connected)) {
      case 'resend':
        // The 'connect' handler resumes and sends it again with the same id.
        slot.status = 'queued';
        return;
      case 'retry':
        slot.status = 'queued';
        this.#later(() => void this.#flush(), RETRY_MS);
        return;
      case 'final':
        slot.status = 'failed';
        slot.error = ack.error;
        if (this.slot === slot) writePending(id, null);
        return;
    }
  }

  // ---- the socket ----------------------------------------------------------------------------

  #listen(): void {
    const socket = this.connection.socket;
    const onConnect = () => {
      this.#bound = false;
      if (this.#matchId) void this.#resume();
      else void this.#rewait();
    };
    const onDisconnect = () => {
      this.#bound = false;
    };
    const onQueue = (queue: MatchQueueView) => {
      if (this.state === 'waiting' || this.state === 'asking') this.queue = queue;
    };
    const onView = (view: MatchView) => {
      // While waiting, the first view is the match that was just made; later only our match.
      if (this.#matchId ? view.id === this.#matchId : this.state === 'waiting' || this.state === 'asking') this.#setView(view);
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('match:queue', onQueue);
    socket.on('match:view', onView);
    this.#off.push(
      () => socket.off('connect', onConnect),
      () => socket.off('disconnect', onDisconnect),
      () => socket.off('match:queue', onQueue),
      () => socket.off('match:view', onView),
    );
  }

  /**
   * Sends once the socket is up; a socket that cannot connect gives a NetworkError. A socket
   * opened before the member logged in carries no session: it is reconnected once (the new
   * handshake sends the cookie) and the request repeated.
   */
  async #call<T>(send: () => Promise<Ack<T>>): Promise<Outcome<T>> {
    if (!(await this.#connected())) return { ok: false, error: new NetworkError(false) };
    const ack = await send();
    if (ack.ok || ack.error.code !== 'UNAUTHENTICATED') return ack;
    this.connection.disconnect();
    if (!(await this.#connected())) return { ok: false, error: new NetworkError(false) };
    return send();
  }

  #connected(): Promise<boolean> {
    return this.connection.whenConnected(CONNECT_WAIT_MS);
  }

  #later(work: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      work();
    }, ms);
    this.#timers.add(timer);
  }
}

let current: MatchClient | null = null;

/**
 * The member's match client, shared by the waiting room and the match page so the match that
 * the waiting room just received carries straight over without a second round trip.
 */
export function matchClient(): MatchClient {
  current ??= new MatchClient();
  return current;
}
