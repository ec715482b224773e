// Connection-level socket events: greeting with the server clock and a ping for clock offset.
import { ConnectedSocket, SubscribeMessage, WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import type { Ack, ServerInfo } from '@dangshi/protocol';
import type { TypedSocket } from './types';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@WebSocketGateway()
export class ConnectionGateway implements OnGatewayConnection {
  handleConnection(socket: TypedSocket): void {
    socket.emit('server:hello', { serverNow: Date.now(), version: VERSION });
  }

  @SubscribeMessage('server:ping')
  ping(@ConnectedSocket() _socket: TypedSocket): Ack<ServerInfo> {
    return { ok: true, data: { serverNow: Date.now(), version: VERSION } };
  }
}
