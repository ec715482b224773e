// Organisations, branches and rankings in real pages: the admin imports a roster of three
// branches through /admin/org (an .xlsx made here with exceljs), the members change their
// initial passwords and play a members-only contest over sockets with their session cookies,
// then /rank on a phone shows the branch standings the contest produced, and the projector
// board and the annual report render. Screenshots in test-results/rank-*.png.
import ExcelJS from 'exceljs';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, PHONE, PROJECTOR, SCREENSHOT_DIR, screenshot, watchErrors } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const LAPTOP = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true };

// 局机关支部 2 members, 军休支部 3, 服务中心支部 1 (who does not play); one bad row.
const ROSTER: (string | number)[][] = [
  ['区退役军人事务局 党员花名册'],
  ['姓名', '手机号', '支部', '角色'],
  ['张建国', 13900000001, '局机关支部', ''],
  ['李红梅', 13900000002, '局机关支部', ''],
  ['王卫东', 13900000003, '军休支部', ''],
  ['赵志刚', 13900000004, '军休支部', ''],
  ['钱学军', 13900000005, '军休支部', ''],
  ['孙立', 13900000006, '服务中心支部', '主持人'],
  ['周强', '1390000', '军休支部', ''],
];
// Right answers of each player on three questions (accuracy scoring: 100 a right answer).
const PLAYS: Record<string, boolean[]> = {
  张建国: [true, true, true], //  300
  李红梅: [true, true, false], // 200 → 局机关支部 500 for 2 members: 250 per member
  王卫东: [true, true, true], //  300
  赵志刚: [true, false, false], // 100
  钱学军: [false, false, false], //  0 → 军休支部 400 for 3 members: 133.3 per member
};

interface Api {
  cookie: string;
  csrf: string;
  userId: string;
}

async function apiLogin(url: string, username: string, password: string): Promise<Api> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status, `login ${username}`).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dsc_session='))!.split(';')[0].slice('dsc_session='.length);
  const body = await res.json();
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

async function apiCall(url: string, who: Api, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: `dsc_session=${who.cookie}`, 'x-csrf-token': who.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function socketFor(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: `dsc_session=${cookie}` } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function emit<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean; data?: T; error?: { code: string } };
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error?.code}`);
  return ack.data as T;
}

async function waitForPhase(socket: Socket, phase: string, index?: number): Promise<void> {
  const seen = (socket as unknown as { seen: { phase: string; questionIndex: number }[] }).seen;
  const deadline = Date.now() + 20_000;
  while (!seen.some((v) => v.phase === phase && (index === undefined || v.questionIndex === index))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${phase} ${index ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function loginPage(page: Page, url: string, username: string, password: string, next: string): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
}

describe('organisation, roster import and rankings in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startServer(process.env.RANK_CLIENT_DIR ? { CLIENT_DIR: process.env.RANK_CLIENT_DIR } : {});
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('imports a roster, plays a members-only contest and shows consistent rankings, board and report', async () => {
    // ---- the admin imports the roster through /admin/org ------------------------------------
    const laptop = await browser.newContext(LAPTOP);
    contexts.push(laptop);
    const admin = await laptop.newPage();
    const adminErrors = watchErrors(admin);
    await loginPage(admin, server.url, 'admin', server.adminPassword, '/admin/org/import');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('花名册');
    for (const row of ROSTER) sheet.addRow(row);
    await admin.getByTestId('roster-file').setInputFiles({
      name: '党员花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    // Without "create missing branches" every row is an unknown branch: say so, import nothing.
    await admin.getByTestId('roster-preview').waitFor();
    expect(await admin.getByTestId('roster-missing-branches').innerText()).toContain('局机关支部');
    expect(await admin.getByTestId('roster-commit').isDisabled()).toBe(true);
    await admin.getByTestId('roster-create-branches').check();
    await expect.poll(async () => admin.getByTestId('roster-summary').innerText()).toContain('可导入 6 人');
    const issues = await admin.getByTestId('roster-issues').innerText();
    expect(issues).toContain('第 9 行');
    expect(issues).toContain('不是 11 位手机号码');
    await screenshot(admin, 'rank-01-import-preview');

    await admin.getByTestId('roster-commit').click();
    await admin.getByTestId('roster-done').waitFor();
    await admin.getByTestId('credentials').waitFor();
    const credentials = await admin.getByTestId('credential-row').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
    );
    expect(credentials.map((c) => c.slice(0, 3))).toEqual([
      ['张建国', '局机关支部', '13900000001'],
      ['李红梅', '局机关支部', '13900000002'],
      ['王卫东', '军休支部', '13900000003'],
      ['赵志刚', '军休支部', '13900000004'],
      ['钱学军', '军休支部', '13900000005'],
      ['孙立', '服务中心支部', '13900000006'],
    ]);
    const download = admin.waitForEvent('download');
    await admin.getByTestId('credentials-download').click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    await screenshot(admin, 'rank-02-credentials');
    await admin.getByTestId('credentials-close').click();

    await admin.getByTestId('org-tab-people').click();
    await admin.getByTestId('member-row').first().waitFor();
    expect(await admin.getByTestId('member-row').count()).toBe(6);
    await screenshot(admin, 'rank-03-org-members');

    // ---- members change their passwords and play over sockets --------------------------------
    const passwords = new Map(credentials.map((c) => [c[0], c[3]]));
    const members = new Map<string, Api>();
    for (const [name, password] of passwords) {
      const s = await apiLogin(server.url, credentials.find((c) => c[0] === name)![2], password);
      await apiCall(server.url, s, 'POST', '/api/auth/password', { currentPassword: password, newPassword: `${name}-新密码-2026` });
      members.set(name, s);
    }
    const adminApi = await apiLogin(server.url, 'admin', server.adminPassword);
    const questions = (await apiCall(server.url, adminApi, 'GET', '/api/bank/questions?type=truefalse&status=reviewed&pageSize=3')).items as { id: string; answer: boolean }[];
    const contest = await apiCall(server.url, adminApi, 'POST', '/api/contests', {
      settings: { title: '七一党史知识竞赛', scoring: 'accuracy', accuracyPoints: 100, readingTimeSec: 0, timeLimitSec: 60, joinMode: 'members' },
      questionIds: questions.map((q) => q.id),
    });
    const host = await socketFor(server.url, adminApi.cookie);
    sockets.push(host);
    await emit(host, 'contest:host', { contestId: contest.id });
    const players: { name: string; socket: Socket }[] = [];
    for (const name of Object.keys(PLAYS)) {
      const socket = await socketFor(server.url, members.get(name)!.cookie);
      sockets.push(socket);
      const seen: { phase: string; questionIndex: number }[] = [];
      (socket as unknown as { seen: typeof seen }).seen = seen;
      socket.on('contest:view', (v: { phase: string; questionIndex: number }) => seen.push(v));
      await emit(socket, 'contest:join', { pin: contest.pin });
      players.push({ name, socket });
    }
    const command = (action: string) => emit(host, 'contest:command', { contestId: contest.id, action });
    await command('start');
    for (let q = 0; q < questions.length; q++) {
      for (const p of players) await waitForPhase(p.socket, 'question', q);
      for (const p of players) {
        const right = PLAYS[p.name][q];
        await emit(p.socket, 'contest:answer', {
          pin: contest.pin,
          questionIndex: q,
          clientAnswerId: `${p.name}-${q}`,
          response: { kind: 'truefalse', value: right ? questions[q].answer : !questions[q].answer },
        });
      }
      for (const p of players) await waitForPhase(p.socket, 'reveal', q);
      await command('next');
      await command('next');
    }
    await command('end');
    // Recorded once the contest's last writes land.
    const deadline = Date.now() + 15_000;
    while ((await apiCall(server.url, adminApi, 'GET', '/api/rankings/contests')).length === 0) {
      if (Date.now() > deadline) throw new Error('results were not recorded');
      await new Promise((r) => setTimeout(r, 100));
    }

    // ---- a member looks at the rankings on a phone -------------------------------------------
    const phoneContext = await browser.newContext(PHONE);
    contexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    const phoneErrors = watchErrors(phone);
    await loginPage(phone, server.url, '13900000001', '张建国-新密码-2026', '/rank');
    await phone.getByTestId('individual-table').waitFor();
    expect(await phone.getByTestId('rank-me').innerText()).toContain('第 1 名');
    const people = await phone.getByTestId('individual-row').allInnerTexts();
    expect(people.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^1 王卫东 军休支部 300 100\.0%$/),
      expect.stringMatching(/^1 张建国 ?我 局机关支部 300 100\.0%$/),
      expect.stringMatching(/^3 李红梅 局机关支部 200 66\.7%$/),
      expect.stringMatching(/^4 赵志刚 军休支部 100 33\.3%$/),
      expect.stringMatching(/^5 钱学军 军休支部 0 0\.0%$/),
    ]);
    await screenshot(phone, 'rank-04-phone-individual');

    await phone.getByTestId('tab-branch').click();
    await phone.getByTestId('branch-table').waitFor();
    const standings = await phone.getByTestId('branch-row').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-branch'), r.querySelector('[data-testid="branch-headline"] .value')?.textContent?.trim()]),
    );
    // Ranked by points per roster member: 500 / 2, 400 / 3, 0 / 1.
    expect(standings).toEqual([
      ['局机关支部', '250.0'],
      ['军休支部', '133.3'],
      ['服务中心支部', '0.0'],
    ]);
    // A member cannot export.
    expect(await phone.getByTestId('export-xlsx').count()).toBe(0);
    await screenshot(phone, 'rank-05-phone-branches');

    // The same page in English.
    await phone.getByTestId('locale-switch').click();
    await expect.poll(() => phone.getByTestId('tab-branch').innerText()).toBe('Branches');
    await screenshot(phone, 'rank-12-phone-branches-en');
    await phone.getByTestId('locale-switch').click();

    // One contest on its own gives the same table (it is the only one).
    await phone.getByTestId('window-contest').click();
    await phone.getByTestId('window-contest-select').locator('option').nth(1).waitFor({ state: 'attached' });
    await phone.getByTestId('window-contest-select').selectOption({ index: 1 });
    await expect.poll(() => phone.getByTestId('rank-range').innerText()).toBe('七一党史知识竞赛');
    expect(await phone.getByTestId('branch-row').first().getAttribute('data-branch')).toBe('局机关支部');

    // ---- the admin's desktop view with exports -----------------------------------------------
    await admin.goto(`${server.url}/rank?tab=branch&window=year`);
    await admin.getByTestId('branch-table').waitFor();
    const xlsx = admin.waitForEvent('download');
    await admin.getByTestId('export-xlsx').click();
    expect((await xlsx).suggestedFilename()).toMatch(/^支部排名_.*\.xlsx$/);
    await screenshot(admin, 'rank-06-desktop-branches');

    // ---- the projector board -----------------------------------------------------------------
    const projectorContext = await browser.newContext(PROJECTOR);
    contexts.push(projectorContext);
    const board = await projectorContext.newPage();
    const boardErrors = watchErrors(board);
    await loginPage(board, server.url, 'admin', server.adminPassword, '/rank/board?window=month');
    await board.getByTestId('board-individual').waitFor();
    await screenshot(board, 'rank-07-board-individual');
    await board.keyboard.press('ArrowRight');
    await board.getByTestId('board-branches').waitFor();
    await board.waitForTimeout(1200); // the bars grow in
    expect(await board.getByTestId('board-branches').innerText()).toContain('250.0');
    await screenshot(board, 'rank-08-board-branches');
    await board.keyboard.press('ArrowRight');
    await board.getByTestId('board-participation').waitFor();
    await board.waitForTimeout(1200);
    await screenshot(board, 'rank-09-board-participation');
    // It rotates by itself (every 10 s) back to the first slide.
    await expect.poll(() => board.getByTestId('board').getAttribute('data-slide'), { timeout: 15_000 }).toBe('individual');

    // ---- the annual report -------------------------------------------------------------------
    await admin.goto(`${server.url}/report`);
    await admin.getByTestId('report-title').waitFor();
    const counts = await admin.getByTestId('report-counts').innerText();
    expect(counts.replace(/\s+/g, ' ')).toContain('1 场现场竞赛');
    expect(counts.replace(/\s+/g, ' ')).toContain('5 名党员参与');
    await admin.getByTestId('report-participation').waitFor();
    await screenshot(admin, 'rank-10-report');
    await admin.emulateMedia({ media: 'print' });
    await screenshot(admin, 'rank-11-report-print');
    // What "print / save as PDF" gives: A4 without the app's chrome, a few pages at most.
    const pdf = await admin.pdf({ path: join(SCREENSHOT_DIR, 'rank-report.pdf'), format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(3);
    await admin.emulateMedia({ media: 'screen' });

    // ---- the admin moves a member in the page; the history keeps both periods ----------------
    await admin.goto(`${server.url}/admin/org`);
    const qian = admin.locator('[data-testid="member-row"][data-name="钱学军"]');
    await qian.getByTestId('member-move-select').selectOption({ label: '局机关支部' });
    await qian.getByTestId('member-move').click();
    await expect.poll(() => admin.getByTestId('org-notice').innerText()).toContain('钱学军 已调整到 局机关支部');
    const moved = admin.locator('[data-testid="member-row"][data-name="钱学军"]');
    await moved.getByRole('button', { name: '支部经历' }).click();
    await expect.poll(() => admin.locator('tr.history').innerText()).toMatch(/军休支部：.*\n?.*局机关支部：.*至今/s);
    await screenshot(admin, 'rank-13-org-moved');

    for (const errors of [adminErrors, phoneErrors, boardErrors]) expect(errors.filter((e) => !/401|404/.test(e)), errors.join('\n')).toEqual([]);
  });
});
