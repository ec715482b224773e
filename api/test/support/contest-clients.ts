// Real socket.io clients for medium tests: a host (with the session cookie), a projector and
// players, each recording every payload it receives.
import { io, type Socket } from 'socket.io-client';
import {
  SESSION_COOKIE,
  type Ack,
  type ClientToServerEvents,
  type ContestView,
  type JoinResult,
  type PlayerView,
  type ServerToClientEvents,
} from '@dangshi/protocol';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connect(url: string, cookie?: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : undefined,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export async function call<T>(socket: ClientSocket, event: string, payload?: unknown): Promise<Ack<T>> {
  // Untyped on purpose: tests also send malformed payloads and unknown events.
  const raw = socket as unknown as { timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<Ack<T>> } };
  return payload === undefined ? raw.timeout(10_000).emitWithAck(event) : raw.timeout(10_000).emitWithAck(event, payload);
}

export async function ok<T>(promise: Promise<Ack<T>>): Promise<T> {
  const ack = await promise;
  if (!ack.ok) throw new Error(`refused: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** A player that remembers everything the server sent it. */
export class TestPlayer {
  views: ContestView[] = [];
  me: PlayerView[] = [];
  received: { event: string; payload: unknown }[] = [];
  playerId = '';
  token = '';
  kicked = false;

  constructor(
    public socket: ClientSocket,
    readonly pin: string,
    readonly nickname: string,
  ) {
    this.listen();
  }

  static async join(url: string, pin: string, nickname: string): Promise<TestPlayer> {
    const player = new TestPlayer(await connect(url), pin, nickname);
    const result = await ok(call<JoinResult>(player.socket, 'contest:join', { pin, nickname }));
    player.adopt(result);
    return player;
  }

  /** A new connection with the same player token, as a reloaded phone does. */
  async reconnect(url: string): Promise<JoinResult> {
    this.socket.disconnect();
    this.socket = await connect(url);
    this.listen();
    const result = await ok(call<JoinResult>(this.socket, 'contest:join', { pin: this.pin, playerToken: this.token }));
    this.adopt(result);
    return result;
  }

  get view(): ContestView | undefined {
    return this.views.at(-1);
  }

  get latestMe(): PlayerView | undefined {
    return this.me.at(-1);
  }

  waitFor(predicate: (view: ContestView) => boolean, timeoutMs = 15_000): Promise<ContestView> {
    return waitUntil(() => {
      const v = this.view;
      return v && predicate(v) ? v : undefined;
    }, timeoutMs, `${this.nickname} waiting for a view`);
  }

  private adopt(result: JoinResult): void {
    this.playerId = result.playerId;
    this.token = result.playerToken;
    this.views.push(result.contest);
    this.me.push(result.me);
    this.received.push({ event: 'join-ack', payload: result });
  }

  private listen(): void {
    this.socket.on('contest:view', (v) => {
      this.views.push(v);
      this.received.push({ event: 'contest:view', payload: v });
    });
    this.socket.on('contest:me', (m) => {
      this.me.push(m);
      this.received.push({ event: 'contest:me', payload: m });
    });
    this.socket.on('contest:kicked', () => {
      this.kicked = true;
    });
    this.socket.onAny((event, payload) => {
      if (event !== 'contest:view' && event !== 'contest:me') this.received.push({ event, payload });
    });
  }
}

export async function waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
