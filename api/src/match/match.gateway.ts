// Practice matches over socket.io: validates every payload with the protocol's zod schemas,
// checks that the socket belongs to a member, maps it to a lobby or match call and answers with
// a typed ack. No game rule lives here.
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import {
  matchAcceptInputSchema,
  matchAnswerInputSchema,
  matchInviteInputSchema,
  matchQueueInputSchema,
  matchResumeInputSchema,
  type MatchClientToServerEvents,
} from '@dangshi/protocol';
import { z } from 'zod';
import { parsePayload, replyTo } from '../realtime/socket-reply';
import { socketUser, type SocketAuthData } from '../realtime/socket-user';
import type { TypedServer, TypedSocket } from '../realtime/types';
import { MatchMembers } from './match-members';
import { MatchBroadcaster } from './match.broadcaster';
import { MatchLobby } from './match.lobby';
import { MatchService } from './match.service';
import type { Waiter } from './matchmaking';

interface SocketData extends SocketAuthData {
  /** Set once the socket has been checked as a member's and joined their room. */
  matchMember?: Waiter;
}

const emptyInput = z.union([z.object({}), z.undefined(), z.null()]);

@WebSocketGateway()
export class MatchGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() server: TypedServer;

  constructor(
    private readonly members: MatchMembers,
    private readonly lobby: MatchLobby,
    private readonly matches: MatchService,
    private readonly broadcaster: MatchBroadcaster,
  ) {}

  afterInit(server: TypedServer): void {
    this.broadcaster.attach(server);
  }

  handleConnection(socket: TypedSocket): void {
    // Plain listeners, not @SubscribeMessage (see ContestGateway: cheaper per phone).
    const on = (event: keyof MatchClientToServerEvents, work: (member: Waiter, payload: unknown) => unknown) =>
      socket.on(event, (payload: unknown, reply: unknown) => void this.handle(socket, reply, (member) => work(member, payload)));
    on('match:queue', (m, payload) => this.lobby.queue(m, parsePayload(matchQueueInputSchema, payload).size));
    on('match:cancel', (m, payload) => {
      parsePayload(emptyInput, payload);
      return this.lobby.cancel(m.userId);
    });
    on('match:bot', (m, payload) => {
      parsePayload(emptyInput, payload);
      return this.lobby.withBots(m.userId);
    });
    on('match:invite', (m, payload) => this.lobby.invite(m, parsePayload(matchInviteInputSchema, payload).size));
    on('match:accept', (m, payload) => this.lobby.accept(m, parsePayload(matchAcceptInputSchema, payload).code));
    on('match:resume', (m, payload) => this.matches.resume(m.userId, parsePayload(matchResumeInputSchema, payload).matchId));
    on('match:answer', (m, payload) => this.matches.answer(m.userId, parsePayload(matchAnswerInputSchema, payload)));
  }

  handleDisconnect(socket: TypedSocket): void {
    const member = (socket.data as SocketData).matchMember;
    if (!member || !this.broadcaster.leave(socket.id, member.userId)) return;
    // The member's last socket is gone: they leave any queue (a phone back online queues
    // again), and a match starts their grace period.
    this.lobby.cancel(member.userId);
    void this.matches.connection(member.userId, false);
  }

  private handle<T>(socket: TypedSocket, reply: unknown, work: (member: Waiter) => T | Promise<T>): Promise<void> {
    return replyTo(reply, async () => work(await this.member(socket)), 'MatchGateway');
  }

  /** The socket's member (checked once), in their room; a member coming back is connected again. */
  private async member(socket: TypedSocket): Promise<Waiter> {
    const data = socket.data as SocketData;
    if (data.matchMember) return data.matchMember;
    const member = await this.members.require(await socketUser(socket));
    if (socket.disconnected) return member;
    data.matchMember = member;
    if (await this.broadcaster.join(socket, member.userId)) await this.matches.connection(member.userId, true);
    return member;
  }
}
