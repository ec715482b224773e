import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/** Socket.IO options shared by every node: websocket only (no sticky sessions needed), small frames. */
export class SocketAdapter extends IoAdapter {
  createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      transports: ['websocket'],
      // A player's message is a few hundred bytes; anything near this limit is abuse.
      maxHttpBufferSize: 16 * 1024,
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
  }
}
