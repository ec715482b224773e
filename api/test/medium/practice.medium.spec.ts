// Practice end to end against the real app and database: a member does today's daily quiz (one
// answer retried, one wrong), cannot replay it, runs a challenge to its first wrong answer,
// clears the wrong-answer book by answering each question right twice, and the practice points
// appear in the individual ranking. Then the organisation's daily cap (shared with matches),
// ending a session early (结束练习), and browsing the wrong-answer book page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AnswerResponse,
  ChallengeLeaderboardDto,
  IndividualRankingDto,
  PracticeJudgementDto,
  PracticeOverviewDto,
  PracticeSessionDto,
  PracticeStartInput,
  PracticeWrongPageDto,
  QuestionDto,
} from '@dangshi/protocol';
import { ResultsService } from '../../src/ranking/results.service';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

/** The right or a wrong response to a bank question (the admin reads the key). */
async function responseFor(admin: HttpSession, questionId: string, right: boolean): Promise<AnswerResponse> {
  const q = (await admin.get(`/api/bank/questions/${questionId}`)).body as QuestionDto;
  const index = (l: string) => 'ABCDEF'.indexOf(l);
  switch (q.type) {
    case 'single':
      return { kind: 'choice', options: [right ? index(q.answer) : (index(q.answer) + 1) % q.options.length] };
    case 'multiple':
      return { kind: 'choice', options: right ? q.answer.map(index) : [index(q.answer[0])] };
    case 'truefalse':
      return { kind: 'truefalse', value: right ? q.answer : !q.answer };
    case 'fill':
      return { kind: 'fill', text: right ? q.answer[0] : '不是这个答案' };
  }
}

/** A member made through the org API, first password already changed, with practice shortcuts. */
interface Practiser {
  http: HttpSession;
  userId: string;
  name: string;
  overview(): Promise<PracticeOverviewDto>;
  start(input: PracticeStartInput): Promise<PracticeSessionDto>;
  /** Answers the current question right or wrong; returns the judgement. */
  answer(session: PracticeSessionDto, right: boolean, clientAnswerId: string): Promise<PracticeJudgementDto>;
  end(sessionId: string): Promise<{ status: number; body: any }>;
  wrongPage(query: string): Promise<{ status: number; body: any }>;
}

async function newPractiser(t: TestApp, admin: HttpSession, branchId: string, name: string, identifier: string): Promise<Practiser> {
  const created = await admin.post('/api/org/members', { name, identifier, branchId });
  expect(created.status).toBe(201);
  const { username, password } = created.body.credential;
  const http = new HttpSession(t.url);
  await http.login(username, password);
  expect((await http.post('/api/auth/password', { currentPassword: password, newPassword: `${identifier}-pw` })).status).toBe(204);
  return {
    http,
    userId: created.body.member.userId,
    name,
    overview: async () => (await http.get('/api/practice')).body as PracticeOverviewDto,
    start: async (input) => {
      const res = await http.post('/api/practice/sessions', input);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as PracticeSessionDto;
    },
    answer: async (session, right, clientAnswerId) => {
      const response = await responseFor(admin, session.question!.questionId, right);
      const res = await http.post(`/api/practice/sessions/${session.id}/answers`, { clientAnswerId, position: session.position, response });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((res.body as PracticeJudgementDto).correct).toBe(right);
      return res.body as PracticeJudgementDto;
    },
    end: (sessionId) => http.post(`/api/practice/sessions/${encodeURIComponent(sessionId)}/end`),
    wrongPage: (query) => http.get(`/api/practice/wrong${query}`),
  };
}

async function startWithAdmin(): Promise<{ t: TestApp; admin: HttpSession; branchId: string }> {
  const t = await startTestApp();
  const admin = new HttpSession(t.url);
  await admin.login('admin', ADMIN_PASSWORD);
  const branch = (await admin.post('/api/org/branches', { name: '学习支部' })).body;
  return { t, admin, branchId: branch.id };
}

describe('practice', () => {
  let t: TestApp;
  let admin: HttpSession;
  let member: HttpSession;
  const expectedPoints: number[] = [];
  const wrongIds = new Set<string>();

  async function answer(session: PracticeSessionDto, right: boolean, clientAnswerId: string): Promise<PracticeJudgementDto> {
    const response = await responseFor(admin, session.question!.questionId, right);
    const res = await member.post(`/api/practice/sessions/${session.id}/answers`, { clientAnswerId, position: session.position, response });
    expect(res.status).toBe(200);
    const judgement = res.body as PracticeJudgementDto;
    expect(judgement.correct).toBe(right);
    if (!right) wrongIds.add(session.question!.questionId);
    return judgement;
  }

  const overview = async () => (await member.get('/api/practice')).body as PracticeOverviewDto;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const branch = (await admin.post('/api/org/branches', { name: '学习支部' })).body;
    const created = await admin.post('/api/org/members', { name: '练习者', identifier: '13800000099', branchId: branch.id });
    expect(created.status).toBe(201);
    const { username, password } = created.body.credential;
    member = new HttpSession(t.url);
    await member.login(username, password);
    // The first login must change the password before anything else.
    expect((await member.get('/api/practice')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await member.post('/api/auth/password', { currentPassword: password, newPassword: 'practice-pw-1' })).status).toBe(204);
  });
  afterAll(() => t?.close());

  it('refuses a bad start and a bad answer with clear errors', async () => {
    expect((await member.post('/api/practice/sessions', { mode: 'category' })).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await member.post('/api/practice/sessions', { mode: 'nonsense' })).status).toBe(400);
    expect((await member.post('/api/practice/sessions', { mode: 'wrong' })).body.code).toBe('VALIDATION_FAILED');
    expect((await member.get('/api/practice/sessions/nope')).body.code).toBe('NOT_FOUND');
  });

  it('does the daily quiz: 5 unseen questions, one answer retried and counted once, no replay', async () => {
    const before = await overview();
    expect(before.daily).toMatchObject({ done: false, streak: 0, total: 5 });
    let session = (await member.post('/api/practice/sessions', { mode: 'daily' })).body as PracticeSessionDto;
    expect(session).toMatchObject({ mode: 'daily', total: 5, position: 0, ended: false });
    // The question goes out without its key.
    expect(Object.keys(session.question!)).not.toContain('answer');
    const ids = new Set<string>();
    // A response of the wrong kind is invalid, not wrong.
    const invalid = await member.post(`/api/practice/sessions/${session.id}/answers`, { clientAnswerId: 'bad', position: 0, response: { kind: 'fill', text: '' } });
    expect(invalid.status).toBe(400);
    for (let i = 0; i < 5; i++) {
      ids.add(session.question!.questionId);
      const judgement = await answer(session, i !== 0, `daily-${i}`);
      expect(judgement.explanation.length).toBeGreaterThan(0);
      expect(judgement.source.length).toBeGreaterThan(0);
      if (i === 1) {
        // The phone lost the reply and sends the same answer again: the same judgement, nothing counted twice.
        const retry = await member.post(`/api/practice/sessions/${session.id}/answers`, {
          clientAnswerId: 'daily-1',
          position: 1,
          response: judgement.response,
        });
        expect(retry.body).toMatchObject({ correct: true, session: { position: 2, correct: 1 } });
      }
      session = judgement.session;
    }
    expect(ids.size).toBe(5);
    expect(session).toMatchObject({ ended: true, position: 5, correct: 4, points: 40, question: null });
    expectedPoints.push(40);
    // An old answer to a finished session is refused, and today's quiz cannot be replayed.
    expect((await member.post(`/api/practice/sessions/${session.id}/answers`, { clientAnswerId: 'late', position: 5, response: { kind: 'truefalse', value: true } })).status).toBe(409);
    const again = (await member.post('/api/practice/sessions', { mode: 'daily' })).body as PracticeSessionDto;
    expect(again).toMatchObject({ id: session.id, ended: true, points: 40 });
    const after = await overview();
    expect(after.daily).toMatchObject({ done: true, streak: 1, answered: 5 });
    expect(after.wrongCount).toBe(1);
    expect(after.pointsToday).toBe(40);
    expect(after.categories.reduce((n, c) => n + c.seen, 0)).toBe(5);
  });

  it('runs a challenge to the first wrong answer and keeps the best on the weekly board', async () => {
    let session = (await member.post('/api/practice/sessions', { mode: 'challenge' })).body as PracticeSessionDto;
    session = (await answer(session, true, 'ch-0')).session;
    session = (await answer(session, true, 'ch-1')).session;
    expect(session.ended).toBe(false);
    session = (await answer(session, false, 'ch-2')).session;
    expect(session).toMatchObject({ ended: true, correct: 2, points: 20 });
    expectedPoints.push(20);
    expect((await overview()).challengeBest).toBe(2);
    const board = (await member.get('/api/practice/challenge/leaderboard')).body as ChallengeLeaderboardDto;
    expect(board.rows).toEqual([expect.objectContaining({ rank: 1, name: '练习者', best: 2 })]);
  });

  it('clears the wrong-answer book after two right answers in a row', async () => {
    expect((await overview()).wrongCount).toBe(wrongIds.size);
    for (const round of [1, 2]) {
      let session = (await member.post('/api/practice/sessions', { mode: 'wrong' })).body as PracticeSessionDto;
      expect(session.total).toBe(wrongIds.size);
      for (let i = 0; !session.ended; i++) session = (await answer(session, true, `wrong-${round}-${i}`)).session;
      expect(session.points).toBe(10 * wrongIds.size);
      expectedPoints.push(session.points);
      expect((await overview()).wrongCount).toBe(round === 1 ? wrongIds.size : 0);
    }
    expect((await member.post('/api/practice/sessions', { mode: 'wrong' })).body.code).toBe('VALIDATION_FAILED');
  });

  it('puts the practice points in the individual ranking', async () => {
    const ranking = (await admin.get('/api/rankings/individual?window=week')).body as IndividualRankingDto;
    const row = ranking.rows.find((r) => r.name === '练习者');
    const total = expectedPoints.reduce((a, b) => a + b, 0);
    expect(row).toMatchObject({ points: total, activities: expectedPoints.length });
    expect((await overview()).pointsToday).toBe(total);
  });

  it('offers category practice with progress per category', async () => {
    const { categories } = await overview();
    const category = categories.find((c) => c.total > 0)!.category;
    const session = (await member.post('/api/practice/sessions', { mode: 'category', category, difficulty: 2 })).body as PracticeSessionDto;
    expect(session).toMatchObject({ mode: 'category', category, difficulty: 2, ended: false });
    expect(session.total).toBeGreaterThan(0);
    expect(session.question!.category).toBe(category);
  });
});

describe('the daily cap on practice points is the organisation setting', () => {
  let t: TestApp;
  let admin: HttpSession;
  let member: Practiser;
  const setCap = async (practiceDailyCap: number) => {
    const res = await admin.request('PUT', '/api/org', { name: '学习型机关', headlineMetric: 'avgPerMember', utcOffsetMinutes: 480, practiceDailyCap });
    expect(res.status).toBe(200);
  };
  /** A challenge: `right` right answers, then a wrong one that ends it. */
  const challenge = async (right: number, tag: string) => {
    let s = await member.start({ mode: 'challenge' });
    for (let i = 0; i < right; i++) s = (await member.answer(s, true, `${tag}-${i}`)).session;
    return (await member.answer(s, false, `${tag}-end`)).session;
  };

  beforeAll(async () => {
    let branchId: string;
    ({ t, admin, branchId } = await startWithAdmin());
    member = await newPractiser(t, admin, branchId, '限额者', '13800000101');
  });
  afterAll(() => t?.close());

  it('cuts practice to the cap the admin set, counting match results against the same cap', async () => {
    expect(await member.overview()).toMatchObject({ dailyCap: 200, pointsToday: 0 });
    // Only an admin sets it.
    const refused = await member.http.request('PUT', '/api/org', { name: '学习型机关', headlineMetric: 'avgPerMember', utcOffsetMinutes: 480, practiceDailyCap: 10_000 });
    expect(refused.status).toBe(403);
    await setCap(30);
    expect(await member.overview()).toMatchObject({ dailyCap: 30, pointsToday: 0 });

    // A match won today, recorded the way the match module records it, uses up part of the cap;
    // one from two days ago belongs to another day's cap.
    const results = t.app.get(ResultsService);
    const now = Date.now();
    expect(await results.record([{ source: 'match', sourceId: 'match-cap-today', userId: member.userId, points: 10, answered: 2, correct: 1, occurredAt: now }])).toBe(1);
    expect(await results.record([{ source: 'match', sourceId: 'match-cap-old', userId: member.userId, points: 25, answered: 3, correct: 3, occurredAt: now - 2 * 86_400_000 }])).toBe(1);
    expect((await member.overview()).pointsToday).toBe(10);

    // Five right answers earn 50; 20 are left under the cap.
    let daily = await member.start({ mode: 'daily' });
    for (let i = 0; i < 5; i++) daily = (await member.answer(daily, true, `cap-daily-${i}`)).session;
    expect(daily).toMatchObject({ ended: true, correct: 5, points: 20, endedEarly: false });
    expect(await member.overview()).toMatchObject({ dailyCap: 30, pointsToday: 30 });

    // At the cap, right answers add nothing.
    expect(await challenge(1, 'cap-a')).toMatchObject({ ended: true, correct: 1, points: 0 });
    // A higher cap leaves room again: 20 earned, 15 left.
    await setCap(45);
    expect(await challenge(2, 'cap-b')).toMatchObject({ correct: 2, points: 15 });
    // 0: practice earns no ranking points at all.
    await setCap(0);
    expect(await challenge(3, 'cap-c')).toMatchObject({ correct: 3, points: 0 });
    expect(await member.overview()).toMatchObject({ dailyCap: 0, pointsToday: 45 });

    const ranking = (await admin.get('/api/rankings/individual?window=all')).body as IndividualRankingDto;
    expect(ranking.rows.find((r) => r.name === '限额者')).toMatchObject({ points: 10 + 25 + 20 + 0 + 15 + 0 });
    await setCap(200);
  });
});

describe('ending a practice session early (结束练习)', () => {
  let t: TestApp;
  let admin: HttpSession;
  let a: Practiser;
  let b: Practiser;
  let c: Practiser;

  beforeAll(async () => {
    let branchId: string;
    ({ t, admin, branchId } = await startWithAdmin());
    a = await newPractiser(t, admin, branchId, '提前甲', '13800000201');
    b = await newPractiser(t, admin, branchId, '提前乙', '13800000202');
    c = await newPractiser(t, admin, branchId, '提前丙', '13800000203');
  });
  afterAll(() => t?.close());

  const someCategory = async (p: Practiser) => (await p.overview()).categories.find((x) => x.total >= 5)!.category;

  it('ends a category session with the points of what was answered, once, and takes no more answers', async () => {
    let s = await a.start({ mode: 'category', category: await someCategory(a) });
    expect(s).toMatchObject({ ended: false, endedEarly: false });
    s = (await a.answer(s, true, 'early-0')).session;
    s = (await a.answer(s, true, 'early-1')).session;
    const third = await a.answer(s, false, 'early-2');
    const ended = await a.end(s.id);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: s.id, ended: true, endedEarly: true, position: 3, correct: 2, points: 20, question: null });
    expect(ended.body.total).toBeGreaterThan(3);
    // A second tap or a retry after a lost reply: the same session, nothing counted again.
    const again = await a.end(s.id);
    expect(again).toMatchObject({ status: 200, body: ended.body });
    expect((await a.http.get(`/api/practice/sessions/${s.id}`)).body).toEqual(ended.body);
    expect((await a.overview()).pointsToday).toBe(20);
    const ranking = (await admin.get('/api/rankings/individual?window=all')).body as IndividualRankingDto;
    expect(ranking.rows.find((r) => r.name === '提前甲')).toMatchObject({ points: 20, activities: 1 });
    // The next question can no longer be answered.
    const late = await a.http.post(`/api/practice/sessions/${s.id}/answers`, { clientAnswerId: 'early-late', position: 3, response: third.response });
    expect(late).toMatchObject({ status: 409, body: { code: 'WRONG_PHASE' } });
  });

  it("refuses to end someone else's session or one that does not exist, and leaves theirs running", async () => {
    const theirs = await b.start({ mode: 'category', category: await someCategory(b) });
    expect(await a.end(theirs.id)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await a.end('no-such-session')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await new HttpSession(t.url).post(`/api/practice/sessions/${theirs.id}/end`)).status).toBe(401);
    expect((await b.http.get(`/api/practice/sessions/${theirs.id}`)).body).toMatchObject({ ended: false, position: 0 });
    // The owner still can.
    expect((await b.end(theirs.id)).body).toMatchObject({ ended: true, endedEarly: true, position: 0, points: 0 });
  });

  it("ends the daily quiz: the answered questions count and the day's quiz is done", async () => {
    let s = await b.start({ mode: 'daily' });
    s = (await b.answer(s, true, 'daily-early-0')).session;
    s = (await b.answer(s, false, 'daily-early-1')).session;
    expect((await b.end(s.id)).body).toMatchObject({ mode: 'daily', ended: true, endedEarly: true, position: 2, correct: 1, points: 10 });
    expect((await b.overview()).daily).toMatchObject({ done: true, answered: 2, total: 5, streak: 1 });
    // Not replayable: today's quiz is the ended one.
    expect(await b.start({ mode: 'daily' })).toMatchObject({ id: s.id, ended: true, position: 2 });
  });

  it('settles an answer and 结束练习 sent at the same moment one way or the other, never half', async () => {
    for (let round = 0; round < 4; round++) {
      const s = await a.start({ mode: 'category', category: await someCategory(a) });
      const response = await responseFor(admin, s.question!.questionId, true);
      const [answered, ended] = await Promise.all([
        a.http.post(`/api/practice/sessions/${s.id}/answers`, { clientAnswerId: `race-${round}`, position: 0, response }),
        a.end(s.id),
      ]);
      expect(ended.status).toBe(200);
      const final = (await a.http.get(`/api/practice/sessions/${s.id}`)).body as PracticeSessionDto;
      expect(final.ended).toBe(true);
      if (answered.status === 200) {
        // The answer got in first: the end counted it.
        expect(final).toMatchObject({ position: 1, correct: 1, points: 10 });
      } else {
        // The end got in first: the answer is refused and nothing of it is stored.
        expect(answered.body.code).toBe('WRONG_PHASE');
        expect(final).toMatchObject({ position: 0, correct: 0, points: 0 });
      }
      expect(ended.body).toMatchObject({ position: final.position, points: final.points });
    }
  });

  it('keeps no streak for a daily quiz ended before its first answer', async () => {
    const s = await c.start({ mode: 'daily' });
    expect((await c.end(s.id)).body).toMatchObject({ ended: true, endedEarly: true, position: 0, points: 0 });
    expect((await c.overview()).daily).toMatchObject({ done: true, answered: 0, streak: 0 });
  });

  it('ends a challenge with its right answers as the run, and tells it from one that ended at a wrong answer', async () => {
    let s = await a.start({ mode: 'challenge' });
    s = (await a.answer(s, true, 'ch-early-0')).session;
    s = (await a.answer(s, true, 'ch-early-1')).session;
    expect((await a.end(s.id)).body).toMatchObject({ ended: true, endedEarly: true, correct: 2, points: 20 });
    expect((await a.overview()).challengeBest).toBe(2);
    let lost = await a.start({ mode: 'challenge' });
    lost = (await a.answer(lost, false, 'ch-lost-0')).session;
    expect(lost).toMatchObject({ ended: true, endedEarly: false });
    // Ending one that already ended by itself changes nothing.
    expect((await a.end(lost.id)).body).toEqual(lost);
  });
});

describe('browsing the wrong-answer book', () => {
  let t: TestApp;
  let admin: HttpSession;
  let member: Practiser;
  let other: Practiser;
  const missed: string[] = [];

  beforeAll(async () => {
    let branchId: string;
    ({ t, admin, branchId } = await startWithAdmin());
    member = await newPractiser(t, admin, branchId, '错题者', '13800000301');
    other = await newPractiser(t, admin, branchId, '旁观者', '13800000302');
  });
  afterAll(() => t?.close());

  const page = async (p: Practiser, query = '') => {
    const res = await p.wrongPage(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as PracticeWrongPageDto;
  };

  it('is empty at first', async () => {
    expect(await page(member)).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('lists each question answered wrong with its answer, explanation, source and counts, page by page', async () => {
    const category = (await member.overview()).categories.find((x) => x.total >= 5)!.category;
    let s = await member.start({ mode: 'category', category });
    const from = Date.now();
    for (let i = 0; i < 5; i++) {
      missed.push(s.question!.questionId);
      s = (await member.answer(s, false, `book-${i}`)).session;
    }
    await member.end(s.id);
    const to = Date.now();

    const all = await page(member, '?pageSize=50');
    expect(all).toMatchObject({ total: 5, page: 1, pageSize: 50 });
    expect(all.items.map((i) => i.questionId).sort()).toEqual([...missed].sort());
    // Newest wrong answer first (the question id breaks ties within one millisecond).
    const order = [...all.items].sort((x, y) => y.lastWrongAt - x.lastWrongAt || x.questionId.localeCompare(y.questionId));
    expect(all.items.map((i) => i.questionId)).toEqual(order.map((i) => i.questionId));
    const letter = (l: string) => 'ABCDEF'.indexOf(l);
    for (const item of all.items) {
      const q = (await admin.get(`/api/bank/questions/${item.questionId}`)).body as QuestionDto;
      expect(item).toMatchObject({ type: q.type, stem: q.stem, category, explanation: q.explanation, source: q.source.ref, wrongCount: 1, rightStreak: 0 });
      expect(item.lastWrongAt).toBeGreaterThanOrEqual(from);
      expect(item.lastWrongAt).toBeLessThanOrEqual(to);
      if (q.type === 'single') expect(item).toMatchObject({ options: q.options, key: { type: 'single', options: [letter(q.answer)] } });
      if (q.type === 'multiple') expect(item).toMatchObject({ options: q.options, key: { type: 'multiple', options: q.answer.map(letter).sort() } });
      if (q.type === 'truefalse') expect(item).toMatchObject({ options: [], key: { type: 'truefalse', value: q.answer } });
      if (q.type === 'fill') expect(item).toMatchObject({ options: [], key: { type: 'fill', accepted: q.answer } });
    }

    // Pages of two: 2 + 2 + 1, then nothing; together exactly the whole book in the same order.
    const pages = [];
    for (let p = 1; p <= 4; p++) pages.push(await page(member, `?page=${p}&pageSize=2`));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
    expect(pages.every((p) => p.total === 5)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((i) => i.questionId))).toEqual(all.items.map((i) => i.questionId));
    // Someone else's book is their own.
    expect((await page(other)).total).toBe(0);
    expect((await member.overview()).wrongCount).toBe(5);
  });

  it('refuses a bad page request with a clear error', async () => {
    for (const query of ['?page=0', '?pageSize=51', '?page=abc', '?pageSize=0']) {
      const res = await member.wrongPage(query);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('counts wrong answers and right answers in a row, and lets a question go after the second right one', async () => {
    const before = new Map((await page(member, '?pageSize=50')).items.map((i) => [i.questionId, i]));
    // Round 1: the first question asked wrong again, the others right once.
    let s = await member.start({ mode: 'wrong' });
    expect(s.total).toBe(5);
    const again = s.question!.questionId;
    for (let i = 0; !s.ended; i++) s = (await member.answer(s, s.question!.questionId !== again, `redo-1-${i}`)).session;
    let book = await page(member, '?pageSize=50');
    expect(book.total).toBe(5);
    for (const item of book.items) {
      if (item.questionId === again) {
        expect(item).toMatchObject({ wrongCount: 2, rightStreak: 0 });
        expect(item.lastWrongAt).toBeGreaterThanOrEqual(before.get(again)!.lastWrongAt);
      } else {
        expect(item).toMatchObject({ wrongCount: 1, rightStreak: 1, lastWrongAt: before.get(item.questionId)!.lastWrongAt });
      }
    }
    // The newest wrong answer leads the list.
    expect(book.items[0].questionId).toBe(again);

    // Round 2: all right. The four with a right answer already leave; the other one stays.
    s = await member.start({ mode: 'wrong' });
    for (let i = 0; !s.ended; i++) s = (await member.answer(s, true, `redo-2-${i}`)).session;
    book = await page(member);
    expect(book.items.map((i) => i.questionId)).toEqual([again]);
    expect(book.items[0]).toMatchObject({ wrongCount: 2, rightStreak: 1 });

    // Round 3: its second right answer in a row takes it out too.
    s = await member.start({ mode: 'wrong' });
    s = (await member.answer(s, true, 'redo-3-0')).session;
    expect(s.ended).toBe(true);
    expect(await page(member)).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect((await member.overview()).wrongCount).toBe(0);
  });
});
