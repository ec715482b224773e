// The question bank as an organisation uses it: search, versioned edits, retiring, and the 纠错
// queue from a member's report to a retired question, against the real app and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, QuestionDto, QuestionReportDto, QuestionVersionDto } from '@dangshi/protocol';
import { REPORTS_PER_WINDOW } from '../../src/bank/report-rate-limit';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

const newQuestion = {
  id: 'org-zunyi-test',
  type: 'single',
  stem: '（测试）遵义会议召开于哪一年？',
  options: ['1934年', '1935年', '1936年', '1937年'],
  answer: 'B',
  explanation: '遵义会议于1935年1月在贵州遵义召开。',
  source: { kind: 'event', ref: '1935年1月 遵义会议' },
  category: '党史',
  tags: ['长征'],
  difficulty: 1,
  status: 'draft',
  timeLimit: 20,
};

describe('question bank: search, edit, retire, 纠错', () => {
  let t: TestApp;
  let admin: HttpSession;
  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t?.close());

  const search = async (query: string) => (await admin.get(`/api/bank/questions?${query}`)).body as Page<QuestionDto>;

  it('searches the shipped bank by text, category and type', async () => {
    const byText = await search(`q=${encodeURIComponent('遵义')}&pageSize=200`);
    expect(byText.total).toBeGreaterThan(0);
    expect(byText.items.every((q) => q.stem.includes('遵义') || q.id.includes('遵义'))).toBe(true);

    const byCategory = await search(`category=${encodeURIComponent('党章党规')}&pageSize=200`);
    expect(byCategory.total).toBeGreaterThan(0);
    expect(new Set(byCategory.items.map((q) => q.category))).toEqual(new Set(['党章党规']));

    const combined = await search(`category=${encodeURIComponent('党史')}&type=truefalse&pageSize=200`);
    expect(combined.total).toBeGreaterThan(0);
    expect(combined.items.every((q) => q.type === 'truefalse' && q.category === '党史' && typeof q.answer === 'boolean')).toBe(true);

    // Pages do not overlap and add up to the total.
    const first = await search(`category=${encodeURIComponent('党史')}&pageSize=5&page=1`);
    const second = await search(`category=${encodeURIComponent('党史')}&pageSize=5&page=2`);
    expect(first.items).toHaveLength(5);
    expect(second.items.map((q) => q.id)).not.toContain(first.items[0].id);
    expect(second.total).toBe(first.total);
  });

  it('creates a question, edits it into version 2, lists both versions and retires it', async () => {
    const created = await admin.post('/api/bank/questions', newQuestion);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'org-zunyi-test', version: 1, origin: 'org', locallyEdited: false, status: 'draft' });

    const again = await admin.post('/api/bank/questions', newQuestion);
    expect(again.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'id' }] });

    const edited = await admin.request('PUT', '/api/bank/questions/org-zunyi-test', {
      ...newQuestion,
      stem: '（测试）遵义会议是在哪一年召开的？',
      status: 'reviewed',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, status: 'reviewed', stem: '（测试）遵义会议是在哪一年召开的？' });

    const versions = (await admin.get('/api/bank/questions/org-zunyi-test/versions')).body as QuestionVersionDto[];
    expect(versions.map((v) => [v.version, v.note, v.data.stem])).toEqual([
      [2, 'edited', '（测试）遵义会议是在哪一年召开的？'],
      [1, 'created', '（测试）遵义会议召开于哪一年？'],
    ]);

    expect((await search(`q=${encodeURIComponent('遵义会议是在哪一年')}`)).items.map((q) => q.id)).toEqual(['org-zunyi-test']);
    const retired = await admin.post('/api/bank/questions/org-zunyi-test/status', { status: 'retired' });
    expect(retired.body).toMatchObject({ version: 3, status: 'retired' });
    // Retired questions leave the default search but can still be found on purpose.
    expect((await search(`q=${encodeURIComponent('遵义会议是在哪一年')}`)).total).toBe(0);
    expect((await search(`q=${encodeURIComponent('遵义会议是在哪一年')}&status=retired`)).items.map((q) => q.id)).toEqual(['org-zunyi-test']);
  });

  it('explains each bad field of an edit and keeps the question as it was', async () => {
    const bad = await admin.post('/api/bank/questions', { ...newQuestion, id: 'org-bad', options: ['只有一个选项'], answer: 'C', explanation: '' });
    expect(bad.status).toBe(400);
    const paths = (bad.body.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['options', 'explanation']));
    expect((await admin.get('/api/bank/questions/org-bad')).body.code).toBe('QUESTION_NOT_FOUND');
  });

  it('marks a shipped question edited by the organisation as locally edited', async () => {
    const [shipped] = (await search('type=fill&pageSize=1')).items;
    expect(shipped).toMatchObject({ origin: 'shipped', locallyEdited: false });
    const res = await admin.request('PUT', `/api/bank/questions/${shipped.id}`, { ...shipped, explanation: `${shipped.explanation}（本单位补充说明）` });
    expect(res.body).toMatchObject({ id: shipped.id, origin: 'shipped', locallyEdited: true, version: shipped.version + 1 });
    expect((await admin.get(`/api/bank/questions/${shipped.id}`)).body.locallyEdited).toBe(true);
  });

  it('takes a public 纠错 report, queues it for review and retires the question', async () => {
    const [target] = (await search('type=single&pageSize=1')).items;
    const anonymous = new HttpSession(t.url);
    const report = await anonymous.post('/api/bank/reports', { questionId: target.id, questionVersion: target.version, reason: '选项B与教材表述不一致', context: 'PIN 123456' });
    expect(report.status).toBe(201);
    expect(report.body.id).toMatch(/^[0-9a-f-]{36}$/);
    // A second report on the same question, from a logged-in reviewer this time.
    const second = await admin.post('/api/bank/reports', { questionId: target.id, reason: '解析中的年份有误' });
    expect(second.status).toBe(201);

    expect((await anonymous.post('/api/bank/reports', { questionId: 'no-such-question', reason: '题目有误' })).body.code).toBe('QUESTION_NOT_FOUND');
    expect((await anonymous.post('/api/bank/reports', { questionId: target.id, reason: '错' })).body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'reason' }] });
    expect((await anonymous.get('/api/bank/reports?status=open')).body.code).toBe('UNAUTHENTICATED');

    const queue = (await admin.get('/api/bank/reports?status=open')).body as Page<QuestionReportDto>;
    const mine = queue.items.find((r) => r.id === report.body.id);
    expect(mine).toMatchObject({
      questionId: target.id,
      questionStem: target.stem,
      questionVersion: target.version,
      reason: '选项B与教材表述不一致',
      context: 'PIN 123456',
      reporter: null,
      status: 'open',
      resolvedAt: null,
    });
    expect(queue.items.find((r) => r.id === second.body.id)?.reporter).toBe('管理员');

    const resolved = await admin.post(`/api/bank/reports/${report.body.id}/resolve`, { action: 'retired', note: '题目已停用' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'retired', resolution: '题目已停用', questionStatus: 'retired', questionCurrentVersion: target.version + 1 });

    const question = (await admin.get(`/api/bank/questions/${target.id}`)).body as QuestionDto;
    expect(question).toMatchObject({ status: 'retired', version: target.version + 1 });
    const versions = (await admin.get(`/api/bank/questions/${target.id}/versions`)).body as QuestionVersionDto[];
    expect(versions[0]).toMatchObject({ version: target.version + 1, note: 'retired' });

    // The other report on the retired question left the open queue with it.
    const open = (await admin.get('/api/bank/reports?status=open')).body as Page<QuestionReportDto>;
    expect(open.items.map((r) => r.questionId)).not.toContain(target.id);
    const again = await admin.post(`/api/bank/reports/${report.body.id}/resolve`, { action: 'dismissed' });
    expect(again.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'status' }] });
    expect((await admin.post('/api/bank/reports/no-such-report/resolve', { action: 'dismissed' })).body.code).toBe('NOT_FOUND');
  });

  it('dismisses a report without touching the question', async () => {
    const [target] = (await search('type=multiple&pageSize=1')).items;
    const report = await new HttpSession(t.url).post('/api/bank/reports', { questionId: target.id, reason: '我觉得答案不对' });
    const dismissed = await admin.post(`/api/bank/reports/${report.body.id}/resolve`, { action: 'dismissed', note: '答案与《中国共产党简史》一致' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', questionStatus: target.status, questionCurrentVersion: target.version });
    const list = (await admin.get('/api/bank/reports?status=dismissed')).body as Page<QuestionReportDto>;
    expect(list.items.map((r) => r.id)).toContain(report.body.id);
  });

  it('limits how fast one address can send reports', async () => {
    const [target] = (await search('type=truefalse&pageSize=1')).items;
    const anonymous = new HttpSession(t.url);
    const statuses: number[] = [];
    for (let i = 0; i <= REPORTS_PER_WINDOW; i += 1) {
      const res = await anonymous.post('/api/bank/reports', { questionId: target.id, reason: `第${i}次报告` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('RATE_LIMITED');
        break;
      }
    }
    // Earlier tests in this file already used part of this address's minute.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
  });
});
