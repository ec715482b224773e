// One load-generator process: opens its share of player sockets in small batches, joins,
// records when each question view arrives, answers at a random moment inside the time limit,
// and reports every timing to the parent. Several of these run so the generator is not the
// bottleneck on a 2-core machine.
import { io } from 'socket.io-client';

const { url, pin, count, offset, answerWindowMs, cookie } = JSON.parse(process.argv[2]);
const sockets = [];
const joinMs = [];
const fanout = []; // { q, ms }
const answerMs = [];
let acked = 0;
let refused = 0;
const refusals = {};
const seen = new Set();
let cpuStart = process.cpuUsage();

function connectOne(i) {
  return new Promise((resolve) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000 });
    const started = Date.now();
    socket.on('connect', () => {
      socket.emit('contest:join', { pin, nickname: `p${offset + i}` }, (ack) => {
        joinMs.push(Date.now() - started);
        if (!ack.ok) {
          refusals[ack.error.code] = (refusals[ack.error.code] ?? 0) + 1;
          resolve(null);
          return;
        }
        resolve(socket);
      });
    });
    socket.on('connect_error', () => resolve(null));
    socket.on('contest:view', (view) => {
      if (view.phase !== 'question') return;
      const key = view.questionIndex;
      if (seen.has(`${i}:${key}`)) return;
      seen.add(`${i}:${key}`);
      fanout.push({ q: key, ms: Date.now() - view.serverNow });
      const opensIn = Math.max(0, (view.answersOpenAt ?? view.serverNow) - view.serverNow);
      const delay = opensIn + Math.random() * answerWindowMs;
      setTimeout(() => {
        const options = view.question?.type === 'truefalse' ? { kind: 'truefalse', value: Math.random() < 0.5 } :
          view.question?.type === 'fill' ? { kind: 'fill', text: '测试' } :
          view.question?.type === 'multiple' ? { kind: 'choice', options: [0, 1] } :
          { kind: 'choice', options: [Math.floor(Math.random() * Math.max(1, view.question?.options.length ?? 2))] };
        const sent = Date.now();
        socket.emit('contest:answer', { pin, questionIndex: key, clientAnswerId: `${offset + i}-${key}`, response: options }, (ack) => {
          if (ack.ok) {
            acked += 1;
            answerMs.push(Date.now() - sent);
          } else {
            refused += 1;
            refusals[ack.error.code] = (refusals[ack.error.code] ?? 0) + 1;
          }
        });
      }, delay);
    });
  });
}

process.on('message', async (msg) => {
  if (msg.type === 'connect') {
    cpuStart = process.cpuUsage();
    // Small batches: a synchronous loop of thousands of connects would measure the generator.
    for (let i = 0; i < count; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => connectOne(i + k)));
      sockets.push(...batch.filter(Boolean));
    }
    process.send({ type: 'connected', joined: sockets.length, joinMs, refusals });
  } else if (msg.type === 'report') {
    const cpu = process.cpuUsage(cpuStart);
    process.send({ type: 'report', fanout, answerMs, acked, refused, refusals, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (msg.type === 'stop') {
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
});
process.send({ type: 'ready' });
