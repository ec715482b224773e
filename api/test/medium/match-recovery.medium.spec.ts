// A restart in the middle of a match loses nothing: the new process finishes the interrupted
// match from its stored answers, records the members' points and shows the result on resume.
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnswerResponse, IndividualRankingDto, MatchView, QuestionDto } from '@dangshi/protocol';
import { MatchTiming } from '../../src/match/match-timing';
import { MatchService } from '../../src/match/match.service';
import { MatchAnswerRecord, MatchRecord } from '../../src/match/match.entities';
import { call, connect, ok, waitUntil, type ClientSocket } from '../support/contest-clients';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('a practice match interrupted by a restart', () => {
  let db: TestDatabase;
  const apps: TestApp[] = [];
  const sockets: ClientSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const app of apps) await app.close();
    await db?.drop();
  });

  it('is finished from its stored answers and recorded in the rankings', async () => {
    db = await createTestDatabase();
    const first = await startTestApp({}, db);
    apps.push(first);
    Object.assign(first.app.get(MatchTiming), { startMs: 200, questionMs: 30_000, revealMs: 200 });
    const admin = new HttpSession(first.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const branch = (await admin.post('/api/org/branches', { name: '重启支部' })).body;
    const cookies: string[] = [];
    for (const [i, name] of ['赵', '钱'].entries()) {
      const { username, password } = (await admin.post('/api/org/members', { name, identifier: `1370000000${i}`, branchId: branch.id })).body.credential;
      const session = new HttpSession(first.url);
      await session.login(username, password);
      await session.post('/api/auth/password', { currentPassword: password, newPassword: `restart-pw-${i}` });
      cookies.push(session.cookie!);
    }
    const phones = await Promise.all(cookies.map((c) => connect(first.url, c)));
    sockets.push(...phones);
    const views: MatchView[] = [];
    phones[0].on('match:view', (v) => views.push(v));
    await ok(call(phones[0], 'match:queue', { size: 2 }));
    await ok(call(phones[1], 'match:queue', { size: 2 }));
    const q0 = await waitUntil(() => views.find((v) => v.phase === 'question'), 10_000, 'question 0');
    const key = (await admin.get(`/api/bank/questions/${q0.question!.questionId}`)).body as QuestionDto;
    const right: AnswerResponse =
      key.type === 'truefalse'
        ? { kind: 'truefalse', value: key.answer }
        : key.type === 'fill'
          ? { kind: 'fill', text: key.answer[0] }
          : { kind: 'choice', options: (Array.isArray(key.answer) ? key.answer : [key.answer]).map((l) => 'ABCDEF'.indexOf(l)) };
    // 赵 answers question 0 right; 钱 has not answered when the server goes down.
    await ok(call(phones[0], 'match:answer', { matchId: q0.id, index: 0, clientAnswerId: 'zhao-0', response: right }));
    await first.close();
    apps.length = 0;

    const second = await startTestApp({}, db);
    apps.push(second);
    const ds = second.app.get(DataSource);
    expect((await ds.getRepository(MatchRecord).findOneByOrFail({ id: q0.id })).status).toBe('playing');
    // A match younger than the staleness bound may still run on another node: left alone.
    expect(await second.app.get(MatchService).recover()).toBe(0);
    expect(await second.app.get(MatchService).recover(0)).toBe(1);
    const stored = await ds.getRepository(MatchAnswerRecord).findOneByOrFail({ matchId: q0.id, seat: q0.me });
    expect(stored).toMatchObject({ correct: true, clientAnswerId: 'zhao-0' });

    const phone = await connect(second.url, cookies[0]);
    sockets.push(phone);
    const result = await ok(call<MatchView>(phone, 'match:resume', { matchId: q0.id }));
    expect(result).toMatchObject({ phase: 'finished', me: q0.me });
    expect(result.result!.places.map((p) => [p.name, p.score, p.correct, p.place, p.forfeited])).toEqual([
      ['赵', stored.points, 1, 1, false],
      ['钱', 0, 0, 2, false],
    ]);
    expect(result.result!.pointsRecorded).toBe(10 + 10);
    const admin2 = new HttpSession(second.url);
    await admin2.login('admin', ADMIN_PASSWORD);
    const ranking = (await admin2.get('/api/rankings/individual?window=week')).body as IndividualRankingDto;
    expect(ranking.rows.find((r) => r.name === '赵')).toMatchObject({ points: 20, answered: 1, correct: 1 });
    expect(ranking.rows.find((r) => r.name === '钱')).toMatchObject({ points: 0, answered: 0, correct: 0 });
    // Recovering again changes nothing.
    expect(await second.app.get(MatchService).recover(0)).toBe(0);
  });
});
