// A member's practice day on a phone, as issue #7's "done when" reads: a new member logs in,
// does the daily quiz, a challenge, re-practises the wrong-answer book, plays a 1 v 1 match
// against a second member in a second window, and finds the day's points in the rankings
// (/rank). The test knows the keys from the bank API, so it answers right or wrong on purpose
// and checks exact counts. Screenshots at each step in test-results/day-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, watchErrors } from './support/browser';
import { answerOnPage, loadBankKeys, type BankKeys } from './support/bank-keys';
import { apiCall, apiLogin, createMembers, loginPage, type Member } from './support/members';
import { startServer, type RunningServer } from './support/server';

const PASSWORD = 'practice-day-2026';

/** One practice question: answered right or wrong on purpose, the verdict checked, then next. */
async function practiseOne(page: Page, keys: BankKeys, right: boolean): Promise<void> {
  await page.getByTestId('practice-stem').waitFor();
  await answerOnPage(page, keys, right, 'practice-stem');
  await page.getByTestId('verdict').waitFor();
  expect(await page.getByTestId('verdict').innerText()).toContain(right ? '回答正确' : '回答错误');
}

async function next(page: Page): Promise<'question' | 'summary'> {
  await page.getByTestId('practice-next').click();
  await page.locator('[data-testid="practice-summary"], [data-testid="practice-stem"]').first().waitFor();
  return (await page.getByTestId('practice-summary').count()) ? 'summary' : 'question';
}

describe("a member's practice day on a phone", () => {
  let server: RunningServer;
  let browser: Browser;
  let keys: BankKeys;
  let member: Member;
  let rival: Member;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    [member, rival] = await createMembers(
      server.url,
      server.adminPassword,
      '军休第二支部',
      [
        { name: '张建华', phone: '13900000201' },
        { name: '刘卫国', phone: '13900000202' },
      ],
      PASSWORD,
    );
    keys = await loadBankKeys(server.url, server.adminPassword);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('daily quiz, challenge, wrong-answer book, a 1 v 1 match, then the points in the rankings', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);

    // 1. Log in and open 日常学习 from the home page.
    await loginPage(page, server.url, member, '/');
    await page.locator('a[href="/practice"]').first().waitFor();
    await screenshot(page, 'day-01-home');
    await page.locator('a[href="/practice"]').first().click();
    await page.getByTestId('daily-card').waitFor();
    await screenshot(page, 'day-02-practice-hub');

    // 2. The daily quiz: the first two wrong (into the wrong-answer book), the other three right.
    await page.getByTestId('daily-start').click();
    const daily = [false, false, true, true, true];
    for (let i = 0; i < daily.length; i++) {
      expect(await page.getByTestId('practice-progress').innerText()).toContain(`第 ${i + 1} / 5 题`);
      if (i === 0) await screenshot(page, 'day-03-daily-question');
      await practiseOne(page, keys, daily[i]!);
      if (i === 0) await screenshot(page, 'day-04-daily-feedback');
      expect(await next(page)).toBe(i === daily.length - 1 ? 'summary' : 'question');
    }
    expect(await page.getByTestId('summary-correct').innerText()).toContain('答对 3 / 5 题');
    await screenshot(page, 'day-05-daily-summary');
    await page.getByTestId('summary-back').click();
    await page.getByTestId('daily-done').waitFor();

    // 3. A challenge: two right, then a wrong answer ends it.
    await page.getByTestId('challenge-start').click();
    await practiseOne(page, keys, true);
    expect(await next(page)).toBe('question');
    await practiseOne(page, keys, true);
    expect(await next(page)).toBe('question');
    await practiseOne(page, keys, false);
    expect(await next(page)).toBe('summary');
    await screenshot(page, 'day-06-challenge-summary');
    await page.getByTestId('summary-back').click();
    await expect.poll(() => page.getByTestId('challenge-best').innerText()).toContain('2');

    // 4. The wrong-answer book: the three missed questions, practised again and right this time.
    await expect.poll(() => page.getByTestId('wrong-count').innerText()).toContain('3');
    await screenshot(page, 'day-07-wrong-book');
    await page.getByTestId('wrong-start').click();
    let wrongRound = 0;
    for (;;) {
      await practiseOne(page, keys, true);
      wrongRound++;
      if ((await next(page)) === 'summary') break;
      expect(wrongRound).toBeLessThan(3);
    }
    expect(wrongRound).toBe(3);
    expect(await page.getByTestId('summary-correct').innerText()).toContain('答对 3 / 3 题');
    await screenshot(page, 'day-08-wrong-summary');
    await page.getByTestId('summary-back').click();
    await page.getByTestId('match-card').waitFor();

    // 5. 双人对战 against 刘卫国 in a second window.
    const rivalContext = await browser.newContext(PHONE);
    const rivalPage = await rivalContext.newPage();
    const rivalErrors = watchErrors(rivalPage);
    await loginPage(rivalPage, server.url, rival, '/practice');
    await page.getByTestId('match-start-2').click();
    await page.getByTestId('match-waiting').waitFor();
    await screenshot(page, 'day-09-match-waiting');
    await rivalPage.getByTestId('match-card').waitFor();
    await rivalPage.getByTestId('match-start-2').click();
    const matchUrl = /\/practice\/match\/[0-9a-f-]{36}$/;
    await page.waitForURL(matchUrl);
    await rivalPage.waitForURL(matchUrl);
    for (let i = 0; i < 5; i++) {
      for (const p of [page, rivalPage]) await p.locator(`[data-testid="match-phase"][data-phase="question"][data-index="${i}"]`).waitFor({ timeout: 30_000 });
      if (i === 0) await screenshot(page, 'day-10-match-question');
      await answerOnPage(page, keys, true);
      await answerOnPage(rivalPage, keys, i % 2 === 0);
      for (const p of [page, rivalPage]) await p.locator(`[data-testid="match-phase"][data-phase="reveal"][data-index="${i}"]`).waitFor({ timeout: 20_000 });
      if (i === 0) await screenshot(page, 'day-11-match-reveal');
    }
    await page.getByTestId('match-result').waitFor({ timeout: 20_000 });
    await rivalPage.getByTestId('match-result').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('match-result').getAttribute('data-outcome')).toBe('win');
    const matchPoints = Number(await page.getByTestId('points-recorded').getAttribute('data-points'));
    // 5 right answers at 10 points and 10 for winning (the daily cap of 200 is far away).
    expect(matchPoints).toBe(60);
    await screenshot(page, 'day-12-match-result');

    // 6. The rankings show the day's points: practice and the match together.
    const api = await apiLogin(server.url, member.username, PASSWORD);
    const today = await apiCall<{ pointsToday: number }>(server.url, api, 'GET', '/api/practice');
    expect(today.pointsToday).toBeGreaterThan(matchPoints);
    await page.getByTestId('match-back').click();
    await page.getByTestId('practice-hub').waitFor();
    expect(await page.getByTestId('points-today').innerText()).toContain(`今日练习积分 ${today.pointsToday} /`);
    await page.goto(`${server.url}/rank`);
    await page.getByTestId('rank-me').waitFor();
    expect(await page.getByTestId('rank-me').innerText()).toBe(`我的排名：第 1 名 · ${today.pointsToday} 分`);
    const mine = page.locator('[data-testid="individual-row"]', { hasText: '张建华' });
    expect(await mine.locator('.points').innerText()).toBe(String(today.pointsToday));
    expect(await page.locator('[data-testid="individual-row"]', { hasText: '刘卫国' }).count()).toBe(1);
    await screenshot(page, 'day-13-rank');

    const noise = /401/;
    expect(errors.filter((e) => !noise.test(e)), errors.join('\n')).toEqual([]);
    expect(rivalErrors.filter((e) => !noise.test(e)), rivalErrors.join('\n')).toEqual([]);
    await rivalContext.close();
    await context.close();
  }, 240_000);
});
