// Practice matches over socket.io: validates every payload with the protocol's zod schemas,
// checks that the socket belongs to a member, maps it to a lobby or match call and answers with
// a typed ack. No game rule lives here. Every call goes through MatchRouter, which runs it on the
// match hub (this node or another).
import { WebSocketGateway, WebSocketServer, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import {
  matchAcceptInputSchema,
  matchAnswerInputSchema,
  matchInviteInputSchema,
  matchQueueInputSchema,
  matchResumeInputSchema,
  type MatchClientToServerEvents,
} from '@dangshi/protocol';
import { z } from 'zod';
import { SocketEvents } from '../realtime/socket-events';
import { parsePayload, replyTo } from '../realtime/socket-reply';
import { socketUser, type SocketAuthData } from '../realtime/socket-user';
import type { TypedServer, TypedSocket } from '../realtime/types';
import { MatchMembers } from './match-members';
import { MatchBroadcaster } from './match.broadcaster';
import { MatchRouter } from './match.router';
import type { Waiter } from './matchmaking';

interface SocketData extends SocketAuthData {
  /** Set once the socket has been checked as a member's and joined their room. */
  matchMember?: Waiter;
}

const emptyInput = z.union([z.object({}), z.undefined(), z.null()]);

@WebSocketGateway()
export class MatchGateway implements OnGatewayInit, OnGatewayDisconnect {
  @WebSocketServer() server: TypedServer;

  constructor(
    private readonly members: MatchMembers,
    private readonly hub: MatchRouter,
    private readonly broadcaster: MatchBroadcaster,
    events: SocketEvents,
  ) {
    // Registered once, dispatched per socket by ConnectionGateway (see socket-events.ts).
    // Each takes Date.now() first: an answer is judged at its arrival on this node.
    const on = (event: keyof MatchClientToServerEvents, work: (member: Waiter, payload: unknown, now: number) => unknown) =>
      events.on(event, (socket, payload, reply) => {
        const now = Date.now();
        void this.handle(socket, reply, (member) => work(member, payload, now));
      });
    on('match:queue', (m, payload) => this.hub.queue(m, parsePayload(matchQueueInputSchema, payload).size));
    on('match:cancel', (m, payload) => {
      parsePayload(emptyInput, payload);
      return this.hub.cancel(m.userId);
    });
    on('match:bot', (m, payload) => {
      parsePayload(emptyInput, payload);
      return this.hub.withBots(m.userId);
    });
    on('match:invite', (m, payload) => this.hub.invite(m, parsePayload(matchInviteInputSchema, payload).size));
    on('match:accept', (m, payload) => this.hub.accept(m, parsePayload(matchAcceptInputSchema, payload).code));
    on('match:resume', (m, payload) => this.hub.resume(m.userId, parsePayload(matchResumeInputSchema, payload).matchId));
    on('match:answer', (m, payload, now) => this.hub.answer(m.userId, parsePayload(matchAnswerInputSchema, payload), now));
  }

  afterInit(server: TypedServer): void {
    this.broadcaster.attach(server);
    this.hub.attach(server);
  }

  handleDisconnect(socket: TypedSocket): void {
    const member = (socket.data as SocketData).matchMember;
    if (!member || !this.broadcaster.leave(socket.id, member.userId)) return;
    // The member's last socket on this node is gone; the hub decides whether it was their last
    // anywhere (then they leave any queue, and a match starts their grace period).
    this.hub.left(member.userId).catch(() => undefined);
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
    if (await this.broadcaster.join(socket, member.userId)) await this.hub.connected(member.userId);
    return member;
  }
}
