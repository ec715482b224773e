// Two real api processes on one PostgreSQL database and one Redis: players on both nodes play
// one contest; the owner node is killed mid-question and the other takes over with no
// acknowledged answer lost; then Redis restarts mid-question and the contest still finishes.
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, ContestSummary, QuestionDto } from '@dangshi/protocol';
import type { ContestState } from '../../src/contest/engine/types';
import { call, connect, ok, TestPlayer, waitUntil, type ClientSocket } from '../support/contest-clients';
import { expectedScores, responseFor } from '../support/expected-scores';
import { startNode, type NodeProcess } from '../support/node-process';
import { ADMIN_PASSWORD, HttpSession } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_START = ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'];

function redisUp(): boolean {
  try {
    return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping'], { encoding: 'utf8' }).trim() === 'PONG';
  } catch {
    return false;
  }
}

/** Answers until acknowledged, as a phone does: a refusal other than "not open yet" is final. */
async function answerUntilAcked(player: TestPlayer, input: Record<string, unknown>, timeoutMs = 45_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let ack: Ack<unknown> | undefined;
    try {
      ack = await call(player.socket, 'contest:answer', input);
    } catch {
      /* timed out: the node may be taking the contest over */
    }
    if (ack?.ok) return true;
    if (ack && !ack.ok && !['INTERNAL', 'ANSWER_NOT_OPEN', 'PLAYER_NOT_FOUND'].includes(ack.error.code)) {
      throw new Error(`${player.nickname}: ${ack.error.code}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

describe.skipIf(!redisUp())('two api nodes on PostgreSQL and Redis', () => {
  const nodes: NodeProcess[] = [];
  let db: TestDatabase;
  afterAll(async () => {
    for (const n of nodes) await n.kill('SIGKILL');
    if (!redisUp()) execFileSync('redis-server', REDIS_START);
    await db?.drop();
  });

  it('plays across both nodes, fails over when the owner dies, and rides out a Redis restart', async () => {
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.url, REDIS_URL, ADMIN_PASSWORD };
    // One after the other: the first runs the migrations and loads the shipped bank.
    const a = await startNode('A', env);
    nodes.push(a);
    const b = await startNode('B', env);
    nodes.push(b);

    const admin = new HttpSession(a.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const ids: string[] = [];
    for (const type of ['single', 'truefalse', 'single'] as const) {
      const page = await admin.get(`/api/bank/questions?type=${type}&pageSize=3`);
      ids.push(...(page.body.items as QuestionDto[]).map((q) => q.id).filter((id) => !ids.includes(id)).slice(0, 1));
    }
    const created = await admin.post('/api/contests', { settings: { title: '双节点竞赛', readingTimeSec: 0, timeLimitSec: 60 }, questionIds: ids });
    expect(created.status).toBe(201);
    const contest = created.body as ContestSummary;

    // The host console and the players sit on both nodes; node A owns the contest (created there).
    const host: ClientSocket = await connect(b.url, admin.cookie);
    const watched = await call(host, 'contest:host', { contestId: contest.id });
    expect(watched.ok, `${JSON.stringify(watched)}\n--- A ---\n${a.log()}\n--- B ---\n${b.log()}`).toBe(true);
    const players: TestPlayer[] = [];
    for (let i = 0; i < 6; i++) players.push(await TestPlayer.join(i % 2 === 0 ? a.url : b.url, contest.pin, `党员${i}`));
    const command = (action: string) => ok(call<{ phase: string }>(host, 'contest:command', { contestId: contest.id, action }));

    // Questions' answer keys, as the owner stored them (the test plays right/wrong on purpose).
    const pg = new Client({ connectionString: db.url });
    pg.on('error', () => undefined); // the database is dropped with FORCE when the test ends
    await pg.connect();
    const snapshot = async () => JSON.parse((await pg.query('SELECT snapshot FROM contests WHERE id = $1', [contest.id])).rows[0].snapshot) as ContestState;
    let acked = 0;
    const answer = async (p: TestPlayer, q: number, right: boolean) => {
      const state = await snapshot();
      const done = await answerUntilAcked(p, { pin: contest.pin, questionIndex: q, clientAnswerId: `${p.playerId}-${q}`, response: responseFor(state, q, right) });
      if (done) acked += 1;
      return done;
    };

    // ---- question 0: everyone, across both nodes -------------------------------------------
    await command('start');
    await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'question' && v.questionIndex === 0)));
    await Promise.all(players.map((p, i) => answer(p, 0, i % 3 !== 0)));
    await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'reveal' && v.questionIndex === 0)));
    await command('next');
    await command('next');
    await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'question' && v.questionIndex === 1)));

    // ---- question 1: half answer, then the owner dies ---------------------------------------
    for (const p of players.slice(0, 3)) expect(await answer(p, 1, true)).toBe(true);
    await a.kill('SIGKILL');
    // Phones that were on A reconnect (the load balancer sends them to B) with their tokens.
    for (const p of players.filter((_, i) => i % 2 === 0)) {
      await waitUntil(() => (p.socket.connected ? undefined : true), 10_000, 'socket closed');
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          await p.reconnect(b.url);
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      expect(p.view).toMatchObject({ phase: 'question', questionIndex: 1 });
    }
    for (const p of players.slice(3)) expect(await answer(p, 1, false)).toBe(true);
    await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'reveal' && v.questionIndex === 1, 30_000)));
    // The answers acknowledged by the dead node are in the reveal on the new owner.
    expect(players[1].view!.reveal!.answered).toBe(6);
    await command('next');
    await command('next');
    await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'question' && v.questionIndex === 2)));

    // ---- question 2: Redis restarts in the middle ------------------------------------------
    expect(await answer(players[0], 2, true)).toBe(true);
    execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'shutdown', 'nosave']);
    await new Promise((r) => setTimeout(r, 1500));
    execFileSync('redis-server', REDIS_START);
    await waitUntil(() => (redisUp() ? true : undefined), 10_000, 'redis back');
    for (const p of players.slice(1)) expect(await answer(p, 2, p.nickname.endsWith('3'))).toBe(true);
    await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'reveal' && v.questionIndex === 2, 30_000)));
    await command('next');
    expect((await command('next')).phase).toBe('podium');
    expect((await command('next')).phase).toBe('ended');

    // ---- nothing acknowledged was lost; every score is the rule applied to what was stored ----
    let state = await snapshot();
    for (let i = 0; i < 50 && state.phase !== 'ended'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = await snapshot();
    }
    expect(state.phase).toBe('ended');
    const rows = (await pg.query('SELECT player_id, question_index, response, elapsed_ms FROM contest_answers WHERE contest_id = $1', [contest.id])).rows.map(
      (r) => ({ playerId: r.player_id as string, questionIndex: Number(r.question_index), response: r.response as string, elapsedMs: Number(r.elapsed_ms) }),
    );
    expect(acked).toBe(18);
    expect(rows).toHaveLength(18);
    const expected = expectedScores(state, rows);
    for (const p of players) expect(state.players[p.playerId].score, p.nickname).toBe(expected.get(p.playerId));
    await pg.end();
    host.disconnect();
    for (const p of players) p.socket.disconnect();
  });
});
