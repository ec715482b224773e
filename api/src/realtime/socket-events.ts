// Every client event's handler, registered once per server by the feature gateways, and
// dispatched from one `onAny` listener per socket (ConnectionGateway). Why not socket.on per
// event per socket: with ~20 events that is ~40 closures and listener slots on every phone's
// socket, a few KB per player in a 10,000-player contest (bench: heap per player).
import { Injectable } from '@nestjs/common';
import type { ClientToServerEvents } from '@dangshi/protocol';
import type { TypedSocket } from './types';

/** `payload` is the event's first argument (undefined when the client sent only an ack); `reply` its ack, if any. */
export type SocketEventHandler = (socket: TypedSocket, payload: unknown, reply: unknown) => void;

@Injectable()
export class SocketEvents {
  private readonly handlers = new Map<string, SocketEventHandler>();

  on(event: keyof ClientToServerEvents, handler: SocketEventHandler): void {
    if (this.handlers.has(event)) throw new Error(`socket event ${event} has two handlers`);
    this.handlers.set(event, handler);
  }

  handler(event: string): SocketEventHandler | undefined {
    return this.handlers.get(event);
  }

  /** Events of the contract nobody handles: a gateway forgot one (checked at start-up). */
  missing(events: readonly string[]): string[] {
    return events.filter((e) => !this.handlers.has(e));
  }
}
