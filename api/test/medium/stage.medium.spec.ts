// A whole on-stage contest (知识竞赛) over real sockets against the real app and database: four
// team devices, a host console, a judge console and a projector play five rounds (必答, 抢答 with
// a false start, a simultaneous pair and a wrong answer passed on, 风险, 共答, 加赛 run twice
// because two teams are tied). The final scores must equal the hand-computed totals, a
// recomputation of the audit log read back from the database, and the CSV export; the results
// must reach the rankings. Then the refusals, and a restart in the middle of a stage.
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Ack,
  type BranchDto,
  type BranchRankingDto,
  type IndividualRankingDto,
  type RankedContestDto,
  type MemberCreatedDto,
  type StageBuzzResult,
  type StageKeyDto,
  type StageSummaryDto,
  type StageView,
} from '@dangshi/protocol';
import { recompute } from '../../src/stage/engine/audit';
import { toEntry } from '../../src/stage/stage-snapshot';
import { StageAuditRecord, StageRecord } from '../../src/stage/stage.entities';
import { StageService } from '../../src/stage/stage.service';
import { call, connect, ok, waitUntil, type ClientSocket } from '../support/contest-clients';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

/** A device on the stage (team table, projector, host or judge console) and every view it got. */
class Device {
  views: StageView[] = [];

  constructor(readonly socket: ClientSocket) {
    socket.on('stage:view', (v) => this.views.push(v));
  }

  static async open(url: string, cookie?: string): Promise<Device> {
    return new Device(await connect(url, cookie));
  }

  get view(): StageView {
    return this.views.at(-1)!;
  }

  async join<T = StageView>(event: string, payload: unknown): Promise<T> {
    const view = await ok(call<T>(this.socket, event, payload));
    this.views.push(view as StageView);
    return view;
  }

  send<T = StageView>(event: string, payload: unknown): Promise<Ack<T>> {
    return call<T>(this.socket, event, payload);
  }

  waitFor(predicate: (v: StageView) => boolean, what: string): Promise<StageView> {
    return waitUntil(() => (this.views.length && predicate(this.view) ? this.view : undefined), 15_000, what);
  }
}

const refused = (code: string) => ({ ok: false, error: { code } });

/** An account that can log in and has its own password (sockets ignore first-login accounts). */
async function account(url: string, username: string, password: string): Promise<HttpSession> {
  const s = new HttpSession(url);
  expect((await s.login(username, password)).status).toBe(200);
  expect((await s.post('/api/auth/password', { currentPassword: password, newPassword: `${password}-changed` })).status).toBe(204);
  return s;
}

async function hostAccount(t: TestApp, admin: HttpSession, username: string, displayName: string): Promise<HttpSession> {
  const password = `${username}-initial-pw`;
  expect((await admin.post('/api/users', { username, displayName, role: 'host', password })).status).toBe(201);
  return account(t.url, username, password);
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF lines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  return rows;
}

/** The rows of the CSV table that starts with `header`, up to the blank line after it. */
function csvSection(rows: string[][], firstColumn: string): string[][] {
  const start = rows.findIndex((r) => r[0] === firstColumn);
  expect(start).toBeGreaterThan(-1);
  const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === '');
  return rows.slice(start + 1, end === -1 ? undefined : end);
}

/** What a team writes to be right, from the key the judges see. */
function rightAnswer(key: StageKeyDto): string {
  const k = key.key;
  if ('options' in k) return k.options.map((o) => 'ABCDEF'[o]).join('');
  if ('value' in k) return k.value ? '正确' : '错误';
  return k.accepted[0];
}

describe('a stage contest over real sockets', () => {
  let t: TestApp;
  let admin: HttpSession;
  let host: HttpSession;
  let judge: HttpSession;
  const branch: string[] = [];
  const member: Record<string, { id: string; username: string; password: string }> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
    for (const name of ['局机关支部', '军休支部', '服务中心支部', '优抚科支部']) {
      const res = await admin.post('/api/org/branches', { name });
      expect(res.status).toBe(201);
      branch.push((res.body as BranchDto).id);
    }
    for (const [name, identifier, b] of [['甲', '13900000001', 0], ['乙', '13900000002', 0], ['丙', '13900000003', 1], ['丁', '13900000004', 2]] as const) {
      const res = await admin.post('/api/org/members', { name, identifier, branchId: branch[b] });
      expect(res.status).toBe(201);
      const { member: m, credential } = res.body as MemberCreatedDto;
      member[name] = { id: m.id, username: credential.username, password: credential.password };
    }
    host = await hostAccount(t, admin, 'host-zhang', '主持人张');
    judge = await hostAccount(t, admin, 'judge-wang', '评委王');
  });
  afterAll(async () => t?.close());

  it('plays 必答, 抢答, 风险, 共答 and 加赛; scores equal the hand count, the stored audit log and the CSV; results reach the rankings', { timeout: 90_000 }, async () => {
    const created = await host.post('/api/stages', {
      title: '庆祝建党知识竞赛',
      teams: [
        { name: '第一代表队', branchId: branch[0], memberIds: [member['甲'].id, member['乙'].id] },
        { name: '第二代表队', branchId: branch[1], memberIds: [member['丙'].id] },
        { name: '第三代表队', branchId: branch[2], memberIds: [member['丁'].id] },
        { name: '第四代表队', branchId: branch[3] },
      ],
      rounds: [
        { type: 'assigned', title: '必答题', questionCount: 4 },
        // The widest fairness window: the second buzz of the pair arrives inside it even on a busy machine.
        { type: 'buzz', title: '抢答题', questionCount: 2, rules: { fairnessWindowMs: 500 } },
        { type: 'risk', title: '风险题', questionCount: 4 },
        { type: 'allAnswer', title: '共答题', questionCount: 1 },
        { type: 'tiebreak', title: '加赛', questionCount: 1, rules: { limitMs: 5000 } },
      ],
    });
    expect(created.status).toBe(201);
    const stage = created.body as StageSummaryDto;
    expect(stage).toMatchObject({ title: '庆祝建党知识竞赛', status: 'setup' });
    expect(stage.teams.map((x) => x.branchName)).toEqual(['局机关支部', '军休支部', '服务中心支部', '优抚科支部']);
    for (const team of stage.teams) expect(team.token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(new Set(stage.teams.map((x) => x.token)).size).toBe(4);
    // Every round has its questions; the tiebreak a reserve of five.
    const row = await t.app.get(DataSource).getRepository(StageRecord).findOneByOrFail({ id: stage.id });
    expect(row.questions.map((r) => r.length)).toEqual([4, 2, 4, 1, 5]);
    expect(new Set(row.questions.flat().map((q) => q.question.id)).size).toBe(16);
    // The owner and admins see the stage with its tokens; another host does not.
    expect((await admin.get(`/api/stages/${stage.id}`)).body).toEqual(stage);
    expect((await judge.get(`/api/stages/${stage.id}`)).body).toMatchObject({ code: 'NOT_HOST' });
    expect(((await host.get('/api/stages')).body as StageSummaryDto[]).map((s) => s.id)).toContain(stage.id);
    expect(((await judge.get('/api/stages')).body as StageSummaryDto[]).map((s) => s.id)).not.toContain(stage.id);

    const id = stage.id;
    const T = stage.teams.map((x) => x.id);
    const screen = await Device.open(t.url);
    expect((await screen.join('stage:watch', { stageId: id })).audience).toBe('screen');
    const teams = await Promise.all(stage.teams.map(() => Device.open(t.url)));
    for (const [i, team] of teams.entries()) {
      expect(await team.join('stage:team', { stageId: id, token: stage.teams[i].token })).toMatchObject({ audience: 'team', teamId: T[i] });
    }
    const hostConsole = await Device.open(t.url, host.cookie);
    expect((await hostConsole.join('stage:staff', { stageId: id, role: 'host' })).audience).toBe('host');
    const judgeConsole = await Device.open(t.url, judge.cookie);
    expect((await judgeConsole.join('stage:staff', { stageId: id, role: 'judge' })).audience).toBe('judge');

    const hostDo = (action: string, extra: Record<string, unknown> = {}) => hostConsole.send('stage:host', { stageId: id, action, ...extra });
    const judgeDo = (action: string, extra: Record<string, unknown> = {}) => judgeConsole.send('stage:judge', { stageId: id, action, ...extra });
    const next = () => ok(hostDo('next'));
    const mark = (i: number, right: boolean) => ok(judgeDo('mark', { teamId: T[i], right }));
    const buzz = (i: number) => teams[i].send<StageBuzzResult>('stage:buzz', { stageId: id });
    const risk = (i: number, value: number) => teams[i].send('stage:risk', { stageId: id, value });
    const submit = (i: number, answer: string) => teams[i].send('stage:submit', { stageId: id, answer });
    const scores = (v: StageView) => v.teams.map((x) => x.score);

    // ---- 必答: question k is team k's ------------------------------------------------------
    let view = await next();
    expect(view.question).toMatchObject({ round: 0, question: 0, status: 'answering', answering: T[0] });
    expect(view.question!.key!.answerText.length).toBeGreaterThan(0);
    await screen.waitFor((v) => v.question?.round === 0, 'screen sees the first question');
    expect(screen.view.question!.key).toBeNull();
    expect(screen.view.question!.content.stem.length).toBeGreaterThan(0);
    expect(await buzz(0)).toMatchObject(refused('STAGE_WRONG_PHASE'));
    expect(await hostDo('next')).toMatchObject(refused('STAGE_UNJUDGED'));
    await mark(0, true);
    await screen.waitFor((v) => v.question?.status === 'closed' && v.question.key !== null, 'the key on the projector once judged');
    for (const [i, right] of [[1, false], [2, true], [3, true]] as const) {
      expect((await next()).question).toMatchObject({ round: 0, question: i, answering: T[i] });
      await mark(i, right);
    }
    expect(scores(await judgeConsole.waitFor((v) => v.log.length === 4, 'four marks'))).toEqual([10, 0, 10, 10]);

    // ---- 抢答 ------------------------------------------------------------------------------
    view = await next();
    expect(view.question).toMatchObject({ round: 1, question: 0, status: 'ready' });
    expect((await buzz(1)) as Ack<StageBuzzResult>).toEqual({ ok: true, data: { kind: 'falseStart', winner: null } });
    await ok(hostDo('openBuzz'));
    expect(await buzz(1)).toMatchObject(refused('STAGE_FALSE_START_LOCKED'));
    expect(await ok(buzz(0))).toEqual({ kind: 'first', winner: T[0] });
    await mark(0, true);
    view = await next();
    await ok(hostDo('openBuzz'));
    // A pair: team 3's buzz comes right after team 2's, inside the fairness window.
    expect(await ok(buzz(2))).toEqual({ kind: 'first', winner: T[2] });
    expect(await ok(buzz(3))).toEqual({ kind: 'simultaneous', winner: T[2] });
    expect(await buzz(2)).toMatchObject(refused('STAGE_ALREADY_BUZZED'));
    expect(await hostDo('next')).toMatchObject(refused('STAGE_UNJUDGED'));
    view = await mark(2, false);
    // Passed on: the buzzers reopen for the others, not for team 2.
    expect(view.question).toMatchObject({ status: 'open', wrong: [T[2]], answering: null });
    expect(await buzz(2)).toMatchObject(refused('STAGE_ALREADY_WRONG'));
    expect(await ok(buzz(3))).toEqual({ kind: 'first', winner: T[3] });
    view = await mark(3, true);
    expect(view.buzzLog.filter((b) => b.round === 1).map((b) => [b.question, b.kind, b.teamId, b.winner])).toEqual([
      [0, 'falseStart', T[1], null],
      [0, 'first', T[0], T[0]],
      [1, 'first', T[2], T[2]],
      [1, 'simultaneous', T[3], T[2]],
      [1, 'first', T[3], T[3]],
    ]);
    expect(scores(view)).toEqual([20, -5, 0, 20]);

    // ---- 风险: the stake first, then the question ---------------------------------------------
    view = await next();
    expect(view.question).toMatchObject({ round: 2, question: 0, status: 'ready', answering: T[0] });
    await screen.waitFor((v) => v.question?.round === 2, 'screen on the risk round');
    expect(screen.view.question!.content.stem).toBe('');
    expect(view.question!.content.stem).not.toBe('');
    expect(await risk(1, 20)).toMatchObject(refused('STAGE_NOT_YOUR_TURN'));
    expect(await risk(0, 15)).toMatchObject(refused('STAGE_RISK_VALUE'));
    expect((await ok(risk(0, 20))).question).toMatchObject({ status: 'answering', riskValue: 20 });
    await screen.waitFor((v) => v.question?.riskValue === 20 && v.question.content.stem !== '', 'the question after the stake');
    await mark(0, false);
    await next();
    await ok(hostDo('pickRisk', { teamId: T[1], value: 30 }));
    await mark(1, true);
    await next();
    await ok(risk(2, 10));
    await mark(2, true);
    await next();
    await ok(risk(3, 10));
    view = await mark(3, false);
    expect(scores(view)).toEqual([0, 25, 10, 10]);

    // ---- 共答: every team writes an answer; the judges mark ------------------------------------
    view = await next();
    expect(view.question).toMatchObject({ round: 3, status: 'ready' });
    expect(await submit(0, '南湖')).toMatchObject(refused('STAGE_WRONG_PHASE'));
    view = await ok(hostDo('openAnswers'));
    expect(view.question!.deadline! - Date.now()).toBeGreaterThan(20_000);
    await ok(submit(0, '答案甲'));
    await ok(submit(1, '答案乙'));
    const own = await ok(submit(2, '答案丙'));
    expect(own.submissions).toEqual({ [T[2]]: expect.objectContaining({ answer: '答案丙' }) });
    expect(own.question!.submitted).toEqual([T[0], T[1], T[2]]);
    expect(own.question!.key).toBeNull();
    expect(await submit(0, '再答一次')).toMatchObject(refused('STAGE_ALREADY_ANSWERED'));
    expect(await hostDo('next')).toMatchObject(refused('STAGE_UNJUDGED'));
    await screen.waitFor((v) => v.question?.submitted.length === 3, 'three answers in');
    expect(screen.view.submissions).toEqual({});
    await ok(submit(3, '答案丁'));
    // All in: closed at once; the projector gets the key and every answer.
    await screen.waitFor((v) => v.question?.status === 'closed', 'closed when all answered');
    expect(screen.view.question!.key).not.toBeNull();
    expect(Object.keys(screen.view.submissions).sort()).toEqual([...T].sort());
    await mark(0, true);
    await mark(1, false);
    await mark(2, true);
    await mark(3, false);
    // The judge marked team 4 wrong by mistake: undo reopens the mark, then the right one.
    view = await ok(judgeDo('undo', { reason: '误判，答案与标准答案同义' }));
    expect(view.question!.marks).toEqual({ [T[0]]: true, [T[1]]: false, [T[2]]: true });
    await mark(3, true);
    expect(await judgeDo('adjust', { teamId: T[1], delta: -10, reason: '   ' })).toMatchObject(refused('VALIDATION_FAILED'));
    view = await ok(judgeDo('adjust', { teamId: T[1], delta: -10, reason: '场外提示，扣分' }));
    expect(view.lastChange).toMatchObject({ by: '评委王', teamId: T[1], delta: -10, reason: 'adjust', note: '场外提示，扣分' });
    expect(scores(view)).toEqual([10, 15, 20, 20]);

    // ---- 加赛: teams 3 and 4 are tied at the top --------------------------------------------
    view = await next();
    expect(view.question).toMatchObject({ round: 4, question: 0, status: 'ready', eligible: [T[2], T[3]] });
    await ok(hostDo('openAnswers'));
    expect(await submit(0, '我也想答')).toMatchObject(refused('STAGE_NOT_YOUR_TURN'));
    await ok(submit(2, '不确定'));
    // Team 4 stays silent: the server's timer ends the answer time (5 s).
    await screen.waitFor((v) => v.question?.round === 4 && v.question.status === 'closed', 'the deadline closes the tiebreak question');
    expect(await submit(3, '来晚了')).toMatchObject(refused('STAGE_TOO_LATE'));
    await mark(2, false);
    // Still tied: another question.
    view = await next();
    expect(view.question).toMatchObject({ round: 4, question: 1, status: 'ready', eligible: [T[2], T[3]] });
    const key = view.question!.key!;
    await ok(hostDo('openAnswers'));
    await ok(submit(2, rightAnswer(key)));
    await ok(submit(3, '不知道'));
    view = await ok(hostDo('autoJudge'));
    expect(view.question!.marks).toEqual({ [T[2]]: true, [T[3]]: false });
    expect(view.log.slice(-2).map((e) => [e.by, e.teamId, e.delta, e.reason])).toEqual([
      ['engine', T[2], 10, 'right'],
      ['engine', T[3], 0, 'wrong'],
    ]);
    view = await next();
    expect(view.status).toBe('finished');

    // ---- the result --------------------------------------------------------------------------
    const expected = [10, 15, 30, 20];
    expect(scores(view)).toEqual(expected);
    await screen.waitFor((v) => v.status === 'finished', 'the projector shows the end');
    expect(scores(screen.view)).toEqual(expected);
    expect(screen.view.log).toEqual([]);
    expect(await judgeDo('adjust', { teamId: T[0], delta: 5, reason: '赛后加分' })).toMatchObject(refused('STAGE_WRONG_PHASE'));

    const stored = await t.app.get(DataSource).getRepository(StageAuditRecord).find({ where: { stageId: id }, order: { seq: 'ASC' } });
    expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => i + 1));
    const fromDb = recompute(stored.map(toEntry), T);
    expect(T.map((x) => fromDb[x])).toEqual(expected);
    expect(stored.filter((r) => r.by === 'engine').map((r) => r.reason)).toEqual(['falseStart', 'right', 'wrong']);
    expect(new Set(stored.filter((r) => r.by !== 'engine').map((r) => r.by))).toEqual(new Set([(await judge.get('/api/auth/me')).body.user.id]));

    const csv = await fetch(`${t.url}/api/stages/${id}/audit.csv`, { headers: { cookie: `dsc_session=${admin.cookie}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    const audit = csvSection(rows, '序号');
    expect(audit).toHaveLength(stored.length);
    const csvTotals: Record<string, number> = {};
    for (const r of audit) csvTotals[r[3]] = (csvTotals[r[3]] ?? 0) + Number(r[4]);
    expect(stage.teams.map((x) => csvTotals[x.name] ?? 0)).toEqual(expected);
    expect(new Set(audit.map((r) => r[2]))).toEqual(new Set(['评委王', '系统']));
    const adjustRow = audit.find((r) => r[5] === '评委调分')!;
    expect([adjustRow[3], adjustRow[4], adjustRow[6], adjustRow[7], adjustRow[8]]).toEqual(['第二代表队', '-10', '场外提示，扣分', '共答题', '1']);
    // The undo names the entry it reverses: the wrong mark of team 4 just before it.
    const undoRow = audit.find((r) => r[5] === '撤销')!;
    const undone = audit.find((r) => r[0] === undoRow[9])!;
    expect([undoRow[3], undoRow[6], undone[3], undone[5]]).toEqual(['第四代表队', '误判，答案与标准答案同义', '第四代表队', '答错']);
    expect(audit).toHaveLength(22);
    expect(audit[0][1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    const buzzes = csvSection(rows, '轮次');
    expect(buzzes.map((r) => r[4])).toContain('同时抢答（公平窗口内）');
    const final = csvSection(rows, '名次');
    expect(final.map((r) => [r[0], r[1], Number(r[3])])).toEqual([
      ['1', '第三代表队', 30],
      ['2', '第四代表队', 20],
      ['3', '第二代表队', 15],
      ['4', '第一代表队', 10],
    ]);

    const xlsx = await fetch(`${t.url}/api/stages/${id}/audit.xlsx`, { headers: { cookie: `dsc_session=${host.cookie}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '最终得分', '评分记录', '抢答记录']);
    expect(book.getWorksheet('评分记录')!.rowCount).toBe(stored.length + 1);
    expect((await judge.get(`/api/stages/${id}/audit.csv`)).status).toBe(403);

    // ---- rankings: every member gets the team's score; team 4 had no members -----------------
    const individual = (await admin.get('/api/rankings/individual?window=all')).body as IndividualRankingDto;
    expect(Object.fromEntries(individual.rows.map((r) => [r.name, [r.rank, r.points, r.answered, r.correct, r.activities]]))).toEqual({
      丁: [1, 30, 6, 4, 1],
      丙: [2, 15, 3, 1, 1],
      甲: [3, 10, 4, 3, 1],
      乙: [3, 10, 4, 3, 1],
    });
    const branches = (await admin.get('/api/rankings/branches?window=all')).body as BranchRankingDto;
    const byBranch = Object.fromEntries(branches.rows.map((r) => [r.name, [r.total, r.participants]]));
    expect(byBranch).toMatchObject({ 局机关支部: [20, 2], 军休支部: [15, 1], 服务中心支部: [30, 1], 优抚科支部: [0, 0] });
    // The stage is a contest of its own in the rankings' one-contest picker and window.
    const picker = (await admin.get('/api/rankings/contests')).body as RankedContestDto[];
    expect(picker.find((c) => c.contestId === id)).toMatchObject({ kind: 'stage', participants: 4 });
    const alone = (await admin.get(`/api/rankings/branches?window=contest&contestId=${id}`)).body as BranchRankingDto;
    expect(alone.window.contestTitle).toBe(stage.title);
    expect(Object.fromEntries(alone.rows.map((r) => [r.name, r.total]))).toMatchObject({ 局机关支部: 20, 军休支部: 15, 服务中心支部: 30 });

    for (const d of [screen, hostConsole, judgeConsole, ...teams]) d.socket.disconnect();
  });

  it('lets a host pick players of a branch by name, without the contacts of the roster', async () => {
    const res = await host.get(`/api/stages/players?branchId=${branch[0]}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: member['甲'].id, name: '甲' },
      { id: member['乙'].id, name: '乙' },
    ]);
    expect((await host.get('/api/stages/players')).body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const memberHttp = await account(t.url, member['丙'].username, member['丙'].password);
    expect((await memberHttp.get(`/api/stages/players?branchId=${branch[1]}`)).status).toBe(403);
  });

  it('refuses bad tokens, members and anonymous staff, other hosts, and bad set-ups', async () => {
    const created = await host.post('/api/stages', {
      title: '拒绝测试',
      teams: [{ name: '甲队' }, { name: '乙队' }],
      rounds: [{ type: 'assigned', title: '必答题', questionCount: 2 }],
    });
    expect(created.status).toBe(201);
    const stage = created.body as StageSummaryDto;
    const id = stage.id;

    const anonymous = await Device.open(t.url);
    expect(await anonymous.send('stage:team', { stageId: id, token: 'not-the-token-at-all' })).toMatchObject(refused('STAGE_TEAM_TOKEN'));
    expect(await anonymous.send('stage:team', { stageId: id, token: stage.teams[0].token.slice(0, -1) + '!' })).toMatchObject(refused('STAGE_TEAM_TOKEN'));
    expect(await anonymous.send('stage:buzz', { stageId: id })).toMatchObject(refused('STAGE_TEAM_TOKEN'));
    expect(await anonymous.send('stage:judge', { stageId: id, action: 'adjust', teamId: stage.teams[0].id, delta: 5, reason: '加分' })).toMatchObject(
      refused('UNAUTHENTICATED'),
    );
    expect(await anonymous.send('stage:staff', { stageId: id, role: 'judge' })).toMatchObject(refused('UNAUTHENTICATED'));
    expect(await anonymous.send('stage:host', { stageId: id, action: 'next' })).toMatchObject(refused('UNAUTHENTICATED'));
    expect(await anonymous.send('stage:watch', { stageId: 'no-such-stage' })).toMatchObject(refused('STAGE_NOT_FOUND'));

    const memberHttp = await account(t.url, member['甲'].username, member['甲'].password);
    const memberSocket = await Device.open(t.url, memberHttp.cookie);
    expect(await memberSocket.send('stage:staff', { stageId: id, role: 'judge' })).toMatchObject(refused('FORBIDDEN'));
    expect(await memberSocket.send('stage:judge', { stageId: id, action: 'undo' })).toMatchObject(refused('FORBIDDEN'));
    expect((await memberHttp.get('/api/stages')).status).toBe(403);

    // Another host may judge but not run the stage.
    const other = await Device.open(t.url, judge.cookie);
    expect(await other.send('stage:staff', { stageId: id, role: 'host' })).toMatchObject(refused('NOT_HOST'));
    expect(await other.send('stage:host', { stageId: id, action: 'next' })).toMatchObject(refused('NOT_HOST'));
    expect((await other.send('stage:staff', { stageId: id, role: 'judge' })).ok).toBe(true);

    // A team device is for its own stage; a buzz outside a buzz round is refused.
    const team = await Device.open(t.url);
    await team.join('stage:team', { stageId: id, token: stage.teams[1].token });
    const owner = await Device.open(t.url, host.cookie);
    await ok(owner.send('stage:host', { stageId: id, action: 'next' }));
    expect(await team.send('stage:buzz', { stageId: id })).toMatchObject(refused('STAGE_WRONG_PHASE'));
    expect(await team.send('stage:buzz', { stageId: 'another-stage' })).toMatchObject(refused('STAGE_TEAM_TOKEN'));

    // Set-up refusals.
    const base = { title: '设置错误', rounds: [{ type: 'assigned', title: '必答题', questionCount: 2 }] };
    const bad = async (body: unknown) => {
      const res = await host.post('/api/stages', body);
      return [res.status, res.body.code];
    };
    expect(await bad({ ...base, teams: [{ name: '甲队', branchId: 'no-such-branch' }, { name: '乙队' }] })).toEqual([404, 'BRANCH_NOT_FOUND']);
    expect(await bad({ ...base, teams: [{ name: '甲队', memberIds: ['no-such-member'] }, { name: '乙队' }] })).toEqual([404, 'MEMBER_NOT_FOUND']);
    expect(await bad({ ...base, teams: [{ name: '甲队', memberIds: [member['甲'].id] }, { name: '乙队', memberIds: [member['甲'].id] }] })).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(await bad({ ...base, teams: [{ name: '同名' }, { name: '同名' }] })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await bad({ ...base, teams: [{ name: '甲队' }] })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await bad({ ...base, teams: [{ name: '甲队' }, { name: '乙队' }], source: { categories: ['没有这个分类'] } })).toEqual([
      422,
      'STAGE_NOT_ENOUGH_QUESTIONS',
    ]);
    expect((await admin.get('/api/stages/no-such-stage')).body.code).toBe('STAGE_NOT_FOUND');

    for (const d of [anonymous, memberSocket, other, team, owner]) d.socket.disconnect();
  });
});

describe('a stage across a restart', () => {
  it('loads the stage from storage on first access and carries on where it was', { timeout: 60_000 }, async () => {
    const first = await startTestApp();
    const admin = new HttpSession(first.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const stage = (
      await admin.post('/api/stages', {
        title: '重启测试',
        teams: [{ name: '甲队' }, { name: '乙队' }],
        rounds: [
          { type: 'buzz', title: '抢答题', questionCount: 1 },
          { type: 'allAnswer', title: '共答题', questionCount: 1, rules: { limitMs: 60_000 } },
        ],
      })
    ).body as StageSummaryDto;
    const id = stage.id;
    const T = stage.teams.map((x) => x.id);
    const devices = async (url: string, cookie: string) => {
      const teams = await Promise.all(stage.teams.map(() => Device.open(url)));
      for (const [i, d] of teams.entries()) await d.join('stage:team', { stageId: id, token: stage.teams[i].token });
      const staff = await Device.open(url, cookie);
      await staff.join('stage:staff', { stageId: id, role: 'host' });
      return { teams, staff };
    };
    let { teams, staff } = await devices(first.url, admin.cookie!);
    await ok(staff.send('stage:host', { stageId: id, action: 'next' }));
    await ok(teams[1].send('stage:buzz', { stageId: id }));
    await ok(staff.send('stage:host', { stageId: id, action: 'openBuzz' }));
    await ok(teams[0].send('stage:buzz', { stageId: id }));
    await ok(staff.send('stage:judge', { stageId: id, action: 'mark', teamId: T[0], right: true }));
    await ok(staff.send('stage:host', { stageId: id, action: 'next' }));
    const open = await ok(staff.send('stage:host', { stageId: id, action: 'openAnswers' }));
    await ok(teams[0].send('stage:submit', { stageId: id, answer: '遵义会议' }));
    const before = structuredClone(first.app.get(StageService).peek(id)!);
    expect(before.scores).toEqual({ [T[0]]: 10, [T[1]]: -5 });

    for (const d of [...teams, staff]) d.socket.disconnect();
    await first.app.close();
    const second = await startTestApp({}, first.database);
    try {
      const service = second.app.get(StageService);
      expect(service.peek(id)).toBeUndefined();
      const secondAdmin = new HttpSession(second.url);
      await secondAdmin.login('admin', ADMIN_PASSWORD);
      ({ teams, staff } = await devices(second.url, secondAdmin.cookie!));
      // Exactly the state before the stop: scores from the stored log, the answer already in, the same deadline.
      expect(service.peek(id)).toEqual(before);
      expect(teams[0].view).toMatchObject({ teamId: T[0], submissions: { [T[0]]: { answer: '遵义会议' } } });
      expect(teams[1].view.question).toMatchObject({ round: 1, status: 'open', submitted: [T[0]], deadline: open.question!.deadline });
      expect(await teams[0].send('stage:submit', { stageId: id, answer: '再答' })).toMatchObject(refused('STAGE_ALREADY_ANSWERED'));

      await ok(teams[1].send('stage:submit', { stageId: id, answer: '古田会议' }));
      await ok(staff.send('stage:judge', { stageId: id, action: 'mark', teamId: T[0], right: true }));
      await ok(staff.send('stage:judge', { stageId: id, action: 'mark', teamId: T[1], right: false }));
      const end = await ok(staff.send('stage:host', { stageId: id, action: 'next' }));
      expect(end.status).toBe('finished');
      expect(end.teams.map((x) => x.score)).toEqual([20, -5]);
      const stored = await second.app.get(DataSource).getRepository(StageAuditRecord).find({ where: { stageId: id }, order: { seq: 'ASC' } });
      expect(stored.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(recompute(stored.map(toEntry), T)).toEqual({ [T[0]]: 20, [T[1]]: -5 });
      const row = await second.app.get(DataSource).getRepository(StageRecord).findOneByOrFail({ id });
      expect(row).toMatchObject({ status: 'finished', endedAt: expect.any(Number) });
      for (const d of [...teams, staff]) d.socket.disconnect();
    } finally {
      await second.close();
      await first.database.drop();
    }
  });
});
