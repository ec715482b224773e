// Two phones play a whole contest against the real server: join (with a taken nickname and an
// unknown PIN on the way), answer right and wrong, see the reveal, reload mid-question and come
// back with the answer kept, report an error (纠错), and reach the podium. The host is a plain
// socket.io client carrying the admin's session cookie, as the host console would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { ContestSummary, QuestionDto } from '@dangshi/protocol';
import { launchBrowser, PHONE, screenshot, watchErrors } from './support/browser';
import { startFlakyLink } from './support/flaky-link';
import { startServer, type RunningServer } from './support/server';

interface Admin {
  cookie: string;
  csrf: string;
}

interface Phone {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

const LETTERS = 'ABCDEF';

async function login(url: string, password: string): Promise<Admin> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dsc_session='))!.split(';')[0]!;
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

async function api<T>(url: string, admin: Admin, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** One question of each kind, with their keys known to the test (not to the phones). */
async function pickQuestions(url: string, admin: Admin): Promise<QuestionDto[]> {
  const kinds = ['single', 'truefalse', 'multiple', 'fill'] as const;
  const picked: QuestionDto[] = [];
  for (const type of kinds) {
    const page = await api<{ items: QuestionDto[] }>(url, admin, `/api/bank/questions?type=${type}&status=reviewed&pageSize=50`);
    // Keep the screenshots readable: a short stem and no picture.
    const q = [...page.items].filter((i) => !i.media).sort((a, b) => a.stem.length - b.stem.length)[0];
    expect(q, `a ${type} question in the shipped bank`).toBeTruthy();
    picked.push(q!);
  }
  return picked;
}

const optionIndex = (letter: string) => LETTERS.indexOf(letter);

async function hostSocket(url: string, admin: Admin, contestId: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie: admin.cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = (await socket.timeout(10_000).emitWithAck('contest:host', { contestId })) as { ok: boolean };
  expect(ack.ok).toBe(true);
  return socket;
}

async function command(host: Socket, contestId: string, action: string): Promise<void> {
  const ack = (await host.timeout(10_000).emitWithAck('contest:command', { contestId, action })) as { ok: boolean; error?: unknown };
  expect(ack, `host ${action}`).toMatchObject({ ok: true });
}

async function phase(phone: Phone, name: string): Promise<void> {
  await phone.page.locator(`[data-testid="play-phase"][data-phase="${name}"]`).waitFor({ timeout: 20_000 });
}

async function questionNumber(phone: Phone, n: number, total: number): Promise<void> {
  await phase(phone, 'question');
  await expect.poll(() => phone.page.locator('[data-testid="play-phase"]').innerText()).toContain(`第 ${n} / ${total} 题`);
}

async function result(phone: Phone): Promise<{ correct: string | null; points: number }> {
  const el = phone.page.getByTestId('result');
  await el.waitFor({ timeout: 20_000 });
  const points = Number(await phone.page.getByTestId('result-points').getAttribute('data-points'));
  return { correct: await el.getAttribute('data-correct'), points };
}

describe('the phone during a live contest', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Socket | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    host?.disconnect();
    await browser?.close();
    await server?.stop();
  });

  it('joins, answers, survives a reload and reaches the podium at 360 px', async () => {
    const admin = await login(server.url, server.adminPassword);
    const questions = await pickQuestions(server.url, admin);
    const [single, truefalse, multiple, fill] = questions as [QuestionDto, QuestionDto, QuestionDto, QuestionDto];
    const contest = await api<ContestSummary>(server.url, admin, '/api/contests', {
      settings: { title: '党史知识竞赛 · 七一专场', readingTimeSec: 1, timeLimitSec: 60 },
      questionIds: questions.map((q) => q.id),
    });
    const total = questions.length;

    const open = async (): Promise<Phone> => {
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      return { context, page, errors: watchErrors(page) };
    };

    // An unknown PIN is said plainly.
    const p1 = await open();
    const unknownPin = contest.pin === '100000' ? '100001' : '100000';
    await p1.page.goto(`${server.url}/join/${unknownPin}`);
    await expect.poll(() => p1.page.getByTestId('join-error').innerText()).toContain('找不到这场竞赛');

    // Phone 1 joins.
    await p1.page.goto(`${server.url}/join/${contest.pin}`);
    await expect.poll(() => p1.page.getByTestId('contest-title').innerText()).toBe('党史知识竞赛 · 七一专场');
    await screenshot(p1.page, 'play-01-join');
    await p1.page.getByTestId('nickname-input').fill('  张建国 ');
    await p1.page.getByTestId('join-submit').click();
    await p1.page.waitForURL(`**/play/${contest.pin}`);
    await phase(p1, 'lobby');
    expect(await p1.page.getByTestId('my-nickname').innerText()).toBe('张建国');

    // Phone 2 first tries the same nickname: the error appears under the box.
    const p2 = await open();
    await p2.page.goto(`${server.url}/join/${contest.pin}`);
    await p2.page.getByTestId('nickname-input').fill('张建国');
    await p2.page.getByTestId('join-submit').click();
    await expect.poll(() => p2.page.getByTestId('join-error').innerText()).toContain('昵称已被使用');
    await screenshot(p2.page, 'play-02-join-nickname-taken');
    await p2.page.getByTestId('nickname-input').fill('李红梅');
    await p2.page.getByTestId('join-submit').click();
    await phase(p2, 'lobby');
    await expect.poll(() => p1.page.getByTestId('player-count').innerText()).toContain('2');
    await screenshot(p1.page, 'play-03-lobby');

    // A phone that joined goes straight back to /play when it opens the join link again.
    await p2.page.goto(`${server.url}/join/${contest.pin}`);
    await p2.page.waitForURL(`**/play/${contest.pin}`);
    await phase(p2, 'lobby');

    host = await hostSocket(server.url, admin, contest.id);
    await command(host, contest.id, 'start');

    // ---- Q1 single choice: phone 1 right, phone 2 wrong ----------------------------------------
    await questionNumber(p1, 1, total);
    await questionNumber(p2, 1, total);
    expect(await p1.page.getByTestId('question-stem').innerText()).toBe(single.stem);
    await screenshot(p1.page, 'play-04-question-single');
    const right1 = optionIndex(single.answer as string);
    const wrong1 = right1 === 0 ? 1 : 0;
    // The option is at least 64 px high and spans the phone.
    const box = await p1.page.getByTestId(`option-${right1}`).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(64);
    expect(box!.width).toBeGreaterThan(300);
    await p1.page.getByTestId(`option-${right1}`).click();
    await p1.page.getByTestId('answer-received').waitFor();
    await screenshot(p1.page, 'play-05-answer-received');
    await p2.page.getByTestId(`option-${wrong1}`).click();
    await phase(p1, 'reveal');
    const r1 = await result(p1);
    const r2 = await result(p2);
    expect(r1.correct).toBe('true');
    expect(r1.points).toBeGreaterThan(0);
    expect(r2.correct).toBe('false');
    expect(r2.points).toBe(0);
    await p1.page.getByTestId('correct-answer').waitFor();
    await expect.poll(() => p1.page.getByTestId('announcer').innerText()).toContain('回答正确');
    await screenshot(p1.page, 'play-06-reveal-right');
    await screenshot(p2.page, 'play-07-reveal-wrong');

    await command(host, contest.id, 'next');
    await phase(p1, 'leaderboard');
    await phase(p2, 'leaderboard');
    await expect.poll(() => p1.page.getByTestId('my-rank').getAttribute('data-rank')).toBe('1');
    await expect.poll(() => p2.page.getByTestId('my-rank').getAttribute('data-rank')).toBe('2');
    expect(Number(await p1.page.getByTestId('my-score').getAttribute('data-score'))).toBe(r1.points);
    await screenshot(p2.page, 'play-08-leaderboard');

    // ---- Q2 true/false: phone 1 answers, reloads, and its answer is still there ----------------
    await command(host, contest.id, 'next');
    await questionNumber(p1, 2, total);
    await p1.page.getByTestId('countdown').waitFor();
    await screenshot(p1.page, 'play-09-question-truefalse');
    await p1.page.getByTestId(truefalse.answer ? 'tf-true' : 'tf-false').click();
    await p1.page.getByTestId('answer-received').waitFor();
    await p1.page.reload();
    await questionNumber(p1, 2, total);
    await p1.page.getByTestId('answer-received').waitFor();
    expect(await p1.page.getByTestId('my-answer').innerText()).toContain(truefalse.answer ? '正确' : '错误');
    await expect(p1.page.getByTestId('tf-true').count()).resolves.toBe(0);
    await screenshot(p1.page, 'play-10-reloaded-answer-kept');
    await p2.page.getByTestId(truefalse.answer ? 'tf-false' : 'tf-true').click();
    // Both answered: locked first (the projector says "time's up"), then the reveal.
    await phase(p1, 'locked').catch(() => undefined);
    await screenshot(p1.page, 'play-11-locked');
    await phase(p1, 'reveal');
    const r1b = await result(p1);
    expect(r1b.correct).toBe('true');
    expect((await result(p2)).correct).toBe('false');

    // 纠错 on the revealed question: a too-short reason is refused on the phone, then sent.
    await p2.page.getByTestId('report-open').click();
    await p2.page.getByTestId('report-reason').fill('错');
    await p2.page.getByTestId('report-submit').click();
    await expect.poll(() => p2.page.locator('.report .error').innerText()).toContain('至少');
    await p2.page.getByTestId('report-reason').fill('题干中的年份似乎有误，请核实');
    await screenshot(p2.page, 'play-12-report-form');
    await p2.page.getByTestId('report-submit').click();
    await p2.page.getByTestId('report-done').waitFor();
    await screenshot(p2.page, 'play-13-report-done');

    await command(host, contest.id, 'next');
    await phase(p1, 'leaderboard');
    await command(host, contest.id, 'next');

    // ---- Q3 multiple choice: toggles, then submit ---------------------------------------------
    await questionNumber(p1, 3, total);
    const right3 = (multiple.answer as string[]).map(optionIndex);
    for (const i of right3) await p1.page.getByTestId(`option-${i}`).click();
    await screenshot(p1.page, 'play-14-question-multiple');
    await p1.page.getByTestId('answer-submit').click();
    await p1.page.getByTestId('answer-received').waitFor();
    const wrong3 = multiple.options!.findIndex((_, i) => !right3.includes(i));
    await p2.page.getByTestId(`option-${wrong3}`).click();
    await p2.page.getByTestId('answer-submit').click();
    await phase(p1, 'reveal');
    expect((await result(p1)).correct).toBe('true');
    expect((await result(p2)).correct).toBe('false');
    await command(host, contest.id, 'next');
    await phase(p1, 'leaderboard');
    await command(host, contest.id, 'next');

    // ---- Q4 fill in the blank ------------------------------------------------------------------
    await questionNumber(p1, 4, total);
    await p1.page.getByTestId('fill-input').fill((fill.answer as string[])[0]!);
    await screenshot(p1.page, 'play-15-question-fill');
    await p1.page.getByTestId('answer-submit').click();
    await p1.page.getByTestId('answer-received').waitFor();
    await p2.page.getByTestId('fill-input').fill('不知道');
    await p2.page.getByTestId('answer-submit').click();
    await phase(p1, 'reveal');
    expect((await result(p1)).correct).toBe('true');
    expect((await result(p2)).correct).toBe('false');
    await screenshot(p1.page, 'play-16-reveal-fill');

    // ---- podium --------------------------------------------------------------------------------
    await command(host, contest.id, 'next');
    await phase(p1, 'leaderboard');
    await command(host, contest.id, 'next');
    await phase(p1, 'podium');
    await phase(p2, 'podium');
    await expect.poll(() => p1.page.getByTestId('my-rank').getAttribute('data-rank')).toBe('1');
    const summary = p1.page.getByTestId('summary').locator('li');
    await expect.poll(() => summary.count()).toBe(total);
    expect(await p1.page.getByTestId('summary').locator('li[data-correct="true"]').count()).toBe(total);
    expect(await p2.page.getByTestId('summary').locator('li[data-correct="false"]').count()).toBe(total);
    await screenshot(p1.page, 'play-17-podium-winner');
    await p2.page.getByTestId('locale-switch').click();
    await expect.poll(() => p2.page.getByTestId('play-phase').innerText()).toContain('My answers');
    await screenshot(p2.page, 'play-18-podium-en');

    await command(host, contest.id, 'next');
    await phase(p1, 'ended');
    await screenshot(p1.page, 'play-19-ended');

    // Both phones ran under the strict CSP without script errors (401: not logged in).
    for (const phone of [p1, p2]) {
      expect(phone.errors.filter((e) => !e.includes('401') && !e.includes('404'))).toEqual([]);
      await phone.context.close();
    }
  });
});

describe('the phone on a bad connection, paused and kicked', () => {
  let server: RunningServer;
  let browser: Browser;
  let host: Socket | undefined;
  let link: Awaited<ReturnType<typeof startFlakyLink>> | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    host?.disconnect();
    link?.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps an answer given offline, sends it once after reconnecting, shows pause and kick', async () => {
    const admin = await login(server.url, server.adminPassword);
    const [single] = await pickQuestions(server.url, admin);
    const others = await api<{ items: QuestionDto[] }>(server.url, admin, '/api/bank/questions?type=single&status=reviewed&pageSize=5');
    const second = others.items.find((q) => q.id !== single!.id)!;
    const contest = await api<ContestSummary>(server.url, admin, '/api/contests', {
      settings: { title: '断网测试', readingTimeSec: 1, timeLimitSec: 60 },
      questionIds: [single!.id, second.id],
    });
    link = await startFlakyLink(server.url);

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const phone: Phone = { context, page, errors: watchErrors(page) };
    await page.goto(`${link.url}/join/${contest.pin}`);
    await page.getByTestId('nickname-input').fill('王老兵');
    await page.getByTestId('join-submit').click();
    await phase(phone, 'lobby');

    host = await hostSocket(server.url, admin, contest.id);
    await command(host, contest.id, 'start');
    await questionNumber(phone, 1, 2);
    const right = optionIndex(single!.answer as string);
    const option = page.getByTestId(`option-${right}`);
    await expect.poll(() => option.isEnabled()).toBe(true);

    // The Wi-Fi drops; the member answers anyway: kept on the phone, not claimed as received.
    link.cut();
    await page.getByTestId('connection-banner').waitFor();
    await option.click();
    await page.getByTestId('answer-queued').waitFor();
    expect(await page.getByTestId('answer-received').count()).toBe(0);
    await screenshot(page, 'play-20-offline-answer-kept');

    // Back online: the phone rejoins and sends the same answer; the server counts it once.
    link.restore();
    await phase(phone, 'reveal');
    const r = await result(phone);
    expect(r.correct).toBe('true');
    expect(r.points).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('my-score').innerText())).toBe(r.points);
    expect(await page.getByTestId('connection-banner').count()).toBe(0);

    // The host pauses the next question: the phone says so and the clock stops.
    await command(host, contest.id, 'next');
    await phase(phone, 'leaderboard');
    await command(host, contest.id, 'next');
    await questionNumber(phone, 2, 2);
    await command(host, contest.id, 'pause');
    await page.locator('[data-testid="countdown"][data-stage="paused"]').waitFor();
    await screenshot(page, 'play-21-paused');
    await command(host, contest.id, 'resume');
    await page.locator('[data-testid="countdown"][data-stage="answering"]').waitFor();

    // The host removes the player: a clear message, and a reload shows it again.
    const watch = (await host.timeout(10_000).emitWithAck('contest:host', { contestId: contest.id })) as {
      ok: true;
      data: { lobby: { players: { playerId: string; nickname: string }[] } };
    };
    const playerId = watch.data.lobby.players.find((p) => p.nickname === '王老兵')!.playerId;
    const kick = (await host.timeout(10_000).emitWithAck('contest:command', { contestId: contest.id, action: 'kick', playerId })) as { ok: boolean };
    expect(kick.ok).toBe(true);
    await page.getByTestId('kicked').waitFor();
    await page.reload();
    await page.getByTestId('kicked').waitFor();
    await screenshot(page, 'play-22-kicked');

    // Only the dropped link's failed reconnects may appear in the console.
    expect(phone.errors.filter((e) => !/WebSocket|ERR_CONNECTION|401|404/.test(e))).toEqual([]);
    await context.close();
  });

  it('lets a member of a members-only contest log in and join under their own name', async () => {
    const admin = await login(server.url, server.adminPassword);
    const [single] = await pickQuestions(server.url, admin);
    const contest = await api<ContestSummary>(server.url, admin, '/api/contests', {
      settings: { title: '党员专场', joinMode: 'members' },
      questionIds: [single!.id],
    });
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const phone: Phone = { context, page, errors: watchErrors(page) };
    await page.goto(`${server.url}/join/${contest.pin}`);
    const loginLink = page.getByTestId('join-login');
    await loginLink.waitFor();
    expect(await page.getByTestId('nickname-input').count()).toBe(0);
    await screenshot(page, 'play-23-members-login-first');
    await loginLink.click();
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(server.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`**/join/${contest.pin}`);
    const name = (await page.getByTestId('user-name').innerText()).trim();
    await expect.poll(() => page.getByTestId('join-submit').innerText()).toContain(name);
    await page.getByTestId('join-submit').click();
    await phase(phone, 'lobby');
    expect(await page.getByTestId('my-nickname').innerText()).toBe(name);
    expect(phone.errors.filter((e) => !/401/.test(e))).toEqual([]);
    await context.close();
  });
});
