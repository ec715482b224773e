// The only place the contest domain reaches sockets: typed emits to rooms. The service calls it
// with states; it decides which audience gets which view. Broadcasts go to a room once (encoded
// once); per-player messages only where they differ.
import { Injectable } from '@nestjs/common';
import type { TypedServer } from '../realtime/types';
import type { ContestState } from './engine/types';
import { answerProgress, contestView, lobbyView, playerView } from './engine/views';

/** Lobby lists and answer counts change with every join/answer: send them at most this often. */
export const THROTTLE_MS = 250;
const PHONE_COUNT_EVERY_MS = 1000;

export type Audience = 'players' | 'screen' | 'host';
export const contestRoom = (contestId: string, audience: Audience) => `contest:${contestId}:${audience}`;
export const playerRoom = (playerId: string) => `player:${playerId}`;

@Injectable()
export class ContestBroadcaster {
  private server: TypedServer | null = null;
  private readonly throttled = new Map<string, NodeJS.Timeout>();

  attach(server: TypedServer): void {
    this.server = server;
  }

  /** The socket.io server (for the router's node-to-node requests). */
  get io(): TypedServer | null {
    return this.server;
  }

  publishView(state: ContestState, now: number): void {
    const io = this.server;
    if (!io) return;
    io.to(contestRoom(state.id, 'players')).emit('contest:view', contestView(state, 'player', now));
    io.to(contestRoom(state.id, 'screen')).emit('contest:view', contestView(state, 'screen', now));
    io.to(contestRoom(state.id, 'host')).emit('contest:view', contestView(state, 'host', now));
  }

  publishPlayers(state: ContestState, playerIds: string[] | 'all'): void {
    const io = this.server;
    if (!io) return;
    const ids = playerIds === 'all' ? state.playerOrder : playerIds;
    for (const id of ids) {
      const player = state.players[id];
      if (player && !player.kicked) io.to(playerRoom(id)).emit('contest:me', playerView(state, player));
    }
  }

  /**
   * Trailing-edge throttle: the latest lobby list reaches host and projector within 250 ms; in
   * the lobby, phones get the player count too, at most once a second (one broadcast per second
   * keeps a join storm linear, where a broadcast per join made it quadratic).
   */
  publishLobby(state: ContestState): void {
    this.throttle(`lobby:${state.id}`, () => {
      const lobby = lobbyView(state);
      this.server?.to([contestRoom(state.id, 'screen'), contestRoom(state.id, 'host')]).emit('contest:lobby', lobby);
    });
    if (state.phase === 'lobby') {
      this.throttle(
        `count:${state.id}`,
        () => {
          if (state.phase === 'lobby') this.server?.to(contestRoom(state.id, 'players')).emit('contest:view', contestView(state, 'player', Date.now()));
        },
        PHONE_COUNT_EVERY_MS,
      );
    }
  }

  publishProgress(state: ContestState): void {
    this.throttle(`progress:${state.id}`, () => {
      const progress = answerProgress(state);
      this.server?.to([contestRoom(state.id, 'screen'), contestRoom(state.id, 'host')]).emit('contest:progress', progress);
    });
  }

  /** Players whose phones are connected right now, on any node (after a failover). */
  async presentPlayers(contestId: string): Promise<string[]> {
    if (!this.server) return [];
    try {
      const sockets = await this.server.in(contestRoom(contestId, 'players')).fetchSockets();
      return sockets.map((s) => (s.data as { player?: { playerId: string } }).player?.playerId).filter((id): id is string => Boolean(id));
    } catch {
      return [];
    }
  }

  kicked(state: ContestState, playerId: string): void {
    const io = this.server;
    if (!io) return;
    io.to(playerRoom(playerId)).emit('contest:kicked');
    io.in(playerRoom(playerId)).socketsLeave(contestRoom(state.id, 'players'));
  }

  stop(): void {
    for (const timer of this.throttled.values()) clearTimeout(timer);
    this.throttled.clear();
  }

  private throttle(key: string, send: () => void, everyMs = THROTTLE_MS): void {
    if (this.throttled.has(key)) return;
    this.throttled.set(
      key,
      setTimeout(() => {
        this.throttled.delete(key);
        send();
      }, everyMs),
    );
  }
}
