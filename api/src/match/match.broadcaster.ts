// The only place the match domain reaches sockets. Every socket of a member that takes part in
// matchmaking or a match joins that member's room, so a phone that reconnects (a new socket)
// gets the next update as soon as it sends any match event, and a member with two tabs gets it
// in both. It also counts each member's sockets: a member is "connected" while one is left.
import { Injectable } from '@nestjs/common';
import type { MatchQueueView, MatchView } from '@dangshi/protocol';
import type { TypedServer, TypedSocket } from '../realtime/types';

export const matchUserRoom = (userId: string) => `match-user:${userId}`;

@Injectable()
export class MatchBroadcaster {
  private server: TypedServer | null = null;
  private readonly sockets = new Map<string, Set<string>>();

  attach(server: TypedServer): void {
    this.server = server;
  }

  /** Adds a member's socket; true when it is their first (they were away). */
  async join(socket: TypedSocket, userId: string): Promise<boolean> {
    let mine = this.sockets.get(userId);
    const first = !mine || mine.size === 0;
    if (!mine) this.sockets.set(userId, (mine = new Set()));
    mine.add(socket.id);
    await socket.join(matchUserRoom(userId));
    return first;
  }

  /** Removes a closed socket; true when it was the member's last one. */
  leave(socketId: string, userId: string): boolean {
    const mine = this.sockets.get(userId);
    if (!mine?.delete(socketId)) return false;
    if (mine.size > 0) return false;
    this.sockets.delete(userId);
    return true;
  }

  isConnected(userId: string): boolean {
    return (this.sockets.get(userId)?.size ?? 0) > 0;
  }

  queue(userId: string, view: MatchQueueView): void {
    this.server?.to(matchUserRoom(userId)).emit('match:queue', view);
  }

  match(userId: string, view: MatchView): void {
    this.server?.to(matchUserRoom(userId)).emit('match:view', view);
  }
}
