import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Socket.IO options shared by every node: websocket only (no sticky sessions needed), small
 * frames; with Redis, the streams adapter carries room broadcasts and node-to-node requests.
 */
export class SocketAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: Redis | null,
  ) {
    super(app);
  }

  createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
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
    if (this.redis) server.adapter(createAdapter(this.redis));
    return server;
  }
}
