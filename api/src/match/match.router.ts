// The cluster-aware front of practice matches. With several api nodes, one of them at a time is
// the match hub (the `dsc:match-hub:owner` lease): it runs every queue, invite room and live
// match, so members on different nodes pair up and a match's answers all reach its engine.
// Other nodes forward each request to the hub over the socket.io adapter (`match:rpc`); views go
// to per-member rooms, which reach the member's sockets on any node. When the hub dies, the next
// node that needs it (a request, or the sweep within seconds) takes the lease and finishes the
// dead hub's matches from their stored answers, sending the phones the final view; members who
// were only waiting in a queue queue again. With one node every request is local.
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { MatchAnswerInput, MatchAnswerReceipt, MatchQueueView, MatchSize, MatchView } from '@dangshi/protocol';
import { MatchHubLease } from '../cluster/leases';
import { OwnerRouter } from '../cluster/owner-router';
import type { TypedServer } from '../realtime/types';
import { MatchBroadcaster, matchUserRoom } from './match.broadcaster';
import { MatchLobby } from './match.lobby';
import { MatchService } from './match.service';
import type { Waiter } from './matchmaking';

export type MatchRequest =
  | { op: 'queue'; member: Waiter; size: MatchSize }
  | { op: 'invite'; member: Waiter; size: MatchSize }
  | { op: 'accept'; member: Waiter; code: string }
  | { op: 'cancel'; userId: string }
  | { op: 'bot'; userId: string }
  | { op: 'resume'; userId: string; matchId: string }
  | { op: 'answer'; userId: string; input: MatchAnswerInput; arrived: number }
  | { op: 'connected'; userId: string }
  | { op: 'left'; userId: string };

/** The hub is one lease (`dsc:match-hub:owner`), not one per match. */
const HUB = '';

@Injectable()
export class MatchRouter implements OnApplicationBootstrap, BeforeApplicationShutdown, OnModuleDestroy {
  private server: TypedServer | null = null;
  /** This node is the hub (took the lease and finished the previous hub's matches). */
  private here = false;
  private readonly router: OwnerRouter<MatchRequest>;

  constructor(
    private readonly lobby: MatchLobby,
    private readonly matches: MatchService,
    private readonly broadcaster: MatchBroadcaster,
    private readonly leases: MatchHubLease,
  ) {
    this.router = new OwnerRouter<MatchRequest>({
      name: 'match hub',
      event: 'match:rpc',
      leases,
      io: () => this.server,
      idOf: () => HUB,
      isLocal: () => this.here,
      run: (r) => this.run(r),
      restore: async () => {
        await this.matches.recoverAll();
        this.here = true;
        return true;
      },
      notFound: 'MATCH_NOT_FOUND',
      // There is always a hub: a dead hub's matches are finished within seconds, not on demand.
      sweepIds: async () => [HUB],
    });
    if (leases.clustered) matches.presence = (userId) => this.present(userId);
  }

  /** The socket.io server (from the gateway's afterInit, before onApplicationBootstrap). */
  attach(server: TypedServer): void {
    this.server = server;
  }

  onApplicationBootstrap(): void {
    this.leases.start(() => {
      this.here = false;
      this.lobby.reset();
      this.matches.dropAll();
    });
    this.router.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.router.stop();
    // The next hub finishes this one's matches at once instead of after the lease expires.
    if (this.here) await this.leases.release(HUB);
    this.here = false;
  }

  onModuleDestroy(): void {
    this.router.stop();
  }

  queue(member: Waiter, size: MatchSize): Promise<MatchQueueView> {
    return this.route({ op: 'queue', member, size });
  }

  invite(member: Waiter, size: MatchSize): Promise<MatchQueueView> {
    return this.route({ op: 'invite', member, size });
  }

  accept(member: Waiter, code: string): Promise<MatchQueueView> {
    return this.route({ op: 'accept', member, code });
  }

  cancel(userId: string): Promise<{ cancelled: boolean }> {
    return this.route({ op: 'cancel', userId });
  }

  withBots(userId: string): Promise<MatchView> {
    return this.route({ op: 'bot', userId });
  }

  resume(userId: string, matchId: string): Promise<MatchView> {
    return this.route({ op: 'resume', userId, matchId });
  }

  answer(userId: string, input: MatchAnswerInput, arrived: number): Promise<MatchAnswerReceipt> {
    return this.route({ op: 'answer', userId, input, arrived });
  }

  /** A member's socket joined their room on this node (their first here). */
  connected(userId: string): Promise<void> {
    return this.route({ op: 'connected', userId });
  }

  /** The member's last socket on this node closed; the hub checks the other nodes. */
  left(userId: string): Promise<void> {
    return this.route({ op: 'left', userId });
  }

  private route<T>(request: MatchRequest): Promise<T> {
    return this.router.route(request) as Promise<T>;
  }

  /** Runs a request on this node (the hub). */
  private async run(r: MatchRequest): Promise<unknown> {
    switch (r.op) {
      case 'queue':
        return this.lobby.queue(r.member, r.size);
      case 'invite':
        return this.lobby.invite(r.member, r.size);
      case 'accept':
        return this.lobby.accept(r.member, r.code);
      case 'cancel':
        return this.lobby.cancel(r.userId);
      case 'bot':
        return this.lobby.withBots(r.userId);
      case 'resume':
        return this.matches.resume(r.userId, r.matchId);
      case 'answer':
        return this.matches.answer(r.userId, r.input, r.arrived);
      case 'connected':
        return this.matches.connection(r.userId, true);
      case 'left':
        // A phone that moved to another node (or has a second tab there) is still here.
        if (await this.present(r.userId)) return;
        // Gone: they leave any queue (a phone back online queues again), and a match starts
        // their grace period.
        this.lobby.cancel(r.userId);
        return this.matches.connection(r.userId, false);
    }
  }

  /**
   * Whether the member has a socket on any node. When a node does not answer (it died and the
   * adapter has not noticed yet), the member counts as present: a missed departure only means
   * no forfeit, a false one would forfeit a member who is still playing.
   */
  private async present(userId: string): Promise<boolean> {
    if (!this.leases.clustered || !this.server) return this.broadcaster.isConnected(userId);
    try {
      return (await this.server.in(matchUserRoom(userId)).fetchSockets()).length > 0;
    } catch {
      return true;
    }
  }
}
