// The socket.io contract. Both sides type their Server/Socket from these two interfaces.
// Every client request carries an ack; every failure comes back as { ok: false, error }.
import type { AckCallback } from './ack';
import type {
  AnswerInput,
  AnswerProgress,
  AnswerReceipt,
  ContestView,
  HostCommandInput,
  JoinInput,
  JoinResult,
  LobbyView,
  PlayerView,
} from './contest';
import { MATCH_CLIENT_EVENTS, type MatchClientToServerEvents, type MatchServerToClientEvents } from './match';
import { STAGE_CLIENT_EVENTS, type StageClientToServerEvents, type StageServerToClientEvents } from './stage';

export interface ServerInfo {
  serverNow: number;
  version: string;
}

export interface HostWatchResult {
  view: ContestView;
  lobby: LobbyView;
}

export interface ServerToClientEvents extends StageServerToClientEvents, MatchServerToClientEvents {
  'server:hello': (info: ServerInfo) => void;
  /** The contest as this audience sees it; sent on every phase change. */
  'contest:view': (view: ContestView) => void;
  /** The player's own score, rank, answer and results. */
  'contest:me': (me: PlayerView) => void;
  /** Joined players (host and projector), throttled. */
  'contest:lobby': (lobby: LobbyView) => void;
  /** How many have answered the current question (host and projector), throttled. */
  'contest:progress': (progress: AnswerProgress) => void;
  /** The host removed this player. */
  'contest:kicked': () => void;
}

export interface ClientToServerEvents extends StageClientToServerEvents, MatchClientToServerEvents {
  /** Round-trip check; answers with the server clock so clients can estimate their offset. */
  'server:ping': (ack: AckCallback<ServerInfo>) => void;
  /** Join by PIN with a nickname (or as the logged-in member), or resume with a player token. */
  'contest:join': (input: JoinInput, ack: AckCallback<JoinResult>) => void;
  'contest:answer': (input: AnswerInput, ack: AckCallback<AnswerReceipt>) => void;
  /** The projector: follow a contest by PIN (no answer keys before the reveal). */
  'contest:watch': (input: { pin: string }, ack: AckCallback<HostWatchResult>) => void;
  /** The host console (host or admin who owns the contest). */
  'contest:host': (input: { contestId: string }, ack: AckCallback<HostWatchResult>) => void;
  'contest:command': (input: HostCommandInput, ack: AckCallback<{ phase: string }>) => void;
}

const CORE_CLIENT_EVENTS: Record<Exclude<keyof ClientToServerEvents, keyof StageClientToServerEvents | keyof MatchClientToServerEvents>, true> = {
  'server:ping': true,
  'contest:join': true,
  'contest:answer': true,
  'contest:watch': true,
  'contest:host': true,
  'contest:command': true,
};

/** Every event a client may send; the server refuses any other with a clear error. */
export const CLIENT_EVENT_NAMES = Object.keys({ ...CORE_CLIENT_EVENTS, ...STAGE_CLIENT_EVENTS, ...MATCH_CLIENT_EVENTS }) as (keyof ClientToServerEvents)[];
