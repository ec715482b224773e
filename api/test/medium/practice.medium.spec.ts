// Practice end to end against the real app and database: a member does today's daily quiz (one
// answer retried, one wrong), cannot replay it, runs a challenge to its first wrong answer,
// clears the wrong-answer book by answering each question right twice, and the practice points
// appear in the individual ranking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AnswerResponse,
  ChallengeLeaderboardDto,
  IndividualRankingDto,
  PracticeJudgementDto,
  PracticeOverviewDto,
  PracticeSessionDto,
  QuestionDto,
} from '@dangshi/protocol';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

describe('practice', () => {
  let t: TestApp;
  let admin: HttpSession;
  let member: HttpSession;
  const expectedPoints: number[] = [];
  const wrongIds = new Set<string>();

  /** The right or a wrong response to a bank question (the admin reads the key). */
  async function responseFor(questionId: string, right: boolean): Promise<AnswerResponse> {
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

  async function answer(session: PracticeSessionDto, right: boolean, clientAnswerId: string): Promise<PracticeJudgementDto> {
    const response = await responseFor(session.question!.questionId, right);
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
