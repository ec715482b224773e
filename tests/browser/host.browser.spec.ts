// A whole live contest from the host's side: the admin creates a contest from the 七一 set on
// /host, opens the projector (1600×900), three simulated phones join and answer, and the host
// drives it from the console through reveal, leaderboard, podium and end, then exports the XLSX.
// Every projector phase and the console are photographed into test-results/.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AnswerResponse, ContestView, JoinResult } from '@dangshi/protocol';
import { launchBrowser, PROJECTOR, screenshot, watchErrors } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const LAPTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true };

/** A phone, reduced to its socket and the last contest view it was sent. */
interface Phone {
  nickname: string;
  socket: Socket;
  view: ContestView | null;
}

async function joinPhone(url: string, pin: string, nickname: string): Promise<Phone> {
  const socket = io(url, { transports: ['websocket'], forceNew: true });
  const phone: Phone = { nickname, socket, view: null };
  socket.on('contest:view', (view: ContestView) => (phone.view = view));
  const ack = (await socket.timeout(8_000).emitWithAck('contest:join', { pin, nickname })) as Ack<JoinResult>;
  if (!ack.ok) throw new Error(`join ${nickname}: ${ack.error.code}`);
  phone.view = ack.data.contest;
  return phone;
}

/** What this phone picks for the current question (`pick` varies the answers between phones). */
function responseFor(view: ContestView, pick: number): AnswerResponse {
  const q = view.question!;
  if (q.type === 'truefalse') return { kind: 'truefalse', value: pick % 2 === 0 };
  if (q.type === 'fill') return { kind: 'fill', text: pick === 0 ? '中国共产党' : '不知道' };
  if (q.type === 'multiple') return { kind: 'choice', options: [0, pick % q.options.length].filter((v, i, a) => a.indexOf(v) === i) };
  return { kind: 'choice', options: [pick % q.options.length] };
}

/** Answers the open question once answers are open (the reading time first). */
async function answer(phone: Phone, pin: string, questionIndex: number, pick: number): Promise<void> {
  await expect.poll(() => phone.view?.questionIndex, { timeout: 10_000 }).toBe(questionIndex);
  for (let attempt = 0; attempt < 40; attempt++) {
    const view = phone.view!;
    const input = { pin, questionIndex, clientAnswerId: `${phone.nickname}-${questionIndex}`, response: responseFor(view, pick) };
    const ack = (await phone.socket.timeout(8_000).emitWithAck('contest:answer', input)) as Ack<unknown>;
    if (ack.ok) return;
    if (ack.error.code !== 'ANSWER_NOT_OPEN') throw new Error(`answer ${phone.nickname}: ${ack.error.code}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`answers never opened for ${phone.nickname}`);
}

const phaseOf = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-phase');

describe('host console and projector', () => {
  let server: RunningServer;
  let browser: Browser;
  const phones: Phone[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const phone of phones) phone.socket.close();
    await browser?.close();
    await server?.stop();
  });

  it('runs a 七一 contest from the console with the projector following', async () => {
    // ---- log in, create from the form ---------------------------------------------------------
    const laptop = await browser.newContext(LAPTOP);
    const host = await laptop.newPage();
    const hostErrors = watchErrors(host);
    await host.goto(`${server.url}/host`);
    await host.waitForURL(/\/login\?next=%2Fhost/);
    await host.getByTestId('login-username').fill('admin');
    await host.getByTestId('login-password').fill(server.adminPassword);
    await host.getByTestId('login-submit').click();
    await host.waitForURL(/\/host$/);

    await host.getByTestId('host-new').click();
    // Nothing filled in: explained in words, nothing sent.
    await host.getByTestId('host-submit').click();
    await expect.poll(() => host.getByTestId('host-error').innerText()).toContain('请填写竞赛名称');
    expect(await host.getByTestId('host-error').innerText()).toContain('请选择一个题集');
    await screenshot(host, 'host-01-form-errors');

    await host.getByTestId('host-title').fill('七一主题党日党史知识竞赛');
    const labels = await host.getByTestId('host-set').locator('option').allTextContents();
    const qiyi = labels.find((l) => l.startsWith('七一'));
    expect(qiyi).toBeTruthy();
    await host.getByTestId('host-set').selectOption({ label: qiyi! });
    await host.getByTestId('host-submit').click();
    await host.waitForURL(/\/host\/[0-9a-f-]{36}$/);
    await expect.poll(() => phaseOf(host, 'host-phase')).toBe('lobby');
    const pin = (await host.getByTestId('host-pin').innerText()).trim();
    expect(pin).toMatch(/^\d{6}$/);

    // ---- projector --------------------------------------------------------------------------
    const projector = await browser.newContext(PROJECTOR);
    const screen = await projector.newPage();
    const screenErrors = watchErrors(screen);
    await screen.goto(`${server.url}/screen/${pin}`);
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('lobby');
    expect(await screen.getByTestId('screen-pin').innerText()).toBe(pin);
    await expect.poll(() => screen.getByTestId('screen-qr').locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await screen.locator('body').innerText()).toContain(`/join/${pin}`);
    // Not a host on this computer: the shortcut explains itself instead of doing nothing.
    await screen.keyboard.press(' ');
    await screen.getByTestId('screen-hint').waitFor();
    // Now the host logs in on the projector's computer too: its shortcuts will work below.
    const login = await projector.request.post(`${server.url}/api/auth/login`, {
      data: { username: 'admin', password: server.adminPassword },
    });
    expect(login.ok()).toBe(true);
    await screen.reload();
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('lobby');
    await expect.poll(() => screen.locator('body').innerText()).toContain('快捷键');

    // ---- phones join; one extra is removed by the host ------------------------------------
    for (const name of ['张建国', '李红梅', '王卫东']) phones.push(await joinPhone(server.url, pin, name));
    const intruder = await joinPhone(server.url, pin, '捣乱者');
    await expect.poll(() => host.getByTestId('host-player').count()).toBe(4);
    await expect.poll(() => screen.locator('body').innerText()).toContain('已加入 4 人');
    host.once('dialog', (dialog) => void dialog.accept());
    await host.getByTestId('host-player').filter({ hasText: '捣乱者' }).getByTestId('host-kick').click();
    await expect.poll(() => host.getByTestId('host-player').count()).toBe(3);
    intruder.socket.close();
    await expect.poll(() => screen.locator('body').innerText()).toContain('已加入 3 人');
    await screen.waitForTimeout(400); // the names' entrance animation
    await screenshot(screen, 'screen-01-lobby');
    await screenshot(host, 'host-02-console-lobby');

    // ---- question 1 -------------------------------------------------------------------------
    await host.getByTestId('host-start').click();
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('question');
    expect((await screen.getByTestId('screen-question').innerText()).length).toBeGreaterThan(5);
    const stemSize = await screen.getByTestId('screen-question').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(stemSize).toBeGreaterThanOrEqual(40);
    await expect.poll(() => screen.getByTestId('screen-countdown').getAttribute('data-kind')).toBe('reading');
    await screenshot(screen, 'screen-02-reading');
    await expect.poll(() => screen.getByTestId('screen-countdown').getAttribute('data-kind'), { timeout: 8_000 }).toBe('answering');
    await screen.getByTestId('screen-option-0').waitFor();
    await screenshot(screen, 'screen-03-question');

    await answer(phones[0]!, pin, 0, 0);
    await answer(phones[1]!, pin, 0, 1);
    await expect.poll(() => host.getByTestId('host-answered').getAttribute('data-answered')).toBe('2');
    await screenshot(host, 'host-03-console-question');
    await answer(phones[2]!, pin, 0, 0);

    // Everyone answered: the server locks (time's up), then reveals 1.5 s later.
    await expect.poll(() => phaseOf(screen, 'screen-phase'), { timeout: 5_000 }).toBe('reveal');
    await screen.getByTestId('screen-chart').waitFor();
    expect(await screen.locator('[data-testid^="screen-option-"][data-correct="true"]').count()).toBeGreaterThanOrEqual(1);
    expect(await screen.getByTestId('screen-chart').innerText()).toMatch(/\d+ 人/);
    expect(await screen.getByTestId('screen-explanation').innerText()).toContain('解析');
    await screen.waitForTimeout(1_000); // the bars grow in
    await screenshot(screen, 'screen-04-reveal');

    // A reload of the console loses nothing: it follows the same contest in the same phase.
    await host.reload();
    await expect.poll(() => phaseOf(host, 'host-phase')).toBe('reveal');
    expect(await host.getByTestId('host-next').innerText()).toContain('显示排行榜');
    await screenshot(host, 'host-04-console-reveal');

    await host.getByTestId('host-next').click();
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('leaderboard');
    await expect.poll(() => screen.getByTestId('screen-leaderboard').getAttribute('data-settled')).toBe('true');
    await screen.waitForTimeout(900); // the reorder animation
    await screenshot(screen, 'screen-05-leaderboard');

    // ---- question 2, with a pause -------------------------------------------------------------
    expect(await host.getByTestId('host-next').innerText()).toContain('下一题');
    await host.getByTestId('host-next').click();
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('question');
    await expect.poll(() => phaseOf(host, 'host-phase')).toBe('question');
    await host.getByTestId('host-pause').click();
    await screen.getByTestId('screen-paused').waitFor();
    await screen.waitForTimeout(300); // the overlay fades in
    await screenshot(screen, 'screen-06-paused');
    // Resumed from the projector's keyboard (P) by the logged-in host; the console follows.
    await screen.keyboard.press('p');
    await screen.getByTestId('screen-paused').waitFor({ state: 'detached' });
    await expect.poll(() => host.getByTestId('host-pause').getAttribute('data-paused')).toBe('false');
    for (const [i, phone] of phones.entries()) await answer(phone, pin, 1, i === 1 ? 0 : 1);
    await expect.poll(() => phaseOf(screen, 'screen-phase'), { timeout: 5_000 }).toBe('reveal');
    await host.getByTestId('host-next').click();
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('leaderboard');
    await expect.poll(() => screen.getByTestId('screen-leaderboard').getAttribute('data-settled')).toBe('true');
    await screen.waitForTimeout(900);
    await screenshot(screen, 'screen-07-leaderboard-2');

    // ---- end early → podium → ended ---------------------------------------------------------
    host.once('dialog', (dialog) => void dialog.accept());
    await host.getByTestId('host-end').click();
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('podium');
    await screen.getByTestId('screen-podium').waitFor();
    await screen.waitForTimeout(4_500); // third, second, first, then the thanks
    expect(await screen.getByTestId('screen-podium').innerText()).toContain('感谢全体 3 位同志');
    await screenshot(screen, 'screen-08-podium');

    expect(await host.getByTestId('host-next').innerText()).toContain('结束');
    await host.getByTestId('host-next').click();
    await expect.poll(() => phaseOf(screen, 'screen-phase')).toBe('ended');
    await expect.poll(() => phaseOf(host, 'host-phase')).toBe('ended');
    await screen.waitForTimeout(4_500);
    await screenshot(screen, 'screen-09-ended');
    // L switches the projector to English (its top bar, with the switch, is covered).
    await screen.keyboard.press('l');
    await expect.poll(() => screen.getByTestId('screen-podium').innerText()).toContain('The contest is over');
    await screenshot(screen, 'screen-10-ended-en');
    await screen.keyboard.press('l');
    await screenshot(host, 'host-05-console-ended');

    // ---- the results workbook ---------------------------------------------------------------
    const [download] = await Promise.all([host.waitForEvent('download'), host.getByTestId('host-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip

    // The contest is in the host's list, ended.
    await host.goto(`${server.url}/host`);
    await expect.poll(() => host.getByTestId('host-contest').first().innerText()).toContain(pin);

    // 401s are the session probe before login; nothing else may fail.
    expect(hostErrors.filter((e) => !e.includes('401'))).toEqual([]);
    expect(screenErrors.filter((e) => !e.includes('401'))).toEqual([]);
    await laptop.close();
    await projector.close();
  });
});
