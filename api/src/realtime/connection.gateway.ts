// Connection-level socket work shared by every feature gateway: the greeting with the server
// clock, the ping for clock offset, the session check (see socket-user.ts), and the one
// listener per socket that hands each event to its registered handler (socket-events.ts) or
// refuses it clearly when nobody handles it.
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import { CLIENT_EVENT_NAMES, SESSION_COOKIE, type Ack } from '@dangshi/protocol';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/app-error';
import { toErrorAck } from '../common/error-mapping';
import { SocketEvents } from './socket-events';
import { cookieValue, type SocketAuthData } from './socket-user';
import type { TypedSocket } from './types';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@WebSocketGateway()
export class ConnectionGateway implements OnGatewayConnection, OnApplicationBootstrap {
  constructor(
    private readonly auth: AuthService,
    private readonly events: SocketEvents,
  ) {
    events.on('server:ping', (_socket, _payload, reply) => {
      if (typeof reply === 'function') reply({ ok: true, data: { serverNow: Date.now(), version: VERSION } });
    });
  }

  /** Every event of the contract must have a handler by now: fail at start-up, not on a phone. */
  onApplicationBootstrap(): void {
    const missing = this.events.missing(CLIENT_EVENT_NAMES);
    if (missing.length) throw new Error(`socket events without a handler: ${missing.join(', ')}`);
  }

  async handleConnection(socket: TypedSocket): Promise<void> {
    socket.emit('server:hello', { serverNow: Date.now(), version: VERSION });
    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const reply = typeof last === 'function' ? last : undefined;
      const payload = args.length > (reply ? 1 : 0) ? args[0] : undefined;
      const handler = this.events.handler(event);
      if (handler) {
        try {
          handler(socket, payload, reply);
        } catch (error) {
          // Handlers answer their own errors through the ack; this is a bug, not a refusal.
          new Logger('Socket').error(error instanceof Error ? error.stack : String(error));
        }
      } else if (reply) {
        (reply as (a: Ack<never>) => void)(toErrorAck(new AppError('VALIDATION_FAILED', `unknown event ${event}`)));
      }
    });
    const data = socket.data as SocketAuthData;
    const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    // The handshake's HTTP request (with its buffers) is not needed once the cookie is read;
    // freeing it saves a few KB per connected phone (socket.io's own memory advice).
    (socket.conn as unknown as { request: unknown }).request = null;
    data.ready = (async () => {
      if (!token) return;
      const auth = await this.auth.authenticate(token);
      if (auth && !auth.user.mustChangePassword) {
        data.user = { id: auth.user.id, role: auth.user.role, displayName: auth.user.displayName };
      }
    })().catch(() => undefined);
    await data.ready;
    // Settled: later handlers need not wait, and ten thousand settled promises are heap for nothing.
    data.ready = undefined;
  }
}
