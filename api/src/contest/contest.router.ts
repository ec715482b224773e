// The cluster-aware front of the live contest. The gateway calls the router; the shared
// OwnerRouter (cluster/owner-router.ts) runs a request on this node when it owns the contest,
// forwards it to the owner through the socket.io adapter (`contest:rpc`) when another node does,
// and takes the contest over — restoring it from the database — when nobody does (its owner
// died); its sweep takes over orphaned contests. With one node (no Redis) every request is local.
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type Repository } from 'typeorm';
import type {
  AnswerInput,
  AnswerReceipt,
  ContestLookup,
  HostAction,
  HostWatchResult,
  JoinInput,
  JoinResult,
} from '@dangshi/protocol';
import { ContestLeases } from '../cluster/leases';
import { OwnerRouter } from '../cluster/owner-router';
import { AppError } from '../common/app-error';
import { ContestBroadcaster } from './contest.broadcaster';
import { ContestRecord } from './contest.entities';
import { ContestService, type PlayerRef, type Viewer } from './contest.service';

export type ContestRequest =
  | { op: 'lookup'; contestId: string; pin: string }
  | { op: 'join'; contestId: string; input: JoinInput; user: Viewer | null }
  | { op: 'answer'; contestId: string; ref: PlayerRef; input: AnswerInput }
  | { op: 'watchScreen'; contestId: string; pin: string }
  | { op: 'watchHost'; contestId: string; user: Viewer }
  | { op: 'command'; contestId: string; action: HostAction; user: Viewer; playerId?: string }
  | { op: 'disconnected'; contestId: string; ref: PlayerRef };

@Injectable()
export class ContestRouter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly router: OwnerRouter<ContestRequest>;

  constructor(
    private readonly contests: ContestService,
    private readonly leases: ContestLeases,
    broadcaster: ContestBroadcaster,
    @InjectRepository(ContestRecord) private readonly records: Repository<ContestRecord>,
  ) {
    this.router = new OwnerRouter<ContestRequest>({
      name: 'contest',
      event: 'contest:rpc',
      leases,
      io: () => broadcaster.io,
      idOf: (r) => r.contestId,
      isLocal: (id) => contests.isRunning(id),
      run: (r) => this.run(r),
      restore: (id) => contests.restoreOne(id),
      notFound: 'CONTEST_NOT_FOUND',
      // A contest not ended must keep its clock going even when no phone asks for it.
      sweepIds: async () => (await records.find({ where: { phase: Not('ended') }, select: ['id'] })).map((r) => r.id),
    });
  }

  onApplicationBootstrap(): void {
    this.router.start();
  }

  onModuleDestroy(): void {
    this.router.stop();
  }

  async lookup(pin: string): Promise<ContestLookup> {
    const contestId = await this.contestIdByPin(pin);
    return (await this.route({ op: 'lookup', contestId, pin })) as ContestLookup;
  }

  async join(input: JoinInput, user: Viewer | null): Promise<JoinResult & { ref: PlayerRef }> {
    const contestId = await this.contestIdByPin(input.pin);
    return (await this.route({ op: 'join', contestId, input, user })) as JoinResult & { ref: PlayerRef };
  }

  async answer(ref: PlayerRef, input: AnswerInput): Promise<AnswerReceipt> {
    return (await this.route({ op: 'answer', contestId: ref.contestId, ref, input })) as AnswerReceipt;
  }

  async watchAsScreen(pin: string): Promise<{ contestId: string; result: HostWatchResult }> {
    const contestId = await this.contestIdByPin(pin);
    return { contestId, result: (await this.route({ op: 'watchScreen', contestId, pin })) as HostWatchResult };
  }

  async watchAsHost(contestId: string, user: Viewer): Promise<HostWatchResult> {
    return (await this.route({ op: 'watchHost', contestId, user })) as HostWatchResult;
  }

  async command(contestId: string, action: HostAction, user: Viewer, playerId?: string): Promise<{ phase: string }> {
    return (await this.route({ op: 'command', contestId, action, user, playerId })) as { phase: string };
  }

  disconnected(ref: PlayerRef): void {
    void this.route({ op: 'disconnected', contestId: ref.contestId, ref }).catch(() => undefined);
  }

  /** Runs a request on this node (which owns the contest). */
  private run(request: ContestRequest): Promise<unknown> | unknown {
    switch (request.op) {
      case 'lookup':
        return this.contests.lookup(request.pin);
      case 'join':
        return this.contests.join(request.input, request.user);
      case 'answer':
        return this.contests.answer(request.ref, request.input);
      case 'watchScreen':
        return this.contests.watchAsScreen(request.pin).result;
      case 'watchHost':
        return this.contests.watchAsHost(request.contestId, request.user);
      case 'command':
        return this.contests.command(request.contestId, request.action, request.user, request.playerId);
      case 'disconnected':
        return this.contests.disconnected(request.ref);
    }
  }

  private route(request: ContestRequest): Promise<unknown> {
    return this.router.route(request);
  }

  private async contestIdByPin(pin: string): Promise<string> {
    const local = this.contests.idByPin(pin);
    if (local) return local;
    if (this.leases.clustered) {
      const row = await this.records.findOne({ where: { pin, phase: Not('ended') }, select: ['id'], order: { createdAt: 'DESC' } });
      if (row) return row.id;
    }
    throw new AppError('CONTEST_NOT_FOUND');
  }
}
