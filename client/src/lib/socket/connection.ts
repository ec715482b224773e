// The one socket.io connection of the app, typed by the protocol. Pages never call io()
// themselves: they use `getConnection()`, read `status` reactively and call `emitWithAck`.
// Status and clock offset use createSubscriber so plain .ts code stays reactive in runes land.
import { io, type Socket } from 'socket.io-client';
import { createSubscriber } from 'svelte/reactivity';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@dangshi/protocol';
import { ackTimeoutError } from './ack-timeout';

export type ConnectionStatus = 'connected' | 'reconnecting' | 'offline';
export type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type ClientEvent = keyof ClientToServerEvents;
type Params<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>;
/** Events whose last argument is an ack callback, and the data / leading args of each. */
type AckEvent = {
  [E in ClientEvent]: Params<E> extends [...unknown[], (response: Ack<never>) => void] ? E : never;
}[ClientEvent];
type AckData<E extends AckEvent> =
  Params<E> extends [...unknown[], (response: Ack<infer T>) => void] ? T : never;
type AckArgs<E extends AckEvent> = Params<E> extends [...infer A, (response: never) => void] ? A : never;

export const DEFAULT_ACK_TIMEOUT_MS = 8_000;
/** A few pings are enough: we keep the one with the shortest round trip (least skewed). */
const CLOCK_SAMPLES = 3;

export class Connection {
  readonly socket: TypedSocket;

  #status: ConnectionStatus = 'offline';
  #clockOffsetMs = 0;
  #bestRttMs = Number.POSITIVE_INFINITY;
  #notify = new Set<() => void>();
  #subscribe = createSubscriber((update) => {
    this.#notify.add(update);
    return () => this.#notify.delete(update);
  });

  constructor() {
    // Same origin (no URL), websocket only: the api sits behind the same host and sticky
    // sessions are not needed when there is no long-polling fallback.
    this.socket = io({ path: '/socket.io', transports: ['websocket'], autoConnect: false });
    this.#watch();
  }

  /** connected / reconnecting / offline; reading it inside a component or $derived tracks it. */
  get status(): ConnectionStatus {
    this.#subscribe();
    return this.#status;
  }

  /** Server clock minus local clock, in ms; add it to Date.now() to get server time. */
  get clockOffsetMs(): number {
    this.#subscribe();
    return this.#clockOffsetMs;
  }

  serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  connect(): void {
    if (this.socket.connected || this.socket.active) return;
    this.#setStatus('reconnecting');
    this.socket.connect();
  }

  disconnect(): void {
    this.socket.disconnect();
    this.#setStatus('offline');
  }

  /** Connects if needed; true once connected, false if that takes longer than `timeoutMs`. */
  whenConnected(timeoutMs: number): Promise<boolean> {
    const socket = this.socket;
    if (socket.connected) return Promise.resolve(true);
    this.connect();
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        socket.off('connect', onConnect);
        resolve(ok);
      };
      const onConnect = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      socket.on('connect', onConnect);
    });
  }

  /**
   * Emits an event that the server acknowledges and resolves with its Ack. It never rejects:
   * a server that does not answer in time yields an error ack (code INTERNAL, see ack-timeout).
   */
  emitWithAck<E extends AckEvent>(event: E, ...args: AckArgs<E>): Promise<Ack<AckData<E>>> {
    return this.emitWithAckTimeout(DEFAULT_ACK_TIMEOUT_MS, event, ...args);
  }

  /** emitWithAck with an explicit timeout, e.g. a longer one for a slow host command. */
  emitWithAckTimeout<E extends AckEvent>(
    timeoutMs: number,
    event: E,
    ...args: AckArgs<E>
  ): Promise<Ack<AckData<E>>> {
    return new Promise((resolve) => {
      // socket.io's own timeout also drops the pending ack; its typed form does not fit a
      // generic event name, hence the narrow cast to a plain emitter.
      const emitter = this.socket.timeout(timeoutMs) as unknown as {
        emit(event: string, ...rest: unknown[]): void;
      };
      emitter.emit(event, ...args, (error: Error | null, response: Ack<AckData<E>>) => {
        resolve(error ? { ok: false, error: ackTimeoutError() } : response);
      });
    });
  }

  /** Estimates the clock offset from a few round trips; call after each (re)connect. */
  async syncClock(samples = CLOCK_SAMPLES): Promise<void> {
    this.#bestRttMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < samples && this.socket.connected; i++) {
      const sentAt = Date.now();
      const ack = await this.emitWithAck('server:ping');
      const receivedAt = Date.now();
      if (!ack.ok) continue;
      const rtt = receivedAt - sentAt;
      if (rtt < this.#bestRttMs) {
        this.#bestRttMs = rtt;
        // Assume the server stamped its clock halfway through the round trip.
        this.#clockOffsetMs = ack.data.serverNow - (sentAt + rtt / 2);
        this.#changed();
      }
    }
  }

  #watch(): void {
    this.socket.on('connect', () => {
      this.#setStatus('connected');
      void this.syncClock();
    });
    this.socket.on('disconnect', () => {
      // socket.active stays true while socket.io will retry by itself.
      this.#setStatus(this.socket.active ? 'reconnecting' : 'offline');
    });
    this.socket.on('connect_error', () => {
      this.#setStatus(this.socket.active ? 'reconnecting' : 'offline');
    });
    this.socket.io.on('reconnect_attempt', () => this.#setStatus('reconnecting'));
    this.socket.io.on('reconnect_failed', () => this.#setStatus('offline'));
  }

  #setStatus(next: ConnectionStatus): void {
    if (next === this.#status) return;
    this.#status = next;
    this.#changed();
  }

  #changed(): void {
    for (const update of this.#notify) update();
  }
}

let shared: Connection | null = null;

/** The app-wide connection, created on first use (never at import time, so prerender is safe). */
export function getConnection(): Connection {
  shared ??= new Connection();
  return shared;
}
