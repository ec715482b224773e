// Practice matches end to end over real sockets, against the real app and database, with the
// match timing shortened so a whole match takes seconds: a 1v1 and a 4-player match from the
// queue, a lone member playing a bot after the wait, cancelling, a friend match by invite code,
// an answer resent after a dropped connection, the forfeit grace, and refusals.
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndividualRankingDto, MatchAnswerReceipt, MatchQueueView, MatchView, PracticeQuestionDto } from '@dangshi/protocol';
import { MatchTiming } from '../../src/match/match-timing';
import { MatchAnswerRecord, MatchPlayerRecord } from '../../src/match/match.entities';
import { MemberRecord } from '../../src/org/org.entities';
import { DailyAllowance } from '../../src/practice/daily-allowance';
import { ResultRecord } from '../../src/ranking/result.entity';
import { ResultsService } from '../../src/ranking/results.service';
import { BankAnswers } from '../support/bank-answers';
import { call, connect, ok, waitUntil, type ClientSocket } from '../support/contest-clients';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

const QUESTION_MS = 4_000;
const GRACE_MS = 1_500;
const QUEUE_WAIT_MS = 800;

/** The speed rule as the protocol README states it, written out independently of the server's. */
const pointsFor = (correct: boolean, ms: number) => (correct ? Math.round(10 + (10 * Math.max(0, QUESTION_MS - ms)) / QUESTION_MS) : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A member's phone: a socket with their session cookie that remembers what the server sent. */
class Phone {
  views: MatchView[] = [];
  queues: MatchQueueView[] = [];
  socket!: ClientSocket;

  constructor(
    readonly name: string,
    readonly cookie: string,
  ) {}

  async open(url: string): Promise<this> {
    this.socket = await connect(url, this.cookie);
    this.socket.on('match:view', (v) => this.views.push(v));
    this.socket.on('match:queue', (q) => this.queues.push(q));
    return this;
  }

  /** A dropped connection: the next page load or reconnect is a new socket. */
  async reconnect(url: string): Promise<void> {
    this.socket.disconnect();
    await this.open(url);
  }

  call<T>(event: string, payload?: unknown) {
    return call<T>(this.socket, event, payload ?? {});
  }

  /** The first view (in order received) of this match that passes. */
  seen(matchId: string, predicate: (v: MatchView) => boolean, what: string, timeoutMs = 15_000): Promise<MatchView> {
    return waitUntil(() => this.views.find((v) => v.id === matchId && predicate(v)), timeoutMs, `${this.name}: ${what}`);
  }

  latest(matchId: string): MatchView | undefined {
    return this.views.filter((v) => v.id === matchId).at(-1);
  }

  finished(matchId: string): Promise<MatchView> {
    return this.seen(matchId, (v) => v.phase === 'finished', 'the result');
  }
}

/** What a member does with question i: answer right or wrong after a delay, or not at all. */
type Plan = (phone: Phone, index: number) => { right: boolean; delay: number } | null;

describe('practice matches over real sockets', () => {
  let t: TestApp;
  let admin: HttpSession;
  let ds: DataSource;
  const phones = new Map<string, Phone>();
  /** Matches already played, so a phone's next new match is told apart. */
  const seenMatches = new Set<string>();

  async function member(name: string, identifier: string, branchId: string): Promise<Phone> {
    const created = await admin.post('/api/org/members', { name, identifier, branchId });
    expect(created.status).toBe(201);
    const session = new HttpSession(t.url);
    const { username, password } = created.body.credential;
    await session.login(username, password);
    expect((await session.post('/api/auth/password', { currentPassword: password, newPassword: `${identifier}-pw` })).status).toBe(204);
    return new Phone(name, session.cookie!).open(t.url);
  }

  const phone = (name: string) => phones.get(name)!;

  /** The right or a wrong response (the admin reads the key from the bank). */
  let bankAnswers: BankAnswers;
  const responseTo = (q: PracticeQuestionDto, right: boolean) => bankAnswers.responseTo(q, right);


  async function answer(p: Phone, view: MatchView, right: boolean, clientAnswerId = `${p.name}-${view.id}-${view.index}`): Promise<MatchAnswerReceipt> {
    return ok(p.call<MatchAnswerReceipt>('match:answer', { matchId: view.id, index: view.index, clientAnswerId, response: await responseTo(view.question!, right) }));
  }

  /** Plays every question of a match by the plan; resolves with each phone's final view. */
  async function play(players: Phone[], matchId: string, plan: Plan): Promise<MatchView[]> {
    const total = (await players[0].seen(matchId, () => true, 'the match')).total;
    for (let i = 0; i < total; i++) {
      const asked = await Promise.all(players.map((p) => p.seen(matchId, (v) => (v.phase === 'question' && v.index === i) || v.phase === 'finished', `question ${i}`)));
      if (asked[0].phase === 'finished') break;
      await Promise.all(
        players.map(async (p, n) => {
          const step = plan(p, i);
          if (!step) return;
          await sleep(step.delay);
          expect(await answer(p, asked[n], step.right)).toEqual({ index: i, accepted: true });
        }),
      );
      await Promise.all(players.map((p) => p.seen(matchId, (v) => (v.phase === 'reveal' && v.index === i) || v.phase === 'finished', `reveal ${i}`)));
    }
    return Promise.all(players.map((p) => p.finished(matchId)));
  }

  /** Each seat's score from the stored answers and their times, by the rule. */
  async function storedScores(matchId: string, size: number): Promise<number[]> {
    const answers = await ds.getRepository(MatchAnswerRecord).findBy({ matchId });
    for (const a of answers) expect(a.points).toBe(pointsFor(a.correct, a.ms));
    return Array.from({ length: size }, (_, seat) => answers.filter((a) => a.seat === seat).reduce((n, a) => n + pointsFor(a.correct, a.ms), 0));
  }

  const placesOf = (scores: number[]) => scores.map((s) => 1 + scores.filter((o) => o > s).length);

  async function queueTogether(size: 2 | 4, names: string[]): Promise<string> {
    for (const [i, name] of names.entries()) {
      const view = await ok(phone(name).call<MatchQueueView>('match:queue', { size }));
      expect(view).toMatchObject({ kind: 'queue', size, code: null, timedOut: false });
      expect(view.waiting).toEqual(names.slice(0, i + 1));
    }
    const started = await waitUntil(() => phone(names[0]).views.find((v) => v.phase === 'starting' && !seenMatches.has(v.id)), 10_000, 'a new match');
    seenMatches.add(started.id);
    return started.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    Object.assign(t.app.get(MatchTiming), {
      startMs: 300,
      questionMs: QUESTION_MS,
      revealMs: 300,
      forfeitGraceMs: GRACE_MS,
      queueWaitMs: QUEUE_WAIT_MS,
      botMinMs: 100,
      botMaxMs: 500,
    });
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
    bankAnswers = new BankAnswers(admin);
    const branch = (await admin.post('/api/org/branches', { name: '对战支部' })).body;
    const names = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'];
    for (const [i, name] of names.entries()) phones.set(name, await member(name, `1390000000${i}`, branch.id));
  }, 120_000);
  afterAll(async () => {
    for (const p of phones.values()) p.socket.disconnect();
    await t?.close();
  });

  it('plays a 1v1 from the queue to the end: speed scores from the stored answers, places, rankings', async () => {
    const [a, b] = [phone('甲'), phone('乙')];
    const matchId = await queueTogether(2, ['甲', '乙']);
    const start = await b.seen(matchId, (v) => v.phase === 'starting', 'the count-down');
    expect(start).toMatchObject({ size: 2, total: 5, question: null, reveal: null, result: null });
    expect(start.players.map((p) => [p.name, p.bot])).toEqual([
      ['甲', false],
      ['乙', false],
    ]);
    const seatOf = (p: Phone) => start.players.find((x) => x.name === p.name)!.seat;

    // Question 0 by hand: 甲 answers at once; 乙 sees only that 甲 answered, then answers later.
    const q0 = await a.seen(matchId, (v) => v.phase === 'question' && v.index === 0, 'question 0');
    expect(Object.keys(q0.question!)).not.toContain('answer');
    expect(q0.deadline! - q0.serverNow).toBeGreaterThan(QUESTION_MS - 1_000);
    await answer(a, q0, true);
    const told = await b.seen(matchId, (v) => v.players[seatOf(a)].answered, '甲 answered');
    expect(told).toMatchObject({ phase: 'question', reveal: null });
    expect(told.players[seatOf(a)].score).toBe(0);
    await sleep(1_000);
    await answer(b, q0, true);
    // Both answered: the reveal comes at once, long before the deadline.
    const reveal = await a.seen(matchId, (v) => v.phase === 'reveal' && v.index === 0, 'reveal 0');
    expect(reveal.serverNow).toBeLessThan(q0.deadline!);
    expect(reveal.reveal!.answers.every((x) => x.correct)).toBe(true);
    expect(reveal.reveal!.answers[seatOf(b)].ms).toBeGreaterThanOrEqual(1_000);
    expect(reveal.players[seatOf(a)].score).toBeGreaterThan(reveal.players[seatOf(b)].score);

    // The rest: 甲 right except question 2, 乙 wrong on question 3 and silent on question 4.
    const finals = await play([a, b], matchId, (p, i) => {
      if (i === 0) return null;
      if (p === a) return { right: i !== 2, delay: 50 * i };
      return i === 4 ? null : { right: i !== 3, delay: 400 };
    });
    const scores = await storedScores(matchId, 2);
    const result = finals[0].result!;
    for (const row of result.places) expect(row.score).toBe(scores[row.seat]);
    expect(result.places.map((r) => r.place)).toEqual(placesOf(scores).sort());
    expect(result.places.find((r) => r.seat === seatOf(a))).toMatchObject({ name: '甲', correct: 4, place: placesOf(scores)[seatOf(a)] });
    expect(result.places.find((r) => r.seat === seatOf(b))).toMatchObject({ name: '乙', correct: 3 });
    // Question 4 went to its deadline for 乙: no answer stored, nothing scored.
    expect(await ds.getRepository(MatchAnswerRecord).countBy({ matchId, seat: seatOf(b) })).toBe(4);

    // Rankings: 10 per right answer, +10 for first place; each member sees their own number.
    const expected = (p: Phone, correct: number) => 10 * correct + (placesOf(scores)[seatOf(p)] === 1 ? 10 : 0);
    expect(finals[0].result!.pointsRecorded).toBe(expected(a, 4));
    expect(finals[1].result!.pointsRecorded).toBe(expected(b, 3));
    const ranking = (await admin.get('/api/rankings/individual?window=week')).body as IndividualRankingDto;
    expect(ranking.rows.find((r) => r.name === '甲')).toMatchObject({ points: expected(a, 4), answered: 5, correct: 4, activities: 1 });
    expect(ranking.rows.find((r) => r.name === '乙')).toMatchObject({ points: expected(b, 3), answered: 4, correct: 3, activities: 1 });
    const rows = await ds.getRepository(ResultRecord).findBy({ source: 'match', sourceId: matchId });
    expect(rows).toHaveLength(2);
    const players = await ds.getRepository(MatchPlayerRecord).findBy({ matchId });
    expect(players.map((p) => p.pointsRecorded).sort()).toEqual([expected(a, 4), expected(b, 3)].sort());

    // The result screen survives a reload.
    await a.reconnect(t.url);
    expect(await ok(a.call<MatchView>('match:resume', { matchId }))).toMatchObject({ phase: 'finished', result: { pointsRecorded: expected(a, 4) } });
  });

  it('plays a 4-player match (四人赛) to the end with speed scores and places', async () => {
    const four = ['丙', '丁', '戊', '己'].map(phone);
    const matchId = await queueTogether(4, ['丙', '丁', '戊', '己']);
    // 丙 and 丁 answer every question right at the same moment; 戊 is slower; 己 is always wrong.
    const finals = await play(four, matchId, (p, i) => {
      if (p.name === '己') return { right: false, delay: 0 };
      if (p.name === '戊') return { right: i % 2 === 0, delay: 700 };
      return { right: true, delay: 0 };
    });
    const scores = await storedScores(matchId, 4);
    const result = finals[2].result!;
    expect(result.places).toHaveLength(4);
    for (const row of result.places) expect(row.score).toBe(scores[row.seat]);
    for (const row of result.places) expect(row.place).toBe(placesOf(scores)[row.seat]);
    const ji = result.places.find((r) => r.name === '己')!;
    expect(ji).toMatchObject({ score: 0, correct: 0, place: 4 });
    expect(result.places.find((r) => r.name === '戊')).toMatchObject({ correct: 3 });
    for (const f of finals) expect(f.result!.places).toEqual(result.places);
  });

  it('offers a lone member a bot after the wait, and plays against it to the end, under the daily cap', async () => {
    const g = phone('庚');
    // 庚 practised today already: only 5 points are left under the organisation's daily cap.
    const userId = (await ds.getRepository(MemberRecord).findOneByOrFail({ name: '庚' })).userId;
    const today = await t.app.get(DailyAllowance).today(userId, Date.now());
    await t.app.get(ResultsService).record([
      { source: 'practice', sourceId: 'earlier-practice', userId, points: today.cap - today.used - 5, answered: 20, correct: 20, occurredAt: Date.now() },
    ]);
    const waiting = await ok(g.call<MatchQueueView>('match:queue', { size: 2 }));
    expect(waiting).toMatchObject({ kind: 'queue', waiting: ['庚'], timedOut: false });
    // Asking again (e.g. from a reloaded page) is the same wait.
    expect(await ok(g.call<MatchQueueView>('match:queue', { size: 2 }))).toMatchObject({ since: waiting.since, waiting: ['庚'] });
    const timedOut = await waitUntil(() => g.queues.find((q) => q.timedOut), 5_000, 'the wait to time out');
    expect(timedOut.serverNow - timedOut.since).toBeGreaterThanOrEqual(QUEUE_WAIT_MS);
    const view = await ok(g.call<MatchView>('match:bot'));
    expect(view.players.map((p) => p.bot)).toEqual([false, true]);
    expect(view.me).toBe(0);
    const [final] = await play([g], view.id, () => ({ right: true, delay: 600 }));
    const scores = await storedScores(view.id, 2);
    expect(final.result!.places).toHaveLength(2);
    for (const row of final.result!.places) {
      expect(row.score).toBe(scores[row.seat]);
      expect(row.place).toBe(placesOf(scores)[row.seat]);
    }
    expect(final.result!.places.find((r) => r.seat === 0)!.correct).toBe(5);
    // Five right and first place earn 60; the 5 left under the daily cap go through.
    expect(final.result!.pointsEarned).toBe(5 * 10 + 10);
    expect(final.result!.pointsRecorded).toBe(5);
    expect(await ds.getRepository(ResultRecord).findOneByOrFail({ source: 'match', sourceId: view.id, userId })).toMatchObject({ points: 5, answered: 5, correct: 5 });
    // The bot answered every question itself (the questions waited for it).
    const botAnswers = await ds.getRepository(MatchAnswerRecord).findBy({ matchId: view.id, seat: 1 });
    expect(botAnswers).toHaveLength(5);
    expect(botAnswers.every((a) => a.clientAnswerId === null && a.response === null && a.ms >= 100)).toBe(true);
  });

  it('cancels a wait: the member leaves the queue', async () => {
    const [g, x] = [phone('庚'), phone('辛')];
    await ok(g.call<MatchQueueView>('match:queue', { size: 4 }));
    expect(await ok(x.call<MatchQueueView>('match:queue', { size: 4 }))).toMatchObject({ waiting: ['庚', '辛'] });
    // One wait at a time.
    expect(await g.call('match:queue', { size: 2 })).toMatchObject({ ok: false, error: { code: 'MATCH_ALREADY_WAITING' } });
    expect(await g.call('match:invite', { size: 2 })).toMatchObject({ ok: false, error: { code: 'MATCH_ALREADY_WAITING' } });
    expect(await ok(g.call('match:cancel'))).toEqual({ cancelled: true });
    // The one left waiting is told.
    await waitUntil(() => x.queues.find((q) => q.waiting.length === 1 && q.waiting[0] === '辛'), 5_000, '辛 told 庚 left');
    expect(await ok(g.call('match:cancel'))).toEqual({ cancelled: false });
    expect(await g.call('match:bot')).toMatchObject({ ok: false, error: { code: 'MATCH_NOT_WAITING' } });
    expect(await ok(x.call('match:cancel'))).toEqual({ cancelled: true });
    // Nobody is left in the queue: a new member waits alone.
    expect(await ok(g.call<MatchQueueView>('match:queue', { size: 4 }))).toMatchObject({ waiting: ['庚'] });
    expect(await ok(g.call('match:cancel'))).toEqual({ cancelled: true });
  });

  it('plays a friend match by invite code', async () => {
    const [a, b, c] = [phone('甲'), phone('乙'), phone('丙')];
    const room = await ok(a.call<MatchQueueView>('match:invite', { size: 2 }));
    expect(room).toMatchObject({ kind: 'invite', size: 2, waiting: ['甲'], timedOut: false });
    expect(room.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(await b.call('match:accept', { code: 'ZZZZ2222' })).toMatchObject({ ok: false, error: { code: 'MATCH_INVITE_INVALID' } });
    expect(await b.call('match:accept', { code: 'no!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const joined = await ok(b.call<MatchQueueView>('match:accept', { code: room.code!.toLowerCase() }));
    expect(joined).toMatchObject({ kind: 'invite', code: room.code, waiting: ['甲', '乙'] });
    expect(await c.call('match:accept', { code: room.code })).toMatchObject({ ok: false, error: { code: 'MATCH_FULL' } });
    const started = await waitUntil(() => a.views.find((v) => !seenMatches.has(v.id) && v.phase === 'starting'), 10_000, 'the friend match');
    seenMatches.add(started.id);
    expect(started.players.map((p) => p.name)).toEqual(['甲', '乙']);
    const finals = await play([a, b], started.id, (p) => ({ right: p === a, delay: 0 }));
    expect(finals[1].result!.places.map((r) => [r.name, r.place])).toEqual([
      ['甲', 1],
      ['乙', 2],
    ]);
  });

  it('counts an answer resent after a dropped connection once', async () => {
    const [d, e] = [phone('丁'), phone('戊')];
    const matchId = await queueTogether(2, ['丁', '戊']);
    const q0 = await d.seen(matchId, (v) => v.phase === 'question' && v.index === 0, 'question 0');
    const payload = { matchId, index: 0, clientAnswerId: 'ding-q0', response: await responseTo(q0.question!, true) };
    // The answer leaves as the connection drops: whether it arrived, the phone cannot know.
    d.socket.emit('match:answer' as never, payload as never);
    d.socket.disconnect();
    await sleep(200);
    await d.reconnect(t.url);
    const resumed = await ok(d.call<MatchView>('match:resume', { matchId }));
    expect(resumed).toMatchObject({ id: matchId, phase: 'question', index: 0 });
    // Sent again when the connection returns, twice for good measure: the same receipt.
    expect(await ok(d.call('match:answer', payload))).toEqual({ index: 0, accepted: true });
    expect(await ok(d.call('match:answer', payload))).toEqual({ index: 0, accepted: true });
    // A different answer to the same question is not a resend.
    expect(await d.call('match:answer', { ...payload, clientAnswerId: 'ding-q0-b', response: await responseTo(q0.question!, false) })).toMatchObject({
      ok: false,
      error: { code: 'ANSWER_DUPLICATE' },
    });
    const final = await play([d, e], matchId, (p, i) => (i === 0 && p === d ? null : { right: true, delay: 0 }));
    const answers = await ds.getRepository(MatchAnswerRecord).findBy({ matchId, seat: resumed.me, questionIndex: 0 });
    expect(answers).toHaveLength(1);
    expect(answers[0].clientAnswerId).toBe('ding-q0');
    const mine = final[0].result!.places.find((r) => r.seat === resumed.me)!;
    expect(mine.correct).toBe(5);
    expect(mine.score).toBe((await storedScores(matchId, 2))[resumed.me]);
  });

  it('forfeits a member only when the connection stays away longer than the grace', async () => {
    const [f, h] = [phone('己'), phone('辛')];
    const matchId = await queueTogether(2, ['己', '辛']);
    const q0 = await f.seen(matchId, (v) => v.phase === 'question' && v.index === 0, 'question 0');
    const away = q0.players.find((p) => p.name === '辛')!.seat;
    // A short drop: shown as disconnected, back within the grace, not a forfeit.
    h.socket.disconnect();
    await f.seen(matchId, (v) => !v.players[away].connected, '辛 shown away');
    await sleep(GRACE_MS / 3);
    await h.reconnect(t.url);
    expect(await ok(h.call<MatchView>('match:resume', { matchId }))).toMatchObject({ phase: 'question' });
    await sleep(GRACE_MS + 300);
    expect(f.latest(matchId)!.players[away]).toMatchObject({ connected: true, forfeited: false });
    expect(f.latest(matchId)!.phase).not.toBe('finished');
    // A long one: after the grace, 辛 forfeits and 己, the one left, wins at once.
    h.socket.disconnect();
    const over = await f.seen(matchId, (v) => v.phase === 'finished', 'the forfeit');
    expect(over.players[away]).toMatchObject({ forfeited: true, connected: false });
    expect(over.result!.places.map((r) => [r.name, r.place, r.forfeited])).toEqual([
      ['己', 1, false],
      ['辛', 2, true],
    ]);
    await h.reconnect(t.url);
    const seen = await ok(h.call<MatchView>('match:resume', { matchId }));
    expect(seen).toMatchObject({ phase: 'finished', me: away });
    expect(seen.result!.places[1]).toMatchObject({ name: '辛', forfeited: true });
    expect(await h.call('match:answer', { matchId, index: 0, clientAnswerId: 'late', response: { kind: 'truefalse', value: true } })).toMatchObject({
      ok: false,
      error: { code: 'MATCH_OVER' },
    });
    expect((await ds.getRepository(MatchPlayerRecord).findOneByOrFail({ matchId, seat: away })).forfeited).toBe(true);
  });

  it('refuses anyone who is not a member, and members outside the match', async () => {
    const anonymous = await connect(t.url);
    expect(await call(anonymous, 'match:queue', { size: 2 })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    anonymous.disconnect();
    const host = await connect(t.url, admin.cookie);
    expect(await call(host, 'match:queue', { size: 2 })).toMatchObject({ ok: false, error: { code: 'MEMBERS_ONLY' } });
    expect(await call(host, 'match:invite', { size: 4 })).toMatchObject({ ok: false, error: { code: 'MEMBERS_ONLY' } });
    host.disconnect();
    const g = phone('庚');
    expect(await g.call('match:queue', { size: 3 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await g.call('match:resume', { matchId: 'no-such-match' })).toMatchObject({ ok: false, error: { code: 'MATCH_NOT_FOUND' } });
    const other = [...seenMatches][0];
    expect(await g.call('match:resume', { matchId: other })).toMatchObject({ ok: false, error: { code: 'MATCH_NOT_PLAYER' } });
  });
});
