import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/** Socket.IO options shared by every node: websocket only (no sticky sessions needed), small frames. */
export class SocketAdapter extends IoAdapter {
  createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      transports: ['websocket'],
      // A player's message is a few hundred bytes. Oversized fields up to this size are refused
      // with an error ack by the zod schemas; beyond it socket.io drops the connection.
      maxHttpBufferSize: 256 * 1024,
      serveClient: false,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
  }
}
