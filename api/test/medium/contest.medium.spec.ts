// A whole live contest over real sockets against the real app and database.
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestSummary, HostWatchResult, QuestionDto } from '@dangshi/protocol';
import { ContestService } from '../../src/contest/contest.service';
import { ContestAnswerRecord } from '../../src/contest/contest.entities';
import { call, connect, ok, TestPlayer, waitUntil, type ClientSocket } from '../support/contest-clients';
import { expectedScores, responseFor } from '../support/expected-scores';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

async function pickQuestions(admin: HttpSession): Promise<string[]> {
  const ids: string[] = [];
  for (const [type, n] of [['single', 2], ['multiple', 1], ['truefalse', 1], ['fill', 1]] as const) {
    const page = await admin.get(`/api/bank/questions?type=${type}&pageSize=${n}`);
    ids.push(...(page.body.items as QuestionDto[]).map((q) => q.id));
  }
  return ids;
}

describe('a live contest over real sockets', () => {
  let t: TestApp;
  let admin: HttpSession;
  let questionIds: string[];
  beforeAll(async () => {
    t = await startTestApp({ NICKNAME_BLOCKLIST: '坏词,badword' });
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
    questionIds = await pickQuestions(admin);
  });
  afterAll(async () => t?.close());

  async function createContest(settings: Record<string, unknown> = {}): Promise<ContestSummary> {
    const res = await admin.post('/api/contests', {
      settings: { title: '党史知识竞赛（测试）', readingTimeSec: 0, timeLimitSec: 5, ...settings },
      questionIds,
    });
    expect(res.status).toBe(201);
    return res.body as ContestSummary;
  }

  async function hostSocket(contestId: string): Promise<ClientSocket> {
    const socket = await connect(t.url, admin.cookie);
    await ok(call<HostWatchResult>(socket, 'contest:host', { contestId }));
    return socket;
  }

  const command = (host: ClientSocket, contestId: string, action: string, playerId?: string) =>
    call<{ phase: string }>(host, 'contest:command', { contestId, action, playerId });

  it('50 players play 5 questions; every score equals the rule recomputed from the stored answers', async () => {
    const contest = await createContest();
    expect(contest.pin).toMatch(/^\d{6}$/);
    const host = await hostSocket(contest.id);
    const screen = await connect(t.url);
    const watched = await ok(call<HostWatchResult>(screen, 'contest:watch', { pin: contest.pin }));
    expect(watched.view.phase).toBe('lobby');
    const players = await Promise.all(Array.from({ length: 50 }, (_, i) => TestPlayer.join(t.url, contest.pin, `党员${i + 1}`)));
    const state = t.app.get(ContestService).peek(contest.id)!;
    expect(state.playerOrder).toHaveLength(50);

    expect((await ok(command(host, contest.id, 'start'))).phase).toBe('question');
    for (let index = 0; index < 5; index++) {
      await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'question' && v.questionIndex === index)));
      // Everyone answers at a random moment in the first second; player i is right when (i + index) % 3 !== 0.
      await Promise.all(
        players.map(async (p, i) => {
          await new Promise((r) => setTimeout(r, Math.random() * 1000));
          const receipt = await ok(
            call(p.socket, 'contest:answer', {
              pin: contest.pin,
              questionIndex: index,
              clientAnswerId: `${p.playerId}-${index}`,
              response: responseFor(state, index, (i + index) % 3 !== 0),
            }),
          );
          expect(receipt).toMatchObject({ questionIndex: index });
        }),
      );
      // All answered: the server locks at once and reveals after the pause.
      await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'reveal' && v.questionIndex === index)));
      const reveal = players[0].view!.reveal!;
      expect(reveal.answered).toBe(50);
      expect(reveal.correct).toBeDefined();
      await ok(command(host, contest.id, 'next'));
      await players[0].waitFor((v) => v.phase === 'leaderboard');
      expect(players[0].view!.leaderboard!.length).toBe(10);
      await ok(command(host, contest.id, 'next'));
    }
    await Promise.all(players.map((p) => p.waitFor((v) => v.phase === 'podium')));
    expect((await ok(command(host, contest.id, 'next'))).phase).toBe('ended');

    // Nothing a player received before a question's reveal carried that question's answer key.
    for (const p of players) {
      for (const { payload } of p.received) {
        const v = payload as { phase?: string; reveal?: unknown; contest?: { reveal?: unknown } };
        if (v.phase === 'question' || v.phase === 'locked' || v.phase === 'lobby') {
          expect(JSON.stringify(v)).not.toMatch(/"correct"|"accepted"|"key"|"explanation"/);
        }
      }
    }

    await t.app.get(ContestService).flushed();
    const rows = await t.app.get(DataSource).getRepository(ContestAnswerRecord).findBy({ contestId: contest.id });
    expect(rows).toHaveLength(250);
    const expected = expectedScores(state, rows);
    await waitUntil(() => (players.every((p) => p.latestMe?.summary) ? true : undefined), 5000, 'podium summaries');
    for (const p of players) {
      expect(p.latestMe!.score, p.nickname).toBe(expected.get(p.playerId));
      expect(p.latestMe!.summary).toHaveLength(5);
    }
    // Player 1 (i = 0) was wrong on q0 and q3, right on the rest: 3 of 5 right.
    expect(p0Correct(players[0])).toBe(3);
    const board = players[0].views.find((v) => v.phase === 'podium')!.podium!;
    const best = [...expected.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(board[0].score).toBe(best[1]);

    // The host can export the results.
    const xlsx = await fetch(`${t.url}/api/contests/${contest.id}/results.xlsx`, { headers: { cookie: `dsc_session=${admin.cookie}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(5000);

    for (const s of [host, screen, ...players.map((p) => p.socket)]) s.disconnect();
  });

  function p0Correct(p: TestPlayer): number {
    return p.latestMe!.summary!.filter((r) => r.correct).length;
  }

  it('refuses late, duplicate, wrong-question, kicked and wrong-room answers with error codes', async () => {
    const contest = await createContest({ timeLimitSec: 5 });
    const other = await createContest();
    const host = await hostSocket(contest.id);
    const a = await TestPlayer.join(t.url, contest.pin, '甲');
    const b = await TestPlayer.join(t.url, contest.pin, '乙');
    const c = await TestPlayer.join(t.url, contest.pin, '丙');
    await ok(command(host, contest.id, 'start'));
    const state = t.app.get(ContestService).peek(contest.id)!;
    const answer = (p: TestPlayer, extra: Record<string, unknown> = {}) =>
      call(p.socket, 'contest:answer', { pin: contest.pin, questionIndex: 0, clientAnswerId: `${p.playerId}-x`, response: responseFor(state, 0, true), ...extra });

    expect((await answer(a)).ok).toBe(true);
    // The same answer again (a retry): acknowledged, not counted twice.
    expect((await answer(a)).ok).toBe(true);
    expect(state.answeredCount).toBe(1);
    const dup = await answer(a, { clientAnswerId: 'another' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'ANSWER_DUPLICATE' } });
    expect(await answer(b, { questionIndex: 1 })).toMatchObject({ ok: false, error: { code: 'ANSWER_WRONG_QUESTION' } });
    expect(await answer(b, { pin: other.pin })).toMatchObject({ ok: false, error: { code: 'CONTEST_NOT_FOUND' } });
    await ok(command(host, contest.id, 'kick', c.playerId));
    await waitUntil(() => (c.kicked ? true : undefined), 5000, 'kick notice');
    expect(await answer(c)).toMatchObject({ ok: false, error: { code: 'PLAYER_KICKED' } });
    // Skip closes the question: b is now too late.
    await ok(command(host, contest.id, 'skip'));
    expect(await answer(b)).toMatchObject({ ok: false, error: { code: 'ANSWER_TOO_LATE' } });
    expect(state.players[b.playerId].answers[0]).toBeUndefined();
    // A member is not a host.
    expect(await call(a.socket, 'contest:command', { contestId: contest.id, action: 'next' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    for (const s of [host, a.socket, b.socket, c.socket]) s.disconnect();
  });

  it('answers bad payloads with error acks and stays up', async () => {
    const contest = await createContest();
    const socket = await connect(t.url);
    expect(await call(socket, 'contest:join', { pin: 'abc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(socket, 'contest:join', 'not an object')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(socket, 'contest:join', { pin: contest.pin, nickname: 'x'.repeat(50_000) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await call(socket, 'contest:join', { pin: contest.pin, nickname: '   ' })).toMatchObject({ ok: false, error: { code: 'NICKNAME_INVALID' } });
    // The organisation's blocklist (NICKNAME_BLOCKLIST=坏词 for this app) refuses a name containing a listed word.
    expect(await call(socket, 'contest:join', { pin: contest.pin, nickname: '我是 坏词 啊' })).toMatchObject({ ok: false, error: { code: 'NICKNAME_INVALID' } });
    expect(await call(socket, 'contest:join', { pin: '000000', nickname: 'x' })).toMatchObject({ ok: false, error: { code: 'CONTEST_NOT_FOUND' } });
    expect(await call(socket, 'contest:answer', { pin: contest.pin, questionIndex: 0, clientAnswerId: 'x', response: { kind: 'choice', options: [0] } })).toMatchObject({
      ok: false,
      error: { code: 'PLAYER_NOT_FOUND' },
    });
    expect(await call(socket, 'contest:answer', { pin: contest.pin, questionIndex: -5, response: 'A' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await call(socket, 'no:such:event', { x: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await call(socket, 'contest:host', { contestId: contest.id })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Still up and answering.
    const joined = await call(socket, 'contest:join', { pin: contest.pin, nickname: '还在' });
    expect(joined.ok).toBe(true);
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
    socket.disconnect();
  });

  it('plays in team mode: a team is required to join and standings come with the reveal', async () => {
    const contest = await createContest({ teams: ['局机关支部', '军休支部'] });
    const lookup = await fetch(`${t.url}/api/contests/pin/${contest.pin}`);
    expect((await lookup.json()).teams).toEqual(['局机关支部', '军休支部']);
    const host = await hostSocket(contest.id);
    const noTeam = await connect(t.url);
    expect(await call(noTeam, 'contest:join', { pin: contest.pin, nickname: '无队' })).toMatchObject({ ok: false, error: { code: 'TEAM_REQUIRED' } });
    const a = new TestPlayer(await connect(t.url), contest.pin, '甲');
    const joined = await ok(call<{ playerId: string; me: { team?: string } }>(a.socket, 'contest:join', { pin: contest.pin, nickname: '甲', team: 1 }));
    expect(joined.me.team).toBe('军休支部');
    a.playerId = joined.playerId;
    await ok(command(host, contest.id, 'start'));
    const state = t.app.get(ContestService).peek(contest.id)!;
    await ok(call(a.socket, 'contest:answer', { pin: contest.pin, questionIndex: 0, clientAnswerId: 'a0', response: responseFor(state, 0, true) }));
    await a.waitFor((v) => v.phase === 'reveal');
    const standings = a.view!.teamStandings!;
    expect(standings.map((row) => [row.rank, row.name, row.players])).toEqual([
      [1, '军休支部', 1],
      [2, '局机关支部', 0],
    ]);
    for (const s of [host, noTeam, a.socket]) s.disconnect();
  });

  it('brings a reloaded phone back to exactly where it was, mid-question', async () => {
    const contest = await createContest({ timeLimitSec: 20 });
    const host = await hostSocket(contest.id);
    const a = await TestPlayer.join(t.url, contest.pin, '重连者');
    const b = await TestPlayer.join(t.url, contest.pin, '旁观者');
    await ok(command(host, contest.id, 'start'));
    const state = t.app.get(ContestService).peek(contest.id)!;
    await ok(call(a.socket, 'contest:answer', { pin: contest.pin, questionIndex: 0, clientAnswerId: 'a0', response: responseFor(state, 0, true) }));

    const back = await a.reconnect(t.url);
    expect(back.playerId).toBe(a.playerId);
    expect(back.contest).toMatchObject({ phase: 'question', questionIndex: 0 });
    expect(back.contest.question?.stem).toBe(state.questions[0].stem);
    expect(back.me.currentAnswer).toEqual(responseFor(state, 0, true));
    // The reconnected phone still gets the reveal and its own result.
    await ok(call(b.socket, 'contest:answer', { pin: contest.pin, questionIndex: 0, clientAnswerId: 'b0', response: responseFor(state, 0, false) }));
    await a.waitFor((v) => v.phase === 'reveal');
    await waitUntil(() => a.latestMe?.lastResult, 5000, 'own result');
    expect(a.latestMe!.lastResult).toMatchObject({ answered: true, correct: true });
    expect(a.latestMe!.score).toBeGreaterThan(500);
    for (const s of [host, a.socket, b.socket]) s.disconnect();
  });
});

describe('an api restart mid-contest', () => {
  it('restores the running contest; players carry on with their scores', async () => {
    const first = await startTestApp();
    const admin = new HttpSession(first.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const questionIds = await pickQuestions(admin);
    const created = await admin.post('/api/contests', { settings: { title: '重启测试', readingTimeSec: 0, timeLimitSec: 30 }, questionIds });
    const contest = created.body as ContestSummary;
    let host = await connect(first.url, admin.cookie);
    await ok(call(host, 'contest:host', { contestId: contest.id }));
    const a = await TestPlayer.join(first.url, contest.pin, '甲');
    const b = await TestPlayer.join(first.url, contest.pin, '乙');
    await ok(call(host, 'contest:command', { contestId: contest.id, action: 'start' }));
    let state = first.app.get(ContestService).peek(contest.id)!;
    // Question 0: both answer; reveal; on to question 1 where only a answers before the restart.
    await ok(call(a.socket, 'contest:answer', { pin: contest.pin, questionIndex: 0, clientAnswerId: 'a0', response: responseFor(state, 0, true) }));
    await ok(call(b.socket, 'contest:answer', { pin: contest.pin, questionIndex: 0, clientAnswerId: 'b0', response: responseFor(state, 0, false) }));
    await a.waitFor((v) => v.phase === 'reveal');
    await ok(call(host, 'contest:command', { contestId: contest.id, action: 'next' }));
    await ok(call(host, 'contest:command', { contestId: contest.id, action: 'next' }));
    await a.waitFor((v) => v.phase === 'question' && v.questionIndex === 1);
    await ok(call(a.socket, 'contest:answer', { pin: contest.pin, questionIndex: 1, clientAnswerId: 'a1', response: responseFor(state, 1, true) }));
    const scoreAfterQ0 = state.players[a.playerId].score;
    expect(scoreAfterQ0).toBeGreaterThan(0);

    // Graceful stop (SIGTERM path), then a new process on the same database.
    host.disconnect();
    a.socket.disconnect();
    b.socket.disconnect();
    await first.app.close();
    const second = await startTestApp({}, first.database);
    try {
      state = second.app.get(ContestService).peek(contest.id)!;
      expect(state).toBeDefined();
      expect(state).toMatchObject({ phase: 'question', index: 1, answeredCount: 1 });
      expect(state.players[a.playerId].score).toBe(scoreAfterQ0);

      const backA = await a.reconnect(second.url);
      expect(backA.me).toMatchObject({ score: scoreAfterQ0, currentAnswer: responseFor(state, 1, true) });
      await b.reconnect(second.url);
      // b's answer completes the question: it locks and reveals on the new process.
      await ok(call(b.socket, 'contest:answer', { pin: contest.pin, questionIndex: 1, clientAnswerId: 'b1', response: responseFor(state, 1, true) }));
      await a.waitFor((v) => v.phase === 'reveal' && v.questionIndex === 1);
      const secondAdmin = new HttpSession(second.url);
      await secondAdmin.login('admin', ADMIN_PASSWORD);
      host = await connect(second.url, secondAdmin.cookie);
      await ok(call(host, 'contest:host', { contestId: contest.id }));
      expect((await ok(call<{ phase: string }>(host, 'contest:command', { contestId: contest.id, action: 'end' }))).phase).toBe('podium');
      await second.app.get(ContestService).flushed();
      const rows = await second.app.get(DataSource).getRepository(ContestAnswerRecord).findBy({ contestId: contest.id });
      expect(rows).toHaveLength(4);
      const expected = expectedScores({ ...state, questions: state.questions.slice(0, 2) }, rows);
      expect(state.players[a.playerId].score).toBe(expected.get(a.playerId));
      expect(state.players[b.playerId].score).toBe(expected.get(b.playerId));
      for (const s of [host, a.socket, b.socket]) s.disconnect();
    } finally {
      await second.close();
      await first.database.drop();
    }
  });
});
