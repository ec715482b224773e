// One phone in one live contest (one PIN): joins, comes back after a reload or a dropped
// connection, keeps the server's views as rune state and gets the current answer to the
// server exactly once. The server owns the phase; this class only stores what it is sent.
//
// Reconnects: socket.io reconnects by itself, but the new socket is nobody until it joins
// again, so every 'connect' rejoins with the stored player token. Answers are only put on the
// wire while the socket is connected and joined (socket.io would otherwise buffer them and
// send them before the rejoin, where the server would not know the player).
import type { AnswerResponse, ContestView, ErrorBody, JoinInput, JoinResult, PlayerView } from '@dangshi/protocol';
import { NetworkError } from '$lib/api/http';
import { isAckTimeout } from '$lib/socket/ack-timeout';
import { getConnection, type Connection } from '$lib/socket/connection';
import { AnswerSlot, answerErrorAction } from './player-answer.svelte';
import { PlayerClock } from './player-clock.svelte';
import { clearPlayer, readPlayer, writePending, writePlayer } from './player-storage';

/**
 * idle: not started (join page); joining: waiting for the join ack; joined: in the contest;
 * needsJoin: no player token for this PIN; kicked: removed by the host; failed: see `failure`.
 */
export type PlayerState = 'idle' | 'joining' | 'joined' | 'needsJoin' | 'kicked' | 'failed';

/** How long a join waits for the socket before telling the user the network failed. */
const CONNECT_WAIT_MS = 12_000;
/** Pause before trying again after a timed-out ack: the hall Wi-Fi gets a moment. */
const RETRY_MS = 1_500;

export class PlayerSession {
  readonly pin: string;
  readonly connection: Connection;
  readonly clock: PlayerClock;

  view = $state<ContestView | null>(null);
  me = $state<PlayerView | null>(null);
  state = $state<PlayerState>('idle');
  /** Why the session cannot go on (an ErrorBody or a NetworkError), for errorText(). */
  failure = $state<unknown>(null);
  /** The answer to the current question (null in the lobby and after the contest). */
  slot = $state<AnswerSlot | null>(null);
  /** The question index me.currentAnswer belongs to (the PlayerView does not say). */
  #meAnswerIndex = $state(-1);

  /** Whether the current socket has joined as this player (reset on every disconnect). */
  #bound = false;
  /** Started on the play page or joined: only then does a reconnect rejoin. */
  #active = false;
  #joining: Promise<void> | null = null;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #off: (() => void)[] = [];

  constructor(pin: string, connection: Connection = getConnection()) {
    this.pin = pin;
    this.connection = connection;
    this.clock = new PlayerClock(connection);
    this.#listen();
  }

  /** The answer to show for the current question: the server's record first, else ours. */
  get shownAnswer(): AnswerResponse | null {
    const view = this.view;
    if (!view) return null;
    if (this.me?.currentAnswer && this.#meAnswerIndex === view.questionIndex) return this.me.currentAnswer;
    return this.slot?.questionIndex === view.questionIndex ? this.slot.response : null;
  }

  /**
   * The server has this question's answer: acknowledged, or (nothing of ours in flight) in its
   * own record, e.g. answered before a reload. While our answer awaits its ack the record does
   * not count: the server sends it before the answer is committed, the ack only after.
   */
  get answerReceived(): boolean {
    const view = this.view;
    if (!view) return false;
    const slot = this.slot?.questionIndex === view.questionIndex ? this.slot : null;
    if (slot?.status === 'received') return true;
    if (slot?.outstanding) return false;
    return Boolean(this.me?.currentAnswer && this.#meAnswerIndex === view.questionIndex);
  }

  /** The play page: resume as the stored player, or report that a join is needed. */
  start(): void {
    this.#active = true;
    if (this.state === 'joined' || this.state === 'kicked') {
      this.connection.connect();
      return;
    }
    if (!readPlayer(this.pin)) {
      this.state = 'needsJoin';
      return;
    }
    this.state = 'joining';
    this.failure = null;
    if (this.connection.socket.connected) void this.#rejoin();
    // Otherwise the 'connect' listener rejoins.
    else this.connection.connect();
  }

  /** Joins as a new player: with a nickname, or (nickname null) as the logged-in member. */
  async join(nickname: string | null, loggedIn = false): Promise<unknown> {
    const input: JoinInput = nickname === null ? { pin: this.pin } : { pin: this.pin, nickname };
    if (!(await this.#ensureConnected())) return new NetworkError(false);
    let ack = await this.connection.emitWithAck('contest:join', input);
    if (!ack.ok && ack.error.code === 'MEMBERS_ONLY' && loggedIn) {
      // The socket was opened before the login: reconnect so its handshake carries the cookie.
      this.connection.disconnect();
      if (!(await this.#ensureConnected())) return new NetworkError(false);
      ack = await this.connection.emitWithAck('contest:join', input);
    }
    if (!ack.ok) return ack.error;
    this.#active = true;
    this.#accept(ack.data);
    return null;
  }

  /** Records the choice and sends it (or keeps it until the connection is back). */
  answer(response: AnswerResponse): void {
    const slot = this.slot;
    if (!slot || !this.view || slot.questionIndex !== this.view.questionIndex) return;
    if (!slot.choose(response)) return;
    // Saved before sending: a reload while offline still has it.
    writePending(this.pin, slot.pending());
    void this.#flush();
  }

  /** The "try again" button of a failed session. */
  retry(): void {
    this.failure = null;
    this.start();
  }

  dispose(): void {
    for (const off of this.#off) off();
    this.#off = [];
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#active = false;
  }

  // ---- server messages -----------------------------------------------------------------------

  #listen(): void {
    const socket = this.connection.socket;
    const onConnect = () => {
      this.#bound = false;
      if (this.#active && (this.state === 'joined' || this.state === 'joining')) void this.#rejoin();
    };
    const onDisconnect = () => {
      this.#bound = false;
    };
    const onView = (view: ContestView) => {
      if (this.#active && view.pin === this.pin) this.#setView(view);
    };
    const onMe = (me: PlayerView) => {
      if (this.#active && me.playerId === readPlayer(this.pin)?.playerId) this.#setMe(me);
    };
    const onKicked = () => {
      if (!this.#active) return;
      this.state = 'kicked';
      writePending(this.pin, null);
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('contest:view', onView);
    socket.on('contest:me', onMe);
    socket.on('contest:kicked', onKicked);
    this.#off.push(
      () => socket.off('connect', onConnect),
      () => socket.off('disconnect', onDisconnect),
      () => socket.off('contest:view', onView),
      () => socket.off('contest:me', onMe),
      () => socket.off('contest:kicked', onKicked),
    );
  }

  #setView(view: ContestView): void {
    // A join ack can be overtaken by a broadcast sent just after it; keep the newer view.
    if (this.view && view.serverNow < this.view.serverNow) return;
    this.view = view;
    this.#syncSlot();
  }

  #setMe(me: PlayerView): void {
    this.me = me;
    const phase = this.view?.phase;
    if (me.currentAnswer && (phase === 'question' || phase === 'locked')) this.#meAnswerIndex = this.view!.questionIndex;
  }

  /** A new question index gets a fresh slot, or the one saved before a reload. */
  #syncSlot(): void {
    const view = this.view;
    if (!view || view.questionIndex < 0 || view.phase === 'podium' || view.phase === 'ended') {
      this.slot = null;
      return;
    }
    if (this.slot?.questionIndex === view.questionIndex) return;
    const pending = readPlayer(this.pin)?.pending;
    const restored = pending?.questionIndex === view.questionIndex ? pending : undefined;
    if (pending && !restored) writePending(this.pin, null);
    this.slot = new AnswerSlot(view.questionIndex, restored);
    void this.#flush();
  }

  // ---- joining -------------------------------------------------------------------------------

  #accept(result: JoinResult): void {
    const stored = readPlayer(this.pin);
    const pending = stored?.playerId === result.playerId ? stored.pending : undefined;
    writePlayer(this.pin, { playerToken: result.playerToken, playerId: result.playerId, ...(pending ? { pending } : {}) });
    this.#bound = true;
    this.state = 'joined';
    this.failure = null;
    this.#setView(result.contest);
    this.#setMe(result.me);
    // After a reload the server's own record is the proof the answer arrived.
    const slot = this.slot;
    const own = result.me.currentAnswer;
    if (slot && own && this.#meAnswerIndex === slot.questionIndex && !slot.outstanding) {
      slot.response = own;
      slot.status = 'received';
    }
    void this.#flush();
  }

  #rejoin(): Promise<void> {
    if (this.#joining) return this.#joining;
    const stored = readPlayer(this.pin);
    if (!stored) {
      this.state = 'needsJoin';
      return Promise.resolve();
    }
    if (!this.connection.socket.connected) {
      this.connection.connect();
      return Promise.resolve();
    }
    this.#joining = (async () => {
      const ack = await this.connection.emitWithAck('contest:join', { pin: this.pin, playerToken: stored.playerToken });
      if (ack.ok) this.#accept(ack.data);
      else this.#rejoinFailed(ack.error);
    })().finally(() => {
      this.#joining = null;
    });
    return this.#joining;
  }

  #rejoinFailed(error: ErrorBody): void {
    if (error.code === 'PLAYER_KICKED') {
      this.state = 'kicked';
      return;
    }
    // A dropped connection or a slow answer: the next 'connect' (or this timer) tries again.
    if (!this.connection.socket.connected) return;
    if (isAckTimeout(error)) {
      this.#later(() => void this.#rejoin(), RETRY_MS);
      return;
    }
    // The token is no good any more (contest over and forgotten, player unknown).
    if (error.code === 'PLAYER_NOT_FOUND' || error.code === 'CONTEST_NOT_FOUND') clearPlayer(this.pin);
    this.failure = error;
    this.state = 'failed';
  }

  #ensureConnected(): Promise<boolean> {
    return this.connection.whenConnected(CONNECT_WAIT_MS);
  }

  // ---- answering -----------------------------------------------------------------------------

  async #flush(): Promise<void> {
    const slot = this.slot;
    if (!slot || slot.status !== 'queued' || !slot.response) return;
    if (!this.#bound || !this.connection.socket.connected) return;
    slot.status = 'sending';
    const ack = await this.connection.emitWithAck('contest:answer', {
      pin: this.pin,
      questionIndex: slot.questionIndex,
      clientAnswerId: slot.clientAnswerId,
      response: slot.response,
    });
    if (ack.ok) {
      slot.status = 'received';
      slot.error = null;
      if (this.slot === slot) writePending(this.pin, null);
      return;
    }
    switch (answerErrorAction(ack.error, this.connection.socket.connected)) {
      case 'rejoin':
        slot.status = 'queued';
        // Connected but unknown to the server: join again, which sends the answer once done.
        if (this.connection.socket.connected) {
          this.#bound = false;
          void this.#rejoin();
        }
        return;
      case 'retry':
        slot.status = 'queued';
        this.#later(() => void this.#flush(), RETRY_MS);
        return;
      case 'notOpen': {
        slot.status = 'queued';
        const wait = (this.view?.answersOpenAt ?? 0) - this.connection.serverNow();
        this.#later(() => void this.#flush(), Math.min(5_000, Math.max(200, wait + 100)));
        return;
      }
      case 'final':
        slot.status = 'failed';
        slot.error = ack.error;
        if (this.slot === slot) writePending(this.pin, null);
        return;
    }
  }

  #later(work: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      work();
    }, ms);
    this.#timers.add(timer);
  }
}

let current: PlayerSession | null = null;

/**
 * The session for a PIN, shared by /join and /play so the join page's fresh join carries
 * straight over to the play page without a second round trip.
 */
export function playerSession(pin: string): PlayerSession {
  if (current?.pin !== pin) {
    current?.dispose();
    current = new PlayerSession(pin);
  }
  return current;
}

/** Ends the PIN's session; with keepJoined, a joined one stays for the page that follows. */
export function closePlayerSession(pin: string, keepJoined = false): void {
  if (current?.pin !== pin) return;
  if (keepJoined && current.state === 'joined') return;
  current.dispose();
  current = null;
}
