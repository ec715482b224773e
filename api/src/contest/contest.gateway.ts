// The live contest over socket.io: validates every payload with the protocol's zod schemas,
// maps it to a service call and answers with a typed ack. No game rule lives here.
import { Logger } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { ZodType } from 'zod';
import {
  answerInputSchema,
  hostCommandInputSchema,
  hostWatchInputSchema,
  joinInputSchema,
  SESSION_COOKIE,
  watchInputSchema,
  type Ack,
  type AnswerReceipt,
  type ClientToServerEvents,
  type HostWatchResult,
  type JoinResult,
} from '@dangshi/protocol';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/app-error';
import { toErrorAck, zodIssues } from '../common/error-mapping';
import type { TypedServer, TypedSocket } from '../realtime/types';
import { ContestBroadcaster, contestRoom, playerRoom } from './contest.broadcaster';
import { ContestRouter } from './contest.router';
import type { PlayerRef, Viewer } from './contest.service';

interface SocketData {
  /** Resolves once the session cookie has been checked (a database read): handlers await it. */
  ready?: Promise<void>;
  user?: Viewer;
  player?: PlayerRef;
}

const KNOWN_EVENTS = new Set<string>([
  'server:ping',
  'contest:join',
  'contest:answer',
  'contest:watch',
  'contest:host',
  'contest:command',
] satisfies (keyof ClientToServerEvents)[]);

function parse<T>(schema: ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload);
  if (!result.success) throw new AppError('VALIDATION_FAILED', undefined, zodIssues(result.error));
  return result.data;
}

async function ack<T>(work: () => T | Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (!(error instanceof AppError)) new Logger('ContestGateway').error(error instanceof Error ? error.stack : String(error));
    return toErrorAck(error);
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

@WebSocketGateway()
export class ContestGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() server: TypedServer;

  constructor(
    private readonly contests: ContestRouter,
    private readonly broadcaster: ContestBroadcaster,
    private readonly auth: AuthService,
  ) {}

  afterInit(server: TypedServer): void {
    this.broadcaster.attach(server);
  }

  async handleConnection(socket: TypedSocket): Promise<void> {
    const data = socket.data as SocketData;
    // Handlers are plain socket.io listeners, not @SubscribeMessage: Nest wraps each subscribed
    // event of each socket in rxjs observables, which cost several KB per phone (bench:
    // heap per player). Every handler still validates with zod and answers with a typed ack.
    socket.on('contest:join', (payload, reply) => void this.replyAuthed(socket, reply, () => this.join(socket, payload)));
    socket.on('contest:answer', (payload, reply) => void this.reply(reply, () => this.answer(socket, payload)));
    socket.on('contest:watch', (payload, reply) => void this.replyAuthed(socket, reply, () => this.watch(socket, payload)));
    socket.on('contest:host', (payload, reply) => void this.replyAuthed(socket, reply, () => this.host(socket, payload)));
    socket.on('contest:command', (payload, reply) => void this.replyAuthed(socket, reply, () => this.command(socket, payload)));
    // Unknown events with an ack get a clear refusal instead of a silent timeout.
    socket.onAny((event: string, ...args: unknown[]) => {
      const callback = args.at(-1);
      if (!KNOWN_EVENTS.has(event) && typeof callback === 'function') {
        (callback as (a: Ack<never>) => void)(toErrorAck(new AppError('VALIDATION_FAILED', `unknown event ${event}`)));
      }
    });
    // The same session cookie as HTTP (same origin): hosts and members are recognised.
    const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    // The handshake's HTTP request (with its buffers) is not needed once the cookie is read;
    // freeing it saves a few KB per connected phone (socket.io's own memory advice).
    (socket.conn as unknown as { request: unknown }).request = null;
    // Handlers are registered above before this check ends, so each awaits `ready`: a host's
    // first command must not race its own authentication.
    data.ready = (async () => {
      if (!token) return;
      const auth = await this.auth.authenticate(token);
      if (auth && !auth.user.mustChangePassword) {
        data.user = { id: auth.user.id, role: auth.user.role, displayName: auth.user.displayName };
      }
    })().catch(() => undefined);
    await data.ready;
    // Settled: later handlers need not wait, and ten thousand settled promises are heap for nothing.
    data.ready = undefined;
  }

  /** Sends the handler's result (or its error) as the ack, when the client asked for one. */
  private async reply<T>(callback: unknown, work: () => Promise<T> | T): Promise<void> {
    const result = await ack(work);
    if (typeof callback === 'function') (callback as (r: Ack<T>) => void)(result);
  }

  private async replyAuthed<T>(socket: TypedSocket, callback: unknown, work: () => Promise<T> | T): Promise<void> {
    await (socket.data as SocketData).ready;
    const result = await ack(work);
    if (typeof callback === 'function') (callback as (r: Ack<T>) => void)(result);
  }

  handleDisconnect(socket: TypedSocket): void {
    const player = (socket.data as SocketData).player;
    if (player) this.contests.disconnected(player);
  }

  private async join(socket: TypedSocket, payload: unknown): Promise<JoinResult> {
    const input = parse(joinInputSchema, payload);
    const data = socket.data as SocketData;
    const { ref, ...result } = await this.contests.join(input, data.user ?? null);
    if (data.player && data.player.playerId !== ref.playerId) this.contests.disconnected(data.player);
    data.player = ref;
    await socket.join([contestRoom(ref.contestId, 'players'), playerRoom(ref.playerId)]);
    return result;
  }

  private answer(socket: TypedSocket, payload: unknown): Promise<AnswerReceipt> {
    const input = parse(answerInputSchema, payload);
    const player = (socket.data as SocketData).player;
    if (!player) throw new AppError('PLAYER_NOT_FOUND');
    return this.contests.answer(player, input);
  }

  private async watch(socket: TypedSocket, payload: unknown): Promise<HostWatchResult> {
    const { pin } = parse(watchInputSchema, payload);
    const { contestId, result } = await this.contests.watchAsScreen(pin);
    await socket.join(contestRoom(contestId, 'screen'));
    return result;
  }

  private async host(socket: TypedSocket, payload: unknown): Promise<HostWatchResult> {
    const { contestId } = parse(hostWatchInputSchema, payload);
    const user = (socket.data as SocketData).user;
    if (!user) throw new AppError('UNAUTHENTICATED');
    const result = await this.contests.watchAsHost(contestId, user);
    await socket.join(contestRoom(contestId, 'host'));
    return result;
  }

  private command(socket: TypedSocket, payload: unknown): Promise<{ phase: string }> {
    const input = parse(hostCommandInputSchema, payload);
    const user = (socket.data as SocketData).user;
    if (!user) throw new AppError('UNAUTHENTICATED');
    return this.contests.command(input.contestId, input.action, user, input.playerId);
  }
}
