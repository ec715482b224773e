// Practice matches across two real api processes on one PostgreSQL database and one Redis. Node A
// is the match hub (it started alone and took the lease); a member on A and a member on B queue
// for a 1v1, are paired, and play to the end with the same scores on both phones, in the
// database and by the speed rule. Then a second match: the hub dies mid-match, B becomes the hub,
// finishes the match from its stored answers and tells the phones; nothing hangs.
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MATCH_QUESTION_MS, type MatchQueueView, type MatchView, type PracticeQuestionDto } from '@dangshi/protocol';
import { BankAnswers } from '../support/bank-answers';
import { connect, ok, waitUntil, type ClientSocket } from '../support/contest-clients';
import { startNode, type NodeProcess } from '../support/node-process';
import { ADMIN_PASSWORD, HttpSession } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callUntilAnswered, redis, REDIS_URL, redisUp } from './cluster-env';

const HUB_KEY = 'dsc:match-hub:owner';
/** The speed rule as the protocol README states it. */
const pointsFor = (correct: boolean, ms: number) => (correct ? Math.round(10 + (10 * Math.max(0, MATCH_QUESTION_MS - ms)) / MATCH_QUESTION_MS) : 0);

class Phone {
  views: MatchView[] = [];
  socket!: ClientSocket;

  constructor(
    readonly name: string,
    readonly cookie: string,
  ) {}

  async open(url: string): Promise<this> {
    this.socket = await connect(url, this.cookie);
    this.socket.on('match:view', (v) => this.views.push(v));
    return this;
  }

  call<T>(event: string, payload: unknown = {}) {
    return ok(callUntilAnswered<T>(this.socket, event, payload));
  }

  seen(matchId: string, predicate: (v: MatchView) => boolean, what: string, timeoutMs = 20_000): Promise<MatchView> {
    return waitUntil(() => this.views.find((v) => v.id === matchId && predicate(v)), timeoutMs, `${this.name}: ${what}`);
  }
}

describe.skipIf(!redisUp())('practice matches on two api nodes', () => {
  const nodes: NodeProcess[] = [];
  const phones: Phone[] = [];
  let db: TestDatabase;
  afterAll(async () => {
    for (const p of phones) p.socket?.disconnect();
    for (const n of nodes) await n.kill('SIGKILL');
    await db?.drop();
  });

  it('pairs members on different nodes through the hub, and finishes a match whose hub died', { timeout: 180_000 }, async () => {
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.url, REDIS_URL, ADMIN_PASSWORD };
    // A starts alone and becomes the hub (its sweep takes the free lease); then B starts.
    redis('del', HUB_KEY);
    const a = await startNode('A', env);
    nodes.push(a);
    await waitUntil(() => (redis('get', HUB_KEY) ? true : undefined), 20_000, 'A takes the hub lease');
    const b = await startNode('B', env);
    nodes.push(b);

    const admin = new HttpSession(a.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const branch = (await admin.post('/api/org/branches', { name: '双节点支部' })).body;
    for (const [i, [name, node]] of ([['甲', a], ['乙', b]] as const).entries()) {
      const created = await admin.post('/api/org/members', { name, identifier: `1380000000${i}`, branchId: branch.id });
      expect(created.status).toBe(201);
      const session = new HttpSession(node.url);
      const { username, password } = created.body.credential;
      await session.login(username, password);
      expect((await session.post('/api/auth/password', { currentPassword: password, newPassword: `cluster-pw-${i}` })).status).toBe(204);
      phones.push(await new Phone(name, session.cookie!).open(node.url));
    }
    const [onA, onB] = phones;

    const bankAnswers = new BankAnswers(admin);
    const responseTo = (q: PracticeQuestionDto, right: boolean) => bankAnswers.responseTo(q, right);

    const answer = async (p: Phone, v: MatchView, right: boolean) =>
      expect(await p.call('match:answer', { matchId: v.id, index: v.index, clientAnswerId: `${p.name}-${v.id}-${v.index}`, response: await responseTo(v.question!, right) })).toEqual({
        index: v.index,
        accepted: true,
      });
    const queueBoth = async (): Promise<string> => {
      const known = new Set(onA.views.map((v) => v.id));
      expect(await onA.call<MatchQueueView>('match:queue', { size: 2 })).toMatchObject({ kind: 'queue', waiting: ['甲'] });
      // 乙 is on B: the request goes to the hub on A, which pairs them.
      expect(await onB.call<MatchQueueView>('match:queue', { size: 2 })).toMatchObject({ waiting: ['甲', '乙'] });
      return (await waitUntil(() => onA.views.find((v) => !known.has(v.id)), 10_000, 'a new match')).id;
    };
    const pg = new Client({ connectionString: db.url });
    pg.on('error', () => undefined);
    await pg.connect();
    const stored = async (matchId: string) => {
      const players = (await pg.query('SELECT seat, score, correct, place FROM match_players WHERE match_id = $1 ORDER BY seat', [matchId])).rows.map((r) => ({
        seat: Number(r.seat),
        score: Number(r.score),
        correct: Number(r.correct),
        place: Number(r.place),
      }));
      const answers = (await pg.query('SELECT seat, correct, points, ms FROM match_answers WHERE match_id = $1', [matchId])).rows;
      for (const x of answers) expect(Number(x.points)).toBe(pointsFor(Boolean(x.correct), Number(x.ms)));
      const byRule = players.map((p) => answers.filter((x) => Number(x.seat) === p.seat).reduce((n, x) => n + Number(x.points), 0));
      const status = (await pg.query('SELECT status FROM matches WHERE id = $1', [matchId])).rows[0].status as string;
      return { players, byRule, status, answers: answers.length };
    };

    // ---- a whole 1v1 across the nodes: 甲 right on even questions, 乙 right on odd ones --------
    const first = await queueBoth();
    const total = (await onB.seen(first, () => true, 'the match on B')).total;
    for (let i = 0; i < total; i++) {
      const asked = await Promise.all(phones.map((p) => p.seen(first, (v) => v.phase === 'question' && v.index === i, `question ${i}`)));
      await Promise.all(phones.map((p, n) => answer(p, asked[n], (i + n) % 2 === 0)));
    }
    const [endA, endB] = await Promise.all(phones.map((p) => p.seen(first, (v) => v.phase === 'finished', 'the result')));
    expect(endA.players.map((p) => p.score)).toEqual(endB.players.map((p) => p.score));
    expect(endA.result!.places).toEqual(endB.result!.places);
    const one = await stored(first);
    expect(one.status).toBe('finished');
    expect(one.answers).toBe(2 * total);
    expect(one.players.map((p) => p.score)).toEqual(endA.players.map((p) => p.score));
    expect(one.players.map((p) => p.score)).toEqual(one.byRule);
    const seatOf = (p: Phone) => endA.players.find((x) => x.name === p.name)!.seat;
    expect(one.players[seatOf(onA)].correct).toBe(Math.ceil(total / 2));
    expect(one.players[seatOf(onB)].correct).toBe(Math.floor(total / 2));

    // ---- the hub dies mid-match ------------------------------------------------------------
    const second = await queueBoth();
    const q0 = await Promise.all(phones.map((p) => p.seen(second, (v) => v.phase === 'question' && v.index === 0, 'question 0')));
    await Promise.all(phones.map((p, n) => answer(p, q0[n], true)));
    await Promise.all(phones.map((p) => p.seen(second, (v) => v.phase === 'reveal' && v.index === 0, 'reveal 0')));
    await a.kill('SIGKILL');
    // B takes the hub by itself (its sweep) and finishes the match from the stored answers:
    // 乙's phone on B gets the final view without asking.
    const endOnB = await onB.seen(second, (v) => v.phase === 'finished', 'the result after the hub died', 45_000);
    const two = await stored(second);
    expect(two.status).toBe('finished');
    expect(two.answers).toBe(2);
    expect(endOnB.players.map((p) => p.score)).toEqual(two.byRule);
    // 甲's phone comes back on B and finds the result.
    await waitUntil(() => (onA.socket.connected ? undefined : true), 10_000, 'socket closed');
    await onA.open(b.url);
    const resumed = await onA.call<MatchView>('match:resume', { matchId: second });
    expect(resumed).toMatchObject({ phase: 'finished', id: second });
    expect(resumed.players.map((p) => p.score)).toEqual(two.byRule);
    // And the new hub pairs members again.
    const third = await queueBoth();
    await onB.seen(third, (v) => v.phase === 'question', 'a question from the new hub');
    await pg.end();
  });
});
