// Rankings end to end against the real app and database: a roster of three branches is
// imported, members log in and play two members-only contests over real sockets (one member
// moves branch between them), practice results are written through ResultsService, and the
// individual and branch tables must be exactly the hand-computed ones — for a window and for
// each contest. Then idempotency, the start-up catch-up, exports and the annual report.
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  type AnnualReportDto,
  type BranchRankingDto,
  type BranchRowDto,
  type ContestSummary,
  type HostWatchResult,
  type IndividualRankingDto,
  type JoinResult,
  type QuestionDto,
  type RankedContestDto,
  type RosterImportResultDto,
} from '@dangshi/protocol';
import { ResultRecord } from '../../src/ranking/result.entity';
import { ResultsService } from '../../src/ranking/results.service';
import { call, connect, ok, waitUntil, type ClientSocket } from '../support/contest-clients';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

const DAY = 86_400_000;
const CST = 480;
const localDate = (t: number) => new Date(t + CST * 60_000).toISOString().slice(0, 10);

interface Member {
  name: string;
  phone: string;
  userId: string;
  http: HttpSession;
  socket?: ClientSocket;
}

/** A member playing: its socket (sent with the session cookie) and the views it received. */
class MemberPlayer {
  phases: { phase: string; questionIndex: number }[] = [];
  playerId = '';

  constructor(
    readonly member: Member,
    readonly socket: ClientSocket,
    readonly pin: string,
  ) {
    socket.on('contest:view', (v) => this.phases.push({ phase: v.phase, questionIndex: v.questionIndex }));
  }

  sees(phase: string, questionIndex?: number): Promise<true> {
    return waitUntil(
      () => (this.phases.some((p) => p.phase === phase && (questionIndex === undefined || p.questionIndex === questionIndex)) ? true : undefined),
      15_000,
      `${this.member.name} waiting for ${phase} ${questionIndex ?? ''}`,
    );
  }

  answer(questionIndex: number, value: boolean) {
    return ok(call(this.socket, 'contest:answer', { pin: this.pin, questionIndex, clientAnswerId: `${this.playerId}-${questionIndex}`, response: { kind: 'truefalse', value } }));
  }
}

const brief = (rows: BranchRowDto[]) =>
  rows.map((r) => [r.rank, r.name, r.roster, r.participants, r.total, r.avgPerParticipant, r.avgPerMember, r.participation, r.accuracy]);
const people = (dto: IndividualRankingDto) => dto.rows.map((r) => [r.rank, r.name, r.branchName, r.points, r.answered, r.correct, r.activities]);

describe('rankings from members-only contests and practice', () => {
  let t: TestApp;
  let admin: HttpSession;
  let adminId: string;
  const members: Record<string, Member> = {};
  let questions: QuestionDto[];
  const contestIds: string[] = [];
  let window: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    adminId = (await admin.login('admin', ADMIN_PASSWORD)).body.user.id;
    questions = (await admin.get('/api/bank/questions?type=truefalse&status=reviewed&pageSize=3')).body.items;
    expect(questions).toHaveLength(3);
    const now = Date.now();
    window = `window=custom&from=${localDate(now - 30 * DAY)}&to=${localDate(now)}`;
  });
  afterAll(async () => {
    for (const m of Object.values(members)) m.socket?.disconnect();
    await t?.close();
  });

  it('imports a roster of three branches; members log in with their phone numbers', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('花名册');
    for (const row of [
      ['姓名', '手机号', '支部'],
      ['甲', '13900000001', '局机关支部'],
      ['乙', '13900000002', '局机关支部'],
      ['丙', '13900000003', '军休支部'],
      ['丁', '13900000004', '军休支部'],
      ['戊', '13900000005', '服务中心支部'],
    ]) {
      sheet.addRow(row);
    }
    const form = new FormData();
    form.append('file', new Blob([await book.xlsx.writeBuffer()]), '花名册.xlsx');
    const res = await fetch(`${t.url}/api/org/roster/import?dryRun=false&createBranches=true`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}`, [CSRF_HEADER]: admin.csrf! },
      body: form,
    });
    const result = (await res.json()) as RosterImportResultDto;
    expect(result).toMatchObject({ created: 5, createdBranches: ['局机关支部', '军休支部', '服务中心支部'] });
    for (const c of result.credentials) {
      const http = new HttpSession(t.url);
      const login = await http.login(c.username, c.password);
      expect((await http.post('/api/auth/password', { currentPassword: c.password, newPassword: `${c.username}-pw` })).status).toBe(204);
      members[c.name] = { name: c.name, phone: c.username, userId: login.body.user.id, http };
    }
  });

  /** Creates a members-only contest and has these members join with their session cookies. */
  async function startContest(title: string, names: string[], count: number): Promise<{ host: ClientSocket; players: MemberPlayer[]; contest: ContestSummary }> {
    const created = await admin.post('/api/contests', {
      settings: { title, scoring: 'accuracy', accuracyPoints: 100, readingTimeSec: 0, timeLimitSec: 60, joinMode: 'members' },
      questionIds: questions.slice(0, count).map((q) => q.id),
    });
    expect(created.status).toBe(201);
    const contest = created.body as ContestSummary;
    contestIds.push(contest.id);
    const host = await connect(t.url, admin.cookie);
    await ok(call<HostWatchResult>(host, 'contest:host', { contestId: contest.id }));
    // Without a session a members-only contest refuses.
    const stranger = await connect(t.url);
    expect(await call(stranger, 'contest:join', { pin: contest.pin, nickname: '路人' })).toMatchObject({ ok: false, error: { code: 'MEMBERS_ONLY' } });
    stranger.disconnect();
    const players: MemberPlayer[] = [];
    for (const name of names) {
      const m = members[name];
      m.socket?.disconnect();
      m.socket = await connect(t.url, m.http.cookie);
      const p = new MemberPlayer(m, m.socket, contest.pin);
      const joined = await ok(call<JoinResult>(m.socket, 'contest:join', { pin: contest.pin }));
      expect(joined.me.nickname).toBe(name);
      p.playerId = joined.playerId;
      players.push(p);
    }
    await ok(call(host, 'contest:command', { contestId: contest.id, action: 'start' }));
    return { host, players, contest };
  }

  /** Plays every question: answers[i][q] true = right, false = wrong, null = no answer. */
  async function play(host: ClientSocket, contest: ContestSummary, players: MemberPlayer[], answers: (boolean | null)[][]): Promise<void> {
    const command = (action: string) => ok(call<{ phase: string }>(host, 'contest:command', { contestId: contest.id, action }));
    for (let q = 0; q < answers[0].length; q++) {
      await Promise.all(players.map((p) => p.sees('question', q)));
      let everyone = true;
      for (const [i, p] of players.entries()) {
        const right = answers[i][q];
        if (right === null) everyone = false;
        else await p.answer(q, right ? (questions[q].answer as boolean) : !(questions[q].answer as boolean));
      }
      // Someone did not answer: the host closes the question instead of waiting for the clock.
      if (!everyone) await command('skip');
      await Promise.all(players.map((p) => p.sees('reveal', q)));
      await command('next');
      await command('next');
    }
    await Promise.all(players.map((p) => p.sees('podium')));
    expect((await command('end')).phase).toBe('ended');
    host.disconnect();
    // Results are written once the contest's last writes have landed.
    await waitFor(async () => ((await admin.get('/api/rankings/contests')).body as RankedContestDto[]).some((c) => c.contestId === contest.id));
  }

  async function waitFor(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('plays contest 1 with four members', async () => {
    const { host, players, contest } = await startContest('党史知识竞赛（第一场）', ['甲', '乙', '丙', '丁'], 3);
    await play(host, contest, players, [
      [true, true, true], //     甲: 300, 3 answered, 3 right
      [true, false, null], //    乙: 100, 2 answered, 1 right
      [true, true, false], //    丙: 200, 3 answered, 2 right
      [false, false, false], //  丁:   0, 3 answered, 0 right
    ]);
  });

  it('moves 乙 to 军休支部 between the contests', async () => {
    const list = (await admin.get('/api/org/members')).body as { id: string; name: string }[];
    const branches = (await admin.get('/api/org/branches')).body as { id: string; name: string }[];
    const yi = list.find((m) => m.name === '乙')!;
    const moved = await admin.post(`/api/org/members/${yi.id}/move`, { branchId: branches.find((b) => b.name === '军休支部')!.id });
    expect(moved.body.branchName).toBe('军休支部');
  });

  it('plays contest 2 with three members', async () => {
    const { host, players, contest } = await startContest('党史知识竞赛（第二场）', ['甲', '乙', '丙'], 2);
    await play(host, contest, players, [
      [true, false], // 甲: 100, 2 answered, 1 right
      [true, true], //  乙: 200 (now for 军休支部)
      [true, true], //  丙: 200
    ]);
  });

  it('records practice through ResultsService, once per session', async () => {
    const results = t.app.get(ResultsService);
    const now = Date.now();
    const written = await results.record([
      { source: 'practice', sourceId: 'practice-1', userId: members['丁'].userId, points: 50, answered: 5, correct: 4, occurredAt: now - 60_000 },
      // 戊 practised long ago: outside the window.
      { source: 'practice', sourceId: 'practice-2', userId: members['戊'].userId, points: 30, answered: 5, correct: 3, occurredAt: now - 400 * DAY },
      // The admin is not a member: recorded, ranked nowhere.
      { source: 'practice', sourceId: 'practice-3', userId: adminId, points: 999, answered: 5, correct: 5, occurredAt: now },
    ]);
    expect(written).toBe(3);
    expect(await results.record([{ source: 'practice', sourceId: 'practice-1', userId: members['丁'].userId, points: 50, answered: 5, correct: 4, occurredAt: now }])).toBe(0);
    await expect(results.record([{ source: 'practice', sourceId: 'x', userId: adminId, points: 1, answered: 1, correct: 2, occurredAt: now }])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const adminRow = await t.app.get(DataSource).getRepository(ResultRecord).findOneByOrFail({ sourceId: 'practice-3' });
    expect(adminRow).toMatchObject({ memberId: null, branchId: null });
  });

  it('ranks members and branches over the window exactly as computed by hand', async () => {
    const individual = (await members['甲'].http.get(`/api/rankings/individual?${window}`)).body as IndividualRankingDto;
    // 甲 300+100; 丙 200+200 (tie, listed by pinyin: bing before jia); 乙 100+200, shown in
    // the branch they are in now; 丁 0 + 50 practice.
    expect(people(individual)).toEqual([
      [1, '丙', '军休支部', 400, 5, 4, 2],
      [1, '甲', '局机关支部', 400, 5, 4, 2],
      [3, '乙', '军休支部', 300, 4, 3, 2],
      [4, '丁', '军休支部', 50, 8, 4, 2],
    ]);
    expect(individual.total).toBe(4);
    expect(individual.me).toMatchObject({ name: '甲', rank: 1 });

    const branches = (await members['戊'].http.get(`/api/rankings/branches?${window}`)).body as BranchRankingDto;
    expect(branches.headline).toBe('avgPerMember');
    // 局机关支部: roster 甲 (乙 moved); participants 甲 and 乙 (contest 1, before the move):
    //   500 points, 5 of 7 right, participation 2 / (1 + 1 who left) = 1.
    // 军休支部: roster 丙 丁 乙; 丙 400, 丁 50, 乙 200 (contest 2) = 650; 10 of 15 right.
    // 服务中心支部: 戊 practised only outside the window: zeros.
    expect(brief(branches.rows)).toEqual([
      [1, '局机关支部', 1, 2, 500, 250, 500, 1, 0.7143],
      [2, '军休支部', 3, 3, 650, 216.67, 216.67, 1, 0.6667],
      [3, '服务中心支部', 1, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('ranks one contest on its own, with the moved member’s points where they were earned', async () => {
    const [first, second] = contestIds;
    const c1 = (await admin.get(`/api/rankings/individual?window=contest&contestId=${first}`)).body as IndividualRankingDto;
    expect(c1.window).toMatchObject({ kind: 'contest', contestId: first, contestTitle: '党史知识竞赛（第一场）' });
    expect(people(c1)).toEqual([
      [1, '甲', '局机关支部', 300, 3, 3, 1],
      [2, '丙', '军休支部', 200, 3, 2, 1],
      [3, '乙', '军休支部', 100, 2, 1, 1],
      [4, '丁', '军休支部', 0, 3, 0, 1],
    ]);
    const b1 = (await admin.get(`/api/rankings/branches?window=contest&contestId=${first}`)).body as BranchRankingDto;
    expect(brief(b1.rows)).toEqual([
      [1, '局机关支部', 1, 2, 400, 200, 400, 1, 0.8],
      [2, '军休支部', 3, 2, 200, 100, 66.67, 0.6667, 0.3333],
      [3, '服务中心支部', 1, 0, 0, 0, 0, 0, 0],
    ]);

    const c2 = (await admin.get(`/api/rankings/individual?window=contest&contestId=${second}`)).body as IndividualRankingDto;
    expect(people(c2)).toEqual([
      [1, '丙', '军休支部', 200, 2, 2, 1],
      [1, '乙', '军休支部', 200, 2, 2, 1],
      [3, '甲', '局机关支部', 100, 2, 1, 1],
    ]);
    const b2 = (await admin.get(`/api/rankings/branches?window=contest&contestId=${second}`)).body as BranchRankingDto;
    expect(brief(b2.rows)).toEqual([
      [1, '军休支部', 3, 2, 400, 200, 133.33, 0.6667, 1],
      [2, '局机关支部', 1, 1, 100, 100, 100, 1, 0.5],
      [3, '服务中心支部', 1, 0, 0, 0, 0, 0, 0],
    ]);

    const picker = (await admin.get('/api/rankings/contests')).body as RankedContestDto[];
    expect(picker.map((c) => [c.title, c.participants, c.kind])).toEqual([
      ['党史知识竞赛（第二场）', 3, 'contest'],
      ['党史知识竞赛（第一场）', 4, 'contest'],
    ]);
  });

  it('follows the organisation’s headline metric, and handles all-time and empty windows', async () => {
    const put = (headlineMetric: string) => admin.request('PUT', '/api/org', { name: '区退役军人事务局', headlineMetric, utcOffsetMinutes: 480 });
    await put('total');
    const byTotal = (await admin.get(`/api/rankings/branches?${window}`)).body as BranchRankingDto;
    expect(byTotal.rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '军休支部'],
      [2, '局机关支部'],
      [3, '服务中心支部'],
    ]);
    await put('avgPerMember');
    // All time brings 戊's old practice in: 服务中心支部 30 points for its one member.
    const all = (await admin.get('/api/rankings/branches?window=all')).body as BranchRankingDto;
    expect(brief(all.rows)[2]).toEqual([3, '服务中心支部', 1, 1, 30, 30, 30, 1, 0.6]);
    const empty = (await admin.get('/api/rankings/branches?window=custom&from=2001-01-01&to=2001-12-31')).body as BranchRankingDto;
    expect(brief(empty.rows)).toEqual([
      [1, '局机关支部', 1, 0, 0, 0, 0, 0, 0],
      [1, '军休支部', 3, 0, 0, 0, 0, 0, 0],
      [1, '服务中心支部', 1, 0, 0, 0, 0, 0, 0],
    ]);
    const nobody = (await admin.get('/api/rankings/individual?window=custom&from=2001-01-01&to=2001-12-31')).body as IndividualRankingDto;
    expect(nobody).toMatchObject({ rows: [], total: 0, me: null });
    for (const w of ['week', 'month', 'quarter', 'year']) expect((await admin.get(`/api/rankings/branches?window=${w}`)).status, w).toBe(200);
  });

  it('answers bad windows with clear errors', async () => {
    const noFrom = await admin.get('/api/rankings/branches?window=custom&to=2026-01-01');
    expect(noFrom).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', issues: [{ path: 'from' }] } });
    expect((await admin.get('/api/rankings/branches?window=custom&from=2026-02-30&to=2026-03-01')).body.code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/rankings/branches?window=custom&from=2026-03-02&to=2026-03-01')).body.issues).toEqual([
      { path: 'to', message: 'to is before from' },
    ]);
    expect((await admin.get('/api/rankings/branches?window=fortnight')).body.code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/rankings/individual?window=contest')).body.code).toBe('VALIDATION_FAILED');
    expect(await admin.get('/api/rankings/individual?window=contest&contestId=nope')).toMatchObject({ status: 404, body: { code: 'CONTEST_NOT_FOUND' } });
    expect((await new HttpSession(t.url).get('/api/rankings/branches')).body.code).toBe('UNAUTHENTICATED');
  });

  it('records a contest once, and catches up a lost recording at start in the branch of that time', async () => {
    const results = t.app.get(ResultsService);
    expect(await results.catchUp()).toBe(0);
    const repo = t.app.get(DataSource).getRepository(ResultRecord);
    // As if the process had died before contest 1 was recorded (乙 has moved since).
    await repo.delete({ source: 'contest', sourceId: contestIds[0] });
    expect(await results.catchUp()).toBe(4);
    const b1 = (await admin.get(`/api/rankings/branches?window=contest&contestId=${contestIds[0]}`)).body as BranchRankingDto;
    expect(brief(b1.rows)[0]).toEqual([1, '局机关支部', 1, 2, 400, 200, 400, 1, 0.8]);
    expect(await repo.countBy({ source: 'contest' })).toBe(7);
  });

  it('exports any ranking as XLSX and as CSV with a BOM, for hosts and admins only', async () => {
    const csv = await fetch(`${t.url}/api/rankings/export?tab=branch&format=csv&${window}`, { headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(encodeURIComponent('支部排名'));
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines.slice(1)).toEqual([
      '名次,支部,在册党员,参与人数,总积分,参与人均积分,在册人均积分（排名依据）,参与率,正确率',
      '1,局机关支部,1,2,500,250,500,100.0%,71.4%',
      '2,军休支部,3,3,650,216.67,216.67,100.0%,66.7%',
      '3,服务中心支部,1,0,0,0,0,0.0%,0.0%',
    ]);

    const xlsx = await fetch(`${t.url}/api/rankings/export?tab=individual&format=xlsx&lang=en&${window}`, { headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(2).values).toEqual([undefined, 'Rank', 'Name', 'Branch', 'Points', 'Answered', 'Correct', 'Accuracy', 'Activities']);
    expect(sheet.getRow(3).values).toEqual([undefined, 1, '丙', '军休支部', 400, 5, 4, '80.0%', 2]);
    expect(sheet.rowCount).toBe(6);

    expect((await members['甲'].http.get(`/api/rankings/export?${window}`)).body.code).toBe('FORBIDDEN');
  });

  it('builds the annual report from SQL aggregates', async () => {
    const report = (await admin.get('/api/reports/annual')).body as AnnualReportDto;
    expect(report.organisation).toBe('区退役军人事务局');
    expect(report.counts).toMatchObject({ contests: 2, practice: 2, stages: 0, matches: 0, participants: 4, roster: 5, points: 1150 });
    expect(report.topMembers.map((m) => [m.rank, m.name, m.points])).toEqual([
      [1, '丙', 400],
      [1, '甲', 400],
      [3, '乙', 300],
      [4, '丁', 50],
    ]);
    const month = Number(localDate(Date.now()).slice(5, 7));
    const army = report.branches.find((b) => b.name === '军休支部')!;
    expect(army.months[month - 1]).toMatchObject({ participants: 3, participation: 1, answered: 15, correct: 10, points: 650 });
    expect(army.months.filter((m) => m.month !== month).every((m) => m.participants === 0)).toBe(true);
    // Contest answers not fully right: contest 1 — q0 1, q1 2, q2 2; contest 2 — q1 1.
    expect(report.missedByCategory.reduce((n, c) => n + c.missed, 0)).toBe(6);
    expect(report.missedByCategory.reduce((n, c) => n + c.answered, 0)).toBe(17);
    const q1 = report.missedByCategory.flatMap((c) => c.questions).find((q) => q.questionId === questions[1].id)!;
    expect(q1).toMatchObject({ missed: 3, answered: 7, stem: questions[1].stem });
    expect((await members['甲'].http.get('/api/reports/annual')).body.code).toBe('FORBIDDEN');
    expect((await admin.get('/api/reports/annual?year=1999')).body.code).toBe('VALIDATION_FAILED');
  });
});
