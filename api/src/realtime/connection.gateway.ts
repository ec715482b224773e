// Connection-level socket work shared by every feature gateway: the greeting with the server
// clock, the ping for clock offset, the session check (see socket-user.ts) and a clear refusal
// of unknown events.
import { WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import { CLIENT_EVENT_NAMES, SESSION_COOKIE, type Ack } from '@dangshi/protocol';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/app-error';
import { toErrorAck } from '../common/error-mapping';
import { cookieValue, type SocketAuthData } from './socket-user';
import type { TypedSocket } from './types';

const VERSION = process.env.npm_package_version ?? '0.1.0';
const KNOWN_EVENTS = new Set<string>(CLIENT_EVENT_NAMES);

@WebSocketGateway()
export class ConnectionGateway implements OnGatewayConnection {
  constructor(private readonly auth: AuthService) {}

  async handleConnection(socket: TypedSocket): Promise<void> {
    socket.emit('server:hello', { serverNow: Date.now(), version: VERSION });
    // Plain listeners, not @SubscribeMessage: Nest wraps each subscribed event of each socket in
    // rxjs observables, which cost several KB per phone (bench: heap per player).
    socket.on('server:ping', (reply) => {
      if (typeof reply === 'function') reply({ ok: true, data: { serverNow: Date.now(), version: VERSION } });
    });
    // Unknown events with an ack get a clear refusal instead of a silent timeout.
    socket.onAny((event: string, ...args: unknown[]) => {
      const callback = args.at(-1);
      if (!KNOWN_EVENTS.has(event) && typeof callback === 'function') {
        (callback as (a: Ack<never>) => void)(toErrorAck(new AppError('VALIDATION_FAILED', `unknown event ${event}`)));
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
