// A stage contest across two real api processes on one PostgreSQL database and one Redis: team
// devices on both nodes, the host console on the owner node, the judge console and projector on
// the other. A buzz from the other node that left its server first wins over a later one on the
// owner; the owner dies (SIGKILL) during an answer time, the other node takes the stage over by
// itself (its sweep: the deadline still fires), the devices that were on the dead node come back
// on the survivor, and the stage finishes with the scores the audit log in the database says.
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, StageBuzzResult, StageKeyDto, StageSummaryDto, StageView } from '@dangshi/protocol';
import { recompute } from '../../src/stage/engine/audit';
import type { AuditEntry } from '../../src/stage/engine/types';
import { call, connect, ok, waitUntil, type ClientSocket } from '../support/contest-clients';
import { startNode, type NodeProcess } from '../support/node-process';
import { ADMIN_PASSWORD, HttpSession } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callUntilAnswered, REDIS_URL, redisUp, sleep } from './cluster-env';

/** A device on the stage and every view it got. */
class Device {
  views: StageView[] = [];
  socket!: ClientSocket;

  private constructor(private readonly cookie?: string) {}

  static async open(url: string, cookie?: string): Promise<Device> {
    return new Device(cookie).connect(url);
  }

  async connect(url: string): Promise<this> {
    this.socket = await connect(url, this.cookie);
    this.socket.on('stage:view', (v) => this.views.push(v));
    return this;
  }

  get view(): StageView {
    return this.views.at(-1)!;
  }

  async join(event: string, payload: unknown): Promise<StageView> {
    const view = await ok(callUntilAnswered<StageView>(this.socket, event, payload));
    this.views.push(view);
    return view;
  }

  send<T = StageView>(event: string, payload: unknown): Promise<Ack<T>> {
    return call<T>(this.socket, event, payload);
  }

  waitFor(predicate: (v: StageView) => boolean, what: string, timeoutMs = 15_000): Promise<StageView> {
    return waitUntil(() => (this.views.length && predicate(this.view) ? this.view : undefined), timeoutMs, what);
  }
}

async function hostAccount(url: string, admin: HttpSession, username: string, displayName: string): Promise<HttpSession> {
  const password = `${username}-initial-pw`;
  expect((await admin.post('/api/users', { username, displayName, role: 'host', password })).status).toBe(201);
  const s = new HttpSession(url);
  expect((await s.login(username, password)).status).toBe(200);
  expect((await s.post('/api/auth/password', { currentPassword: password, newPassword: `${password}-changed` })).status).toBe(204);
  return s;
}

/** What a team writes to be right, from the key the judges see. */
function rightAnswer(key: StageKeyDto): string {
  const k = key.key;
  if ('options' in k) return k.options.map((o) => 'ABCDEF'[o]).join('');
  if ('value' in k) return k.value ? '正确' : '错误';
  return k.accepted[0];
}

describe.skipIf(!redisUp())('a stage contest on two api nodes', () => {
  const nodes: NodeProcess[] = [];
  const devices: Device[] = [];
  let db: TestDatabase;
  afterAll(async () => {
    for (const d of devices) d.socket?.disconnect();
    for (const n of nodes) await n.kill('SIGKILL');
    await db?.drop();
  });

  it('routes every command to the owner, keeps the buzz order of arrival, and survives the owner dying', { timeout: 180_000 }, async () => {
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.url, REDIS_URL, ADMIN_PASSWORD };
    const a = await startNode('A', env);
    nodes.push(a);
    const b = await startNode('B', env);
    nodes.push(b);
    const logs = () => `\n--- A ---\n${a.log()}\n--- B ---\n${b.log()}`;

    const admin = new HttpSession(a.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const host = await hostAccount(a.url, admin, 'host-li', '主持人李');
    const judge = await hostAccount(b.url, admin, 'judge-zhao', '评委赵');

    // Created on A: A owns the stage.
    const created = await host.post('/api/stages', {
      title: '双节点知识竞赛',
      teams: [{ name: '第一队' }, { name: '第二队' }, { name: '第三队' }],
      rounds: [
        { type: 'assigned', title: '必答题', questionCount: 3 },
        // A wide window: the pair below is inside it even on a busy machine.
        { type: 'buzz', title: '抢答题', questionCount: 2, rules: { fairnessWindowMs: 500 } },
        { type: 'allAnswer', title: '共答题', questionCount: 1, rules: { limitMs: 5000 } },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const stage = created.body as StageSummaryDto;
    const id = stage.id;
    const T = stage.teams.map((x) => x.id);

    // Team 0 and the host on A (the owner); teams 1 and 2, the judge and the projector on B.
    const teamNode = [a, b, b];
    const teams = await Promise.all(teamNode.map((n) => Device.open(n.url)));
    for (const [i, team] of teams.entries()) {
      expect(await team.join('stage:team', { stageId: id, token: stage.teams[i].token })).toMatchObject({ audience: 'team', teamId: T[i] });
    }
    const hostConsole = await Device.open(a.url, host.cookie);
    expect((await hostConsole.join('stage:staff', { stageId: id, role: 'host' })).audience).toBe('host');
    const judgeConsole = await Device.open(b.url, judge.cookie);
    expect((await judgeConsole.join('stage:staff', { stageId: id, role: 'judge' })).audience).toBe('judge');
    const screen = await Device.open(b.url);
    expect((await screen.join('stage:watch', { stageId: id })).audience).toBe('screen');
    devices.push(...teams, hostConsole, judgeConsole, screen);
    // A wrong token is refused by the owner, through the forwarding node.
    expect(await screen.send('stage:team', { stageId: id, token: 'not-the-token-at-all' })).toMatchObject({ ok: false, error: { code: 'STAGE_TEAM_TOKEN' } });

    const hostDo = (action: string, extra: Record<string, unknown> = {}) => hostConsole.send('stage:host', { stageId: id, action, ...extra });
    const next = () => ok(hostDo('next'));
    const mark = (i: number, right: boolean) => ok(judgeConsole.send('stage:judge', { stageId: id, action: 'mark', teamId: T[i], right }));
    const buzz = (i: number) => teams[i].send<StageBuzzResult>('stage:buzz', { stageId: id });
    const scores = (v: StageView) => v.teams.map((x) => x.score);

    // ---- 必答: the judge on B marks through the owner A; the projector on B hears A's broadcasts --
    for (const [i, right] of [[0, true], [1, false], [2, true]] as const) {
      expect((await next()).question).toMatchObject({ round: 0, question: i, answering: T[i] });
      await screen.waitFor((v) => v.question?.round === 0 && v.question.question === i, `projector on B sees question ${i}`);
      await mark(i, right);
    }
    expect(scores(await judgeConsole.waitFor((v) => v.log.length === 3, 'three marks on the judge console'))).toEqual([10, 0, 10]);
    expect(scores(await screen.waitFor((v) => v.question?.status === 'closed', 'the last mark on the projector'))).toEqual([10, 0, 10]);

    // ---- 抢答 1: team 1 (on B) buzzes first, team 0 (on the owner A) a moment later -----------
    await next();
    await ok(hostDo('openBuzz'));
    await teams[1].waitFor((v) => v.question?.status === 'open', 'buzzers open on B');
    await teams[0].waitFor((v) => v.question?.status === 'open', 'buzzers open on A');
    const fromB = buzz(1);
    await sleep(40);
    const fromA = buzz(0);
    const [rb, ra] = [await ok(fromB), await ok(fromA)];
    // Whichever reached the engine first, the buzz that reached its server first wins.
    expect([rb.winner, ra.winner]).toEqual([T[1], T[1]]);
    let view = await mark(1, true);
    const pair = view.buzzLog.filter((x) => x.round === 1 && x.question === 0);
    expect(pair.map((x) => x.teamId).sort()).toEqual([T[0], T[1]].sort());
    const at = Object.fromEntries(pair.map((x) => [x.teamId, x.at]));
    expect(at[T[1]]).toBeLessThan(at[T[0]]);
    expect(pair.at(-1)!.winner).toBe(T[1]);

    // ---- 抢答 2: team 2 (B) first and wrong, passed on to team 0 (A), right -------------------
    await next();
    await ok(hostDo('openBuzz'));
    await teams[2].waitFor((v) => v.question?.status === 'open', 'buzzers open');
    expect(await ok(buzz(2))).toEqual({ kind: 'first', winner: T[2] });
    view = await mark(2, false);
    expect(view.question).toMatchObject({ status: 'open', wrong: [T[2]] });
    expect(await ok(buzz(0))).toEqual({ kind: 'first', winner: T[0] });
    view = await mark(0, true);
    expect(scores(view)).toEqual([20, 10, 0]);

    // ---- 共答: answers in from both nodes, then the owner dies during the answer time ---------
    await next();
    const opened = await ok(hostDo('openAnswers'));
    expect(opened.question!.deadline).not.toBeNull();
    await ok(teams[1].send('stage:submit', { stageId: id, answer: '错的答案' }));
    const key = opened.question!.key!;
    await ok(teams[0].send('stage:submit', { stageId: id, answer: rightAnswer(key) }));
    await a.kill('SIGKILL');

    // Nobody asks B for anything: its sweep takes the stage over, and the deadline that passed
    // while no node owned it fires there; the projector on B sees the question closed.
    const closed = await screen.waitFor((v) => v.question?.round === 2 && v.question.status === 'closed', 'closed by the deadline on B', 40_000);
    expect(closed.question!.submitted.sort()).toEqual([T[0], T[1]].sort());
    expect(scores(closed)).toEqual([20, 10, 0]);

    // The devices that were on A come back through the load balancer, to B.
    for (const d of [teams[0], hostConsole]) await waitUntil(() => (d.socket.connected ? undefined : true), 10_000, 'socket closed');
    await teams[0].connect(b.url);
    expect((await teams[0].join('stage:team', { stageId: id, token: stage.teams[0].token })).submissions).toMatchObject({ [T[0]]: { answer: rightAnswer(key) } });
    await hostConsole.connect(b.url);
    await hostConsole.join('stage:staff', { stageId: id, role: 'host' });
    await mark(0, true);
    await mark(1, false);
    expect(await ok(hostDo('next'))).toMatchObject({ status: 'finished' });
    const final = await screen.waitFor((v) => v.status === 'finished', 'finished on the projector');
    expect(scores(final)).toEqual([30, 10, 0]);

    // ---- the scoreboard is the audit log in the database ------------------------------------
    const pg = new Client({ connectionString: db.url });
    pg.on('error', () => undefined);
    await pg.connect();
    const rows = (await pg.query('SELECT seq, at, actor, team_id, delta, reason, note, round, question, ref FROM stage_audit WHERE stage_id = $1 ORDER BY seq', [id])).rows;
    const status = (await pg.query('SELECT status FROM stages WHERE id = $1', [id])).rows[0].status;
    await pg.end();
    const log: AuditEntry[] = rows.map((r) => ({
      seq: Number(r.seq),
      at: Number(r.at),
      by: r.actor,
      teamId: r.team_id,
      delta: Number(r.delta),
      reason: r.reason,
      note: r.note,
      round: Number(r.round),
      question: Number(r.question),
      ref: r.ref === null ? null : Number(r.ref),
    }));
    // 3 必答 marks, 3 抢答 marks, 2 共答 marks; seqs without a gap or a duplicate across the failover.
    expect(log.map((e) => e.seq), logs()).toEqual(log.map((_, i) => log[0].seq + i));
    expect(log).toHaveLength(8);
    const recomputed = recompute(log, T);
    expect(T.map((t) => recomputed[t])).toEqual(scores(final));
    expect(status).toBe('finished');
  });
});
