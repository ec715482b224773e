// Practice matches on phones against the real server. Two members in their own browser windows
// meet in 双人对战, play all five questions (the test knows the keys from the bank API and
// answers right or wrong on purpose), one of them loses the network while answering and the
// answer still counts once, and both result screens agree. A lone member waits out the 15 s,
// takes the bot and plays it to the end (with the organisation's daily cap at 0, the result says
// the cap is reached). A 四人赛 is made by invite link, opened logged out and back from the login
// page, its empty seats filled with bots. Screenshots in test-results/match-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, watchErrors } from './support/browser';
import { answerOnPage, loadBankKeys, type BankKeys } from './support/bank-keys';
import { startFlakyLink, type FlakyLink } from './support/flaky-link';
import { apiCall, apiLogin, createMembers, loginPage, type Member } from './support/members';
import { startServer, type RunningServer } from './support/server';

const PASSWORD = 'match-phone-2026';
const QUESTIONS = 5;
const POINTS_PER_CORRECT = 10;
const WIN_BONUS = 10;
/** The console may show the dropped link's failed reconnects and the login page's 401. */
const EXPECTED_NOISE = /WebSocket|ERR_CONNECTION|ERR_INTERNET_DISCONNECTED|401/;

interface Phone {
  context: BrowserContext;
  page: Page;
  errors: string[];
  base: string;
}

async function openPhone(browser: Browser, base: string, options: BrowserContextOptions = PHONE): Promise<Phone> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page), base };
}

const phaseLocator = (phone: Phone, phase: string, index?: number) =>
  phone.page.locator(`[data-testid="match-phase"][data-phase="${phase}"]${index === undefined ? '' : `[data-index="${index}"]`}`);

async function waitPhase(phone: Phone, phase: string, index?: number, timeout = 30_000): Promise<void> {
  await phaseLocator(phone, phase, index).waitFor({ timeout });
}

/** This member's seat, from the seat marked as "me" in the scoreboard. */
async function mySeat(phone: Phone): Promise<number> {
  const id = await phone.page.locator('[data-testid^="seat-"][data-me="true"]').first().getAttribute('data-testid');
  return Number(id!.slice('seat-'.length));
}

async function revealOf(phone: Phone, seat: number): Promise<{ right: string | null; points: number }> {
  const row = phone.page.getByTestId(`reveal-${seat}`);
  return { right: await row.getAttribute('data-right'), points: Number(await row.getAttribute('data-points')) };
}

async function places(phone: Phone): Promise<{ seat: string; name: string; place: number; score: number; correct: number }[]> {
  return phone.page.locator('[data-testid^="place-"]').evaluateAll((rows) =>
    rows.map((r) => ({
      seat: r.getAttribute('data-testid')!,
      name: r.getAttribute('data-name')!,
      place: Number(r.getAttribute('data-place')),
      score: Number(r.getAttribute('data-score')),
      correct: Number(r.getAttribute('data-correct')),
    })),
  );
}

describe('practice matches on phones', () => {
  let server: RunningServer;
  let browser: Browser;
  let keys: BankKeys;
  let link: FlakyLink;
  let wang: Member;
  let li: Member;
  let zhao: Member;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    [wang, li, zhao] = await createMembers(
      server.url,
      server.adminPassword,
      '机关第一支部',
      [
        { name: '王学习', phone: '13900000101' },
        { name: '李红', phone: '13900000102' },
        { name: '赵志刚', phone: '13900000103' },
      ],
      PASSWORD,
    );
    keys = await loadBankKeys(server.url, server.adminPassword);
    link = await startFlakyLink(server.url);
  }, 120_000);

  afterAll(async () => {
    link?.close();
    await browser?.close();
    await server?.stop();
  });

  it('two members play 双人对战 to the end; an answer given offline counts once', async () => {
    // 王学习 is on a 360 px phone behind a Wi-Fi that will drop; 李红 on a 390×844 phone.
    const a = await openPhone(browser, link.url);
    const b = await openPhone(browser, server.url, { ...PHONE, viewport: { width: 390, height: 844 } });
    await loginPage(a.page, a.base, wang, '/practice');
    await loginPage(b.page, b.base, li, '/practice');
    const wangApi = await apiLogin(server.url, wang.username, PASSWORD);
    const cap = (await apiCall<{ dailyCap: number; pointsToday: number }>(server.url, wangApi, 'GET', '/api/practice')).dailyCap;

    // 王学习 opens 双人对战 first and waits: his name, the seconds of 15.
    await a.page.getByTestId('match-card').waitFor();
    await screenshot(a.page, 'match-00-practice-entry');
    await a.page.getByTestId('match-start-2').click();
    await a.page.getByTestId('match-waiting').waitFor();
    await expect.poll(() => a.page.getByTestId('waiting-names').innerText()).toContain('王学习');
    expect(await a.page.getByTestId('wait-elapsed').innerText()).toMatch(/已等待 \d+ \/ 15 秒/);
    await screenshot(a.page, 'match-01-waiting');

    // 李红 opens it too: both are matched into the same match.
    await b.page.getByTestId('match-start-2').click();
    const matchUrl = /\/practice\/match\/[0-9a-f-]{36}$/;
    await a.page.waitForURL(matchUrl);
    await b.page.waitForURL(matchUrl);
    expect(new URL(a.page.url()).pathname).toBe(new URL(b.page.url()).pathname);
    // The 3-2-1 lasts three seconds; catch it if the page is quick enough.
    if (await a.page.getByTestId('match-start').isVisible()) await screenshot(a.page, 'match-02-start');

    await waitPhase(a, 'question', 0);
    const seatA = await mySeat(a);
    const seatB = await mySeat(b);
    expect(seatA).not.toBe(seatB);

    // 王学习 answers every question right; 李红 misses the first and the third.
    const liRight = [false, true, false, true, true];
    const pointsA: number[] = [];
    const pointsB: number[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      await waitPhase(a, 'question', i);
      await waitPhase(b, 'question', i);
      expect(await a.page.getByTestId('countdown').getAttribute('data-stage')).toBe('answering');
      if (i === 0) await screenshot(a.page, 'match-03-question');

      if (i === 1) {
        // The network drops; 王学习 answers anyway: kept on the phone, not claimed as received.
        await a.context.setOffline(true);
        link.cut();
        await a.page.getByTestId('connection-banner').waitFor();
        expect(await a.page.getByTestId('connection-banner').innerText()).toContain('正在重新连接');
        await answerOnPage(a.page, keys, true);
        await a.page.getByTestId('answer-queued').waitFor();
        expect(await a.page.getByTestId('answer-received').count()).toBe(0);
        await screenshot(a.page, 'match-05-offline-answer-kept');
        // 李红 answers meanwhile; she sees that 王学习 has not (his answer is still on his phone).
        await answerOnPage(b.page, keys, liRight[i]!);
        await b.page.getByTestId('answer-received').waitFor();
        expect(await b.page.getByTestId(`seat-${seatA}`).getAttribute('data-answered')).toBe('false');
        // Back online: the phone resumes and sends the same answer with its first id.
        await a.context.setOffline(false);
        link.restore();
      } else {
        await answerOnPage(a.page, keys, true);
        await a.page.locator('[data-testid="answer-received"], [data-testid="match-verdict"]').first().waitFor();
        if (i === 0) {
          // 李红 sees 王学习's "已作答" tick before she answers.
          await b.page.locator(`[data-testid="seat-${seatA}"][data-answered="true"]`).waitFor();
          expect(await b.page.getByTestId(`seat-${seatA}`).innerText()).toContain('已作答');
          await screenshot(b.page, 'match-04-opponent-answered');
        }
        await answerOnPage(b.page, keys, liRight[i]!);
      }

      // Both answered: the reveal comes at once (no waiting out the 15 s).
      await waitPhase(a, 'reveal', i, 20_000);
      await waitPhase(b, 'reveal', i, 20_000);
      const ra = await revealOf(a, seatA);
      const rb = await revealOf(a, seatB);
      expect(ra.right).toBe('true');
      expect(ra.points).toBeGreaterThan(0);
      expect(rb.right).toBe(String(liRight[i]));
      if (!liRight[i]) expect(rb.points).toBe(0);
      // Both phones show the same judgement.
      expect(await revealOf(b, seatA)).toEqual(ra);
      expect(await revealOf(b, seatB)).toEqual(rb);
      expect(await a.page.getByTestId('match-verdict').getAttribute('data-verdict')).toBe('correct');
      expect(await b.page.getByTestId('match-verdict').getAttribute('data-verdict')).toBe(liRight[i] ? 'correct' : 'wrong');
      expect((await a.page.getByTestId('explanation').innerText()).length).toBeGreaterThan(0);
      if (i === 0) {
        await screenshot(a.page, 'match-06-reveal-right');
        await screenshot(b.page, 'match-07-reveal-wrong');
      }
      if (i === 1) expect(await a.page.getByTestId('connection-banner').count()).toBe(0);
      pointsA.push(ra.points);
      pointsB.push(rb.points);
    }

    await a.page.getByTestId('match-result').waitFor({ timeout: 20_000 });
    await b.page.getByTestId('match-result').waitFor({ timeout: 20_000 });
    await screenshot(a.page, 'match-08-result-winner');
    await screenshot(b.page, 'match-09-result-second');
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const table = await places(a);
    // Both result screens agree, and each score is the sum of that player's revealed points:
    // the answer sent twice (offline, then again) was counted once.
    expect(await places(b)).toEqual(table);
    expect(table).toEqual([
      { seat: `place-${seatA}`, name: '王学习', place: 1, score: sum(pointsA), correct: 5 },
      { seat: `place-${seatB}`, name: '李红', place: 2, score: sum(pointsB), correct: 3 },
    ]);
    expect(await a.page.getByTestId('match-result').getAttribute('data-outcome')).toBe('win');
    expect(await b.page.getByTestId('match-result').getAttribute('data-outcome')).toBe('lose');

    // Ranking points: 10 a right answer, 10 more for first place, within the daily cap.
    const expectedA = Math.min(cap, 5 * POINTS_PER_CORRECT + WIN_BONUS);
    const recordedA = a.page.getByTestId('points-recorded');
    expect(await recordedA.getAttribute('data-kind')).toBe('recorded');
    expect(Number(await recordedA.getAttribute('data-points'))).toBe(expectedA);
    expect(await recordedA.innerText()).toContain('积分已计入排行榜');
    expect(Number(await b.page.getByTestId('points-recorded').getAttribute('data-points'))).toBe(Math.min(cap, 3 * POINTS_PER_CORRECT));
    expect((await apiCall<{ pointsToday: number }>(server.url, wangApi, 'GET', '/api/practice')).pointsToday).toBe(expectedA);

    // 返回 goes back to 日常学习.
    await b.page.getByTestId('match-back').click();
    await b.page.getByTestId('practice-hub').waitFor();
    for (const p of [a, b]) expect(p.errors.filter((e) => !EXPECTED_NOISE.test(e)), p.errors.join('\n')).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 180_000);

  it('a lone member waits, takes the bot and plays it to the end (daily cap reached)', async () => {
    // The organisation allows no practice points today: the result says the cap is reached.
    const admin = await apiLogin(server.url, 'admin', server.adminPassword);
    const org = await apiCall<{ name: string; headlineMetric: string; utcOffsetMinutes: number; practiceDailyCap: number }>(server.url, admin, 'GET', '/api/org');
    await apiCall(server.url, admin, 'PUT', '/api/org', { ...org, practiceDailyCap: 0 });
    try {
      const c = await openPhone(browser, server.url);
      await loginPage(c.page, c.base, zhao, '/practice/match?size=2');
      await c.page.getByTestId('match-waiting').waitFor();
      // Nobody comes: after 15 s the phone offers a bot or cancelling.
      await c.page.locator('[data-testid="match-waiting"][data-timed-out="true"]').waitFor({ timeout: 25_000 });
      expect(await c.page.getByTestId('wait-elapsed').innerText()).toContain('已等待 15 / 15 秒');
      expect(await c.page.getByTestId('match-cancel').isVisible()).toBe(true);
      await screenshot(c.page, 'match-10-timed-out');
      await c.page.getByTestId('match-bot').click();
      await c.page.waitForURL(/\/practice\/match\/[0-9a-f-]{36}$/);

      const right = [true, false, true, true, false];
      for (let i = 0; i < QUESTIONS; i++) {
        await waitPhase(c, 'question', i);
        await answerOnPage(c.page, keys, right[i]!);
        // The bot answers within its 3–10 s; then the reveal.
        await waitPhase(c, 'reveal', i, 25_000);
        expect((await revealOf(c, await mySeat(c))).right).toBe(String(right[i]));
        if (i === 0) await screenshot(c.page, 'match-11-bot-reveal');
      }
      await c.page.getByTestId('match-result').waitFor({ timeout: 20_000 });
      const table = await places(c);
      expect(table).toHaveLength(2);
      expect(table.find((r) => r.name === '赵志刚')?.correct).toBe(3);
      // The other seat is a bot (its badge), named by the server.
      const bot = table.find((r) => r.name !== '赵志刚')!;
      expect(await c.page.getByTestId(bot.seat).locator('.bot').count()).toBe(1);
      const recorded = c.page.getByTestId('points-recorded');
      expect(await recorded.getAttribute('data-kind')).toBe('capped');
      expect(await recorded.innerText()).toContain('今日练习积分已达上限');
      await screenshot(c.page, 'match-12-bot-result-capped');

      // 再来一局 goes back to matchmaking for the same size; cancel leaves it.
      await c.page.getByTestId('match-again').click();
      await c.page.getByTestId('match-waiting').waitFor();
      await c.page.getByTestId('match-cancel').click();
      await c.page.getByTestId('match-cancelled').waitFor();
      expect(c.errors.filter((e) => !EXPECTED_NOISE.test(e)), c.errors.join('\n')).toEqual([]);
      await c.context.close();
    } finally {
      await apiCall(server.url, admin, 'PUT', '/api/org', org);
    }
  }, 180_000);

  it('四人赛 by invite link: the friend logs in from the link, bots fill the empty seats', async () => {
    const host = await openPhone(browser, server.url);
    await loginPage(host.page, host.base, li, '/practice/match');
    await host.page.getByTestId('invite-4').click();
    await host.page.getByTestId('match-invite-room').waitFor();
    const inviteLink = await host.page.getByTestId('invite-link').inputValue();
    expect(inviteLink).toMatch(new RegExp(`^${server.url}/practice/match\\?invite=[A-Z0-9]{8}$`));
    await host.page.getByTestId('invite-qr').waitFor();
    expect(await host.page.getByTestId('invite-seats').innerText()).toContain('已加入 1 / 4 人');
    await screenshot(host.page, 'match-13-invite');

    // The friend opens the link logged out: the login page, then back into the room.
    const friend = await openPhone(browser, server.url);
    await friend.page.goto(inviteLink);
    await friend.page.waitForURL((u) => u.pathname === '/login');
    await friend.page.getByTestId('login-username').fill(zhao.username);
    await friend.page.getByTestId('login-password').fill(zhao.password);
    await friend.page.getByTestId('login-submit').click();
    await friend.page.getByTestId('match-invite-room').waitFor();
    // Both phones see the two of them waiting for the other two seats.
    for (const p of [host, friend]) {
      await expect.poll(() => p.page.getByTestId('invite-seats').innerText()).toContain('已加入 2 / 4 人');
      expect(await p.page.getByTestId('waiting-names').innerText()).toMatch(/李红[\s\S]*赵志刚/);
    }

    // Nobody else comes: the host fills the empty seats with bots and the match starts.
    await host.page.getByTestId('match-bot').click();
    const matchUrl = /\/practice\/match\/[0-9a-f-]{36}$/;
    await friend.page.waitForURL(matchUrl);
    await host.page.waitForURL(matchUrl);
    expect(new URL(friend.page.url()).pathname).toBe(new URL(host.page.url()).pathname);
    await waitPhase(friend, 'question', 0);
    expect(await friend.page.locator('[data-testid^="seat-"]').count()).toBe(4);
    expect(await friend.page.getByTestId('match-seats').locator('.bot').count()).toBe(2);
    expect(await friend.page.getByTestId('match-seats').innerText()).toContain('李红');

    // A reload mid-match resumes the same question, the answer goes in and is ticked for the host.
    await friend.page.reload();
    await waitPhase(friend, 'question', 0);
    const friendSeat = await mySeat(friend);
    await answerOnPage(friend.page, keys, true);
    await friend.page.locator('[data-testid="answer-received"], [data-testid="match-verdict"]').first().waitFor();
    await host.page.locator(`[data-testid="seat-${friendSeat}"][data-answered="true"]`).waitFor();
    await screenshot(friend.page, 'match-14-four-players');
    for (const p of [host, friend]) expect(p.errors.filter((e) => !EXPECTED_NOISE.test(e)), p.errors.join('\n')).toEqual([]);
    await host.context.close();
    await friend.context.close();
  }, 120_000);
});
