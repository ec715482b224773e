// Question sets and the shipped bank's upgrade path, on the real app and database.
import { loadBank } from '@dangshi/question-bank';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestSummary, QuestionDto, QuestionSetDto } from '@dangshi/protocol';
import { ContestService } from '../../src/contest/contest.service';
import { ShippedBankSync } from '../../src/bank/shipped-bank.sync';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

describe('question sets', () => {
  let t: TestApp;
  let admin: HttpSession;
  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('lists the shipped themed sets with their questions', async () => {
    const sets = (await admin.get('/api/bank/sets')).body as QuestionSetDto[];
    const titles = Object.fromEntries(sets.map((s) => [s.title, s.questionCount]));
    for (const title of ['建党百年', '七一 · 党的生日', '八一 · 建军节', '9·30 烈士纪念日', '学习《退役军人保障法》']) {
      expect(titles[title], title).toBeGreaterThanOrEqual(10);
    }
  });

  it('draws a random set afresh for each contest, within its categories', async () => {
    const created = await admin.post('/api/bank/sets', { title: '党史随机五题', random: { count: 5, categories: ['党史'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'random', questionCount: 5 });
    const ids: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const contest = (await admin.post('/api/contests', { settings: { title: `随机${i}` }, setId: created.body.id })).body as ContestSummary;
      const state = t.app.get(ContestService).peek(contest.id)!;
      expect(state.questions).toHaveLength(5);
      expect(state.questions.every((q) => q.questionId.startsWith('dangshi-'))).toBe(true);
      ids.push(state.questions.map((q) => q.questionId));
    }
    // 60 questions, 5 drawn twice: the same five in the same order is a 1-in-billions event.
    expect(ids[0]).not.toEqual(ids[1]);
  });

  it('keeps a manual set in its order and refuses unknown ids', async () => {
    const created = await admin.post('/api/bank/sets', { title: '三题', questionIds: ['tuiyi-001', 'dangshi-002', 'junshi-003'] });
    expect(created.body).toMatchObject({ kind: 'manual', questionCount: 3 });
    const contest = (await admin.post('/api/contests', { settings: { title: '手选' }, setId: created.body.id })).body as ContestSummary;
    expect(t.app.get(ContestService).peek(contest.id)!.questions.map((q) => q.questionId)).toEqual(['tuiyi-001', 'dangshi-002', 'junshi-003']);
    expect((await admin.post('/api/bank/sets', { title: '坏', questionIds: ['no-such-question'] })).body.code).toBe('QUESTION_NOT_FOUND');
    expect((await admin.post('/api/bank/sets', { title: '两者', questionIds: ['tuiyi-001'], random: { count: 2 } })).body.code).toBe('VALIDATION_FAILED');
  });
});

describe('the shipped bank on upgrade', () => {
  let t: TestApp;
  let admin: HttpSession;
  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('adds new questions, updates changed ones as a new version and never overwrites local edits', async () => {
    const shipped = loadBank();
    const get = async (id: string) => (await admin.get(`/api/bank/questions/${id}`)).body as QuestionDto;
    // The organisation edits one shipped question and writes one of its own.
    const local = await get('dangshi-003');
    const edited = await admin.request('PUT', '/api/bank/questions/dangshi-003', { ...local, explanation: '本单位补充的解析。' });
    expect(edited.status).toBe(200);
    const own = await admin.post('/api/bank/questions', { ...(await get('dangshi-004')), id: 'org-own-001', stem: '本单位自编题：遵义会议在哪一年召开？' });
    expect(own.status).toBe(201);

    // The next release rewords dangshi-001 and dangshi-003, and adds a question.
    const next = shipped.questions.map((q) =>
      q.id === 'dangshi-001' || q.id === 'dangshi-003' ? { ...q, explanation: `${q.explanation}（新版）` } : q,
    );
    const added = { ...shipped.questions[0], id: 'dangshi-999', stem: '新版题库新增的一道题（测试）。' };
    const sync = t.app.get(ShippedBankSync);
    const result = await sync.sync([...next, added], shipped.sets, Date.now());
    expect(result).toMatchObject({ added: 1, updated: 1, kept: 1 });

    const updated = await get('dangshi-001');
    expect(updated.version).toBe(2);
    expect(updated.explanation.endsWith('（新版）')).toBe(true);
    const kept = await get('dangshi-003');
    expect(kept).toMatchObject({ explanation: '本单位补充的解析。', locallyEdited: true });
    expect((await get('dangshi-999')).version).toBe(1);
    expect((await get('org-own-001')).stem).toBe('本单位自编题：遵义会议在哪一年召开？');
    const versions = (await admin.get('/api/bank/questions/dangshi-001/versions')).body as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);

    // Starting again with the same release changes nothing.
    expect(await sync.sync([...next, added], shipped.sets, Date.now())).toMatchObject({ added: 0, updated: 0 });
  });
});
