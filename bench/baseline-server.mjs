// The reference the real server is measured against: a bare socket.io 4.8 server (no Nest, no
// database), websocket only, that acks joins and answers and broadcasts a payload of the same
// size as a real question to every client in one room.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: 256 * 1024 });
io.on('connection', (socket) => {
  socket.on('contest:join', (_input, ack) => {
    socket.join('room');
    ack({ ok: true, data: { playerId: socket.id } });
  });
  socket.on('contest:answer', (_input, ack) => ack({ ok: true, data: { received: true } }));
});

process.on('message', (msg) => {
  if (msg.type === 'broadcast') {
    const payload = { ...msg.payload, serverNow: Date.now() };
    io.to('room').emit('contest:view', payload);
  } else if (msg.type === 'heap') {
    globalThis.gc?.();
    process.send({ type: 'heap', heapUsed: process.memoryUsage().heapUsed });
  } else if (msg.type === 'stop') {
    io.close();
    http.close();
    process.exit(0);
  }
});

http.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: http.address().port }));
