// The stage contest over socket.io: validates every payload with the protocol's zod schemas,
// takes the arrival time first, checks who may do what, and answers with a typed ack. The
// team of a team device is the one its token named (socket.data), the judge of a judge command
// is the session's user: neither ever comes from a command's payload. No rule lives here.
// Everything goes through StageRouter, which runs it on the stage's owner node (maybe another).
import { WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import {
  stageBuzzInputSchema,
  stageHostCommandSchema,
  stageJudgeCommandSchema,
  stageRiskInputSchema,
  stageStaffJoinInputSchema,
  stageSubmitInputSchema,
  stageTeamJoinInputSchema,
  stageWatchInputSchema,
  type StageBuzzResult,
  type StageClientToServerEvents,
  type StageView,
} from '@dangshi/protocol';
import { AppError } from '../common/app-error';
import { SocketEvents } from '../realtime/socket-events';
import { parsePayload, replyTo } from '../realtime/socket-reply';
import { socketUser, type SocketAuthData } from '../realtime/socket-user';
import type { TypedServer, TypedSocket } from '../realtime/types';
import { StageBroadcaster, stageRoom } from './stage.broadcaster';
import { StageRouter } from './stage.router';
import type { TeamRef } from './stage.service';

interface SocketData extends SocketAuthData {
  /** Set by stage:team: the team this device plays for. */
  stageTeam?: TeamRef;
}

const CONTEXT = 'StageGateway';

@WebSocketGateway()
export class StageGateway implements OnGatewayInit {
  @WebSocketServer() server: TypedServer;

  constructor(
    private readonly stages: StageRouter,
    private readonly broadcaster: StageBroadcaster,
    events: SocketEvents,
  ) {
    // Registered once, dispatched per socket by ConnectionGateway (see socket-events.ts). Each
    // takes Date.now() first: the server's arrival time is what decides a buzz (passed along
    // when the owner is another node).
    const on = <T>(event: keyof StageClientToServerEvents, work: (socket: TypedSocket, payload: unknown, now: number) => Promise<T>) =>
      events.on(event, (socket, payload, reply) => {
        const now = Date.now();
        void replyTo(reply, () => work(socket, payload, now), CONTEXT);
      });
    on('stage:watch', (socket, p, now) => this.watch(socket, p, now));
    on('stage:team', (socket, p, now) => this.team(socket, p, now));
    on('stage:staff', (socket, p, now) => this.staff(socket, p, now));
    on('stage:host', async (socket, p, now) => this.stages.host(await socketUser(socket), parsePayload(stageHostCommandSchema, p), now));
    on('stage:judge', async (socket, p, now) => this.stages.judge(await socketUser(socket), parsePayload(stageJudgeCommandSchema, p), now));
    on('stage:buzz', async (socket, p, now) => this.buzz(socket, p, now));
    on('stage:risk', async (socket, p, now) => {
      const input = parsePayload(stageRiskInputSchema, p);
      return this.stages.pickRisk(this.teamOf(socket, input.stageId), input.value, now);
    });
    on('stage:submit', async (socket, p, now) => {
      const input = parsePayload(stageSubmitInputSchema, p);
      return this.stages.submit(this.teamOf(socket, input.stageId), input.answer, now);
    });
  }

  afterInit(server: TypedServer): void {
    this.broadcaster.attach(server);
    this.stages.attach(server);
  }

  private async watch(socket: TypedSocket, payload: unknown, now: number): Promise<StageView> {
    const { stageId } = parsePayload(stageWatchInputSchema, payload);
    await this.stages.open(stageId);
    await socket.join(stageRoom(stageId, 'screen'));
    return this.stages.view(stageId, 'screen', now);
  }

  private async team(socket: TypedSocket, payload: unknown, now: number): Promise<StageView> {
    const { stageId, token } = parsePayload(stageTeamJoinInputSchema, payload);
    const ref = await this.stages.teamByToken(stageId, token);
    const data = socket.data as SocketData;
    // One device, one team: a device that switches team leaves the other team's room.
    if (data.stageTeam && (data.stageTeam.stageId !== ref.stageId || data.stageTeam.teamId !== ref.teamId)) {
      await socket.leave(stageRoom(data.stageTeam.stageId, { team: data.stageTeam.teamId }));
    }
    data.stageTeam = ref;
    await socket.join(stageRoom(stageId, { team: ref.teamId }));
    return this.stages.view(stageId, 'team', now, ref.teamId);
  }

  private async staff(socket: TypedSocket, payload: unknown, now: number): Promise<StageView> {
    const { stageId, role } = parsePayload(stageStaffJoinInputSchema, payload);
    await this.stages.authoriseStaff(stageId, await socketUser(socket), role);
    await socket.join(stageRoom(stageId, role));
    return this.stages.view(stageId, role, now);
  }

  private buzz(socket: TypedSocket, payload: unknown, now: number): Promise<StageBuzzResult> {
    const { stageId } = parsePayload(stageBuzzInputSchema, payload);
    return this.stages.buzz(this.teamOf(socket, stageId), now);
  }

  /** Buzz, stake and answer come from a team device that joined this stage with its token. */
  private teamOf(socket: TypedSocket, stageId: string): TeamRef {
    const team = (socket.data as SocketData).stageTeam;
    if (!team || team.stageId !== stageId) throw new AppError('STAGE_TEAM_TOKEN');
    return team;
  }
}
