// The only place the stage domain reaches sockets: after every change, each room gets its
// audience's view (the projector, each team, the host console, the judge consoles).
import { Injectable } from '@nestjs/common';
import type { TypedServer } from '../realtime/types';
import type { StageState } from './engine/types';
import { stageView, type StageMeta } from './stage-views';

export type StageRoom = 'screen' | 'host' | 'judge' | { team: string };

export function stageRoom(stageId: string, room: StageRoom): string {
  return typeof room === 'string' ? `stage:${stageId}:${room}` : `stage:${stageId}:team:${room.team}`;
}

@Injectable()
export class StageBroadcaster {
  private server: TypedServer | null = null;

  attach(server: TypedServer): void {
    this.server = server;
  }

  publish(state: StageState, meta: StageMeta, now: number): void {
    const io = this.server;
    if (!io) return;
    io.to(stageRoom(state.id, 'screen')).emit('stage:view', stageView(state, meta, 'screen', now));
    for (const team of state.teams) {
      io.to(stageRoom(state.id, { team: team.id })).emit('stage:view', stageView(state, meta, 'team', now, team.id));
    }
    io.to(stageRoom(state.id, 'host')).emit('stage:view', stageView(state, meta, 'host', now));
    io.to(stageRoom(state.id, 'judge')).emit('stage:view', stageView(state, meta, 'judge', now));
  }
}
