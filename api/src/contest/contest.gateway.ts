// The live contest over socket.io: validates every payload with the protocol's zod schemas,
// maps it to a service call and answers with a typed ack. No game rule lives here.
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  answerInputSchema,
  hostCommandInputSchema,
  hostWatchInputSchema,
  joinInputSchema,
  watchInputSchema,
  type AnswerReceipt,
  type HostWatchResult,
  type JoinResult,
} from '@dangshi/protocol';
import { AppError } from '../common/app-error';
import { SocketEvents } from '../realtime/socket-events';
import { parsePayload, replyTo } from '../realtime/socket-reply';
import { socketUser, type SocketAuthData } from '../realtime/socket-user';
import type { TypedServer, TypedSocket } from '../realtime/types';
import { ContestBroadcaster, contestRoom, playerRoom } from './contest.broadcaster';
import { ContestRouter } from './contest.router';
import type { PlayerRef, Viewer } from './contest.service';

interface SocketData extends SocketAuthData {
  player?: PlayerRef;
}

@WebSocketGateway()
export class ContestGateway implements OnGatewayInit, OnGatewayDisconnect {
  @WebSocketServer() server: TypedServer;

  constructor(
    private readonly contests: ContestRouter,
    private readonly broadcaster: ContestBroadcaster,
    events: SocketEvents,
  ) {
    // Registered once, dispatched per socket by ConnectionGateway (see socket-events.ts). Every
    // handler still validates with zod and answers with a typed ack.
    events.on('contest:join', (socket, payload, reply) => void this.replyAuthed(socket, reply, () => this.join(socket, payload)));
    events.on('contest:answer', (socket, payload, reply) => void replyTo(reply, () => this.answer(socket, payload), 'ContestGateway'));
    events.on('contest:watch', (socket, payload, reply) => void this.replyAuthed(socket, reply, () => this.watch(socket, payload)));
    events.on('contest:host', (socket, payload, reply) => void this.replyAuthed(socket, reply, () => this.host(socket, payload)));
    events.on('contest:command', (socket, payload, reply) => void this.replyAuthed(socket, reply, () => this.command(socket, payload)));
  }

  afterInit(server: TypedServer): void {
    this.broadcaster.attach(server);
  }

  private async replyAuthed<T>(socket: TypedSocket, callback: unknown, work: () => Promise<T> | T): Promise<void> {
    await socketUser(socket);
    await replyTo(callback, work, 'ContestGateway');
  }

  handleDisconnect(socket: TypedSocket): void {
    const player = (socket.data as SocketData).player;
    if (player) this.contests.disconnected(player);
  }

  private async join(socket: TypedSocket, payload: unknown): Promise<JoinResult> {
    const input = parsePayload(joinInputSchema, payload);
    const data = socket.data as SocketData;
    const { ref, ...result } = await this.contests.join(input, data.user ?? null);
    if (data.player && data.player.playerId !== ref.playerId) this.contests.disconnected(data.player);
    data.player = ref;
    await socket.join([contestRoom(ref.contestId, 'players'), playerRoom(ref.playerId)]);
    return result;
  }

  private answer(socket: TypedSocket, payload: unknown): Promise<AnswerReceipt> {
    const input = parsePayload(answerInputSchema, payload);
    const player = (socket.data as SocketData).player;
    if (!player) throw new AppError('PLAYER_NOT_FOUND');
    return this.contests.answer(player, input);
  }

  private async watch(socket: TypedSocket, payload: unknown): Promise<HostWatchResult> {
    const { pin } = parsePayload(watchInputSchema, payload);
    const { contestId, result } = await this.contests.watchAsScreen(pin);
    await socket.join(contestRoom(contestId, 'screen'));
    return result;
  }

  private async host(socket: TypedSocket, payload: unknown): Promise<HostWatchResult> {
    const { contestId } = parsePayload(hostWatchInputSchema, payload);
    const user = (socket.data as SocketData).user;
    if (!user) throw new AppError('UNAUTHENTICATED');
    const result = await this.contests.watchAsHost(contestId, user);
    await socket.join(contestRoom(contestId, 'host'));
    return result;
  }

  private command(socket: TypedSocket, payload: unknown): Promise<{ phase: string }> {
    const input = parsePayload(hostCommandInputSchema, payload);
    const user = (socket.data as SocketData).user;
    if (!user) throw new AppError('UNAUTHENTICATED');
    return this.contests.command(input.contestId, input.action, user, input.playerId);
  }
}
