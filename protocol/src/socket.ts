// The socket.io contract. Both sides type their Server/Socket from these two interfaces.
// Live-contest events are added by the contest module; this is the connection-level core.
import type { AckCallback } from './ack';

export interface ServerInfo {
  serverNow: number;
  version: string;
}

export interface ServerToClientEvents {
  'server:hello': (info: ServerInfo) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check; answers with the server clock so clients can estimate their offset. */
  'server:ping': (ack: AckCallback<ServerInfo>) => void;
}
