// Connection-level socket events: greeting with the server clock and a ping for clock offset.
import { WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import type { TypedSocket } from './types';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@WebSocketGateway()
export class ConnectionGateway implements OnGatewayConnection {
  handleConnection(socket: TypedSocket): void {
    socket.emit('server:hello', { serverNow: Date.now(), version: VERSION });
    // A plain listener, not @SubscribeMessage (see ContestGateway: Nest's per-socket observables).
    socket.on('server:ping', (reply) => {
      if (typeof reply === 'function') reply({ ok: true, data: { serverNow: Date.now(), version: VERSION } });
    });
  }
}
