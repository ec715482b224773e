// The cluster-aware front of the stage contest. With several api nodes, each stage in use has one
// owner node (a `dsc:stage:<id>:owner` lease); the gateway calls this router, which runs a
// request on the owner (here, or forwarded over the socket.io adapter as `stage:rpc`), and takes
// the stage over from the database (snapshot + stage_audit rows) when its owner died. `now` is
// always the arrival time on the node that received the socket event, so buzzes keep the order
// in which they reached the servers (nodes must keep their clocks in sync, e.g. with NTP). Views
// reach every node through the adapter's rooms. A sweep takes over running stages left without
// an owner, so an answer-time deadline still fires. With one node every request is local.
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StageAudience, StageBuzzResult, StageHostCommand, StageJudgeCommand, StageView } from '@dangshi/protocol';
import { StageLeases } from '../cluster/leases';
import { OwnerRouter } from '../cluster/owner-router';
import type { SocketUser } from '../realtime/socket-user';
import type { TypedServer } from '../realtime/types';
import { StageRecord } from './stage.entities';
import { StageService, type TeamRef } from './stage.service';

export type StageRequest =
  | { op: 'open'; stageId: string }
  | { op: 'team'; stageId: string; token: string }
  | { op: 'staff'; stageId: string; user: SocketUser | null; role: 'host' | 'judge' }
  | { op: 'view'; stageId: string; audience: StageAudience; now: number; teamId: string | null }
  | { op: 'host'; stageId: string; user: SocketUser | null; input: StageHostCommand; now: number }
  | { op: 'judge'; stageId: string; user: SocketUser | null; input: StageJudgeCommand; now: number }
  | { op: 'buzz'; stageId: string; team: TeamRef; now: number }
  | { op: 'risk'; stageId: string; team: TeamRef; value: number; now: number }
  | { op: 'submit'; stageId: string; team: TeamRef; answer: string; now: number };

@Injectable()
export class StageRouter implements OnApplicationBootstrap, OnModuleDestroy {
  private server: TypedServer | null = null;
  private readonly router: OwnerRouter<StageRequest>;

  constructor(
    private readonly stages: StageService,
    leases: StageLeases,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.router = new OwnerRouter<StageRequest>({
      name: 'stage',
      event: 'stage:rpc',
      leases,
      io: () => this.server,
      idOf: (r) => r.stageId,
      isLocal: (id) => stages.isLive(id),
      run: (r) => this.run(r),
      restore: (id) => stages.restore(id),
      notFound: 'STAGE_NOT_FOUND',
      // Only a running stage has a clock (the answer-time deadline) that must keep going.
      sweepIds: async () =>
        (await dataSource.getRepository(StageRecord).find({ where: { status: 'running' }, select: ['id'] })).map((r) => r.id),
    });
  }

  /** The socket.io server (from the gateway's afterInit, before onApplicationBootstrap). */
  attach(server: TypedServer): void {
    this.server = server;
  }

  onApplicationBootstrap(): void {
    this.router.start();
  }

  onModuleDestroy(): void {
    this.router.stop();
  }

  /** Throws STAGE_NOT_FOUND for an unknown stage. */
  async open(stageId: string): Promise<void> {
    await this.router.route({ op: 'open', stageId });
  }

  async teamByToken(stageId: string, token: string): Promise<TeamRef> {
    return (await this.router.route({ op: 'team', stageId, token })) as TeamRef;
  }

  async authoriseStaff(stageId: string, user: SocketUser | undefined, role: 'host' | 'judge'): Promise<void> {
    await this.router.route({ op: 'staff', stageId, user: user ?? null, role });
  }

  async view(stageId: string, audience: StageAudience, now: number, teamId: string | null = null): Promise<StageView> {
    return (await this.router.route({ op: 'view', stageId, audience, now, teamId })) as StageView;
  }

  async host(user: SocketUser | undefined, input: StageHostCommand, now: number): Promise<StageView> {
    return (await this.router.route({ op: 'host', stageId: input.stageId, user: user ?? null, input, now })) as StageView;
  }

  async judge(user: SocketUser | undefined, input: StageJudgeCommand, now: number): Promise<StageView> {
    return (await this.router.route({ op: 'judge', stageId: input.stageId, user: user ?? null, input, now })) as StageView;
  }

  async buzz(team: TeamRef, now: number): Promise<StageBuzzResult> {
    return (await this.router.route({ op: 'buzz', stageId: team.stageId, team, now })) as StageBuzzResult;
  }

  async pickRisk(team: TeamRef, value: number, now: number): Promise<StageView> {
    return (await this.router.route({ op: 'risk', stageId: team.stageId, team, value, now })) as StageView;
  }

  async submit(team: TeamRef, answer: string, now: number): Promise<StageView> {
    return (await this.router.route({ op: 'submit', stageId: team.stageId, team, answer, now })) as StageView;
  }

  /** Runs a request on this node (which owns the stage). */
  private run(r: StageRequest): Promise<unknown> | unknown {
    switch (r.op) {
      case 'open':
        return this.stages.open(r.stageId);
      case 'team':
        return this.stages.teamByToken(r.stageId, r.token);
      case 'staff':
        return this.stages.authoriseStaff(r.stageId, r.user ?? undefined, r.role);
      case 'view':
        return this.stages.view(r.stageId, r.audience, r.now, r.teamId);
      case 'host':
        return this.stages.host(r.user ?? undefined, r.input, r.now);
      case 'judge':
        return this.stages.judge(r.user ?? undefined, r.input, r.now);
      case 'buzz':
        return this.stages.buzz(r.team, r.now);
      case 'risk':
        return this.stages.pickRisk(r.team, r.value, r.now);
      case 'submit':
        return this.stages.submit(r.team, r.answer, r.now);
    }
  }
}
