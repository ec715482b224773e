// The whole live contest in real pages, as a hall would run it: a host console, a projector and
// three phones that join through the projector's QR link, play to the podium, one phone reloading
// mid-question; then the host exports the results. Screenshots of each phase in test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, PHONE, PROJECTOR, screenshot, watchErrors } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const LAPTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true };
const DOUBLE_FLAG = '双倍积分'; // the projector's flag on a double-points question (screen.double)

const phase = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-phase');

/** Taps an answer for whatever question the phone shows (right or wrong is not the point here). */
async function answerOnPhone(page: Page, pick: number): Promise<void> {
  const options = page.locator('[data-testid^="option-"]');
  const tf = page.getByTestId(pick % 2 === 0 ? 'tf-true' : 'tf-false');
  const fill = page.getByTestId('fill-input');
  await expect
    .poll(async () => (await options.count()) + (await tf.count()) + (await fill.count()), { timeout: 15_000 })
    .toBeGreaterThan(0);
  if (await fill.count()) {
    await fill.fill(pick === 0 ? '南湖' : '不知道');
    await page.getByTestId('answer-submit').click();
  } else if (await tf.count()) {
    await expect.poll(() => tf.isEnabled(), { timeout: 10_000 }).toBe(true);
    await tf.click();
  } else {
    const option = page.getByTestId(`option-${pick % (await options.count())}`);
    await expect.poll(() => option.isEnabled(), { timeout: 10_000 }).toBe(true);
    await option.click();
    // Multiple choice needs a submit; single choice sends on tap.
    if (await page.getByTestId('answer-submit').count()) await page.getByTestId('answer-submit').click();
  }
  // The last phone to answer locks the question at once, so its page may already have moved on
  // from "answer received" to "time's up" or the result.
  await page
    .locator('[data-testid="answer-received"], [data-testid="play-phase"][data-phase="locked"], [data-testid="result"]')
    .first()
    .waitFor({ timeout: 10_000 });
}

describe('a live contest in the browser: host, projector and three phones', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('plays from the lobby to the podium and exports the results', async () => {
    const laptop = await browser.newContext(LAPTOP);
    contexts.push(laptop);
    const host = await laptop.newPage();
    await host.goto(`${server.url}/login?next=/host`);
    await host.getByTestId('login-username').fill('admin');
    await host.getByTestId('login-password').fill(server.adminPassword);
    await host.getByTestId('login-submit').click();
    await host.waitForURL(/\/host$/);
    await host.getByTestId('host-new').click();
    await host.getByTestId('host-title').fill('八一建军节 党史知识竞赛');
    const labels = await host.getByTestId('host-set').locator('option').allTextContents();
    await host.getByTestId('host-set').selectOption({ label: labels.find((l) => l.startsWith('八一'))! });
    // The second question is worth double (a per-question setting).
    await host.getByTestId('override-add').click();
    await host.getByTestId('override-position').fill('2');
    await host.getByTestId('override-points').selectOption('double');
    await host.getByTestId('host-submit').click();
    await host.waitForURL(/\/host\/[0-9a-f-]{36}$/);
    const pin = (await host.getByTestId('host-pin').innerText()).trim();

    const projectorContext = await browser.newContext(PROJECTOR);
    contexts.push(projectorContext);
    const screen = await projectorContext.newPage();
    const screenErrors = watchErrors(screen);
    await screen.goto(`${server.url}/screen/${pin}`);
    await expect.poll(() => phase(screen, 'screen-phase')).toBe('lobby');
    // The QR code encodes this link; a phone that scans it lands here.
    const joinUrl = `${server.url}/join/${pin}`;
    expect(await screen.locator('body').innerText()).toContain(`/join/${pin}`);

    const phones: Page[] = [];
    const phoneErrors: string[][] = [];
    for (const name of ['张建国', '李红梅', '王卫东']) {
      const context = await browser.newContext(PHONE);
      contexts.push(context);
      const page = await context.newPage();
      phoneErrors.push(watchErrors(page));
      await page.goto(joinUrl);
      await page.getByTestId('nickname-input').fill(name);
      await page.getByTestId('join-submit').click();
      await page.locator('[data-testid="play-phase"][data-phase="lobby"]').waitFor();
      phones.push(page);
    }
    await expect.poll(() => screen.locator('body').innerText()).toContain('王卫东');
    await screenshot(screen, 'contest-01-projector-lobby');
    await screenshot(phones[0], 'contest-02-phone-lobby');

    await host.getByTestId('host-start').click();
    const questions = 3;
    for (let q = 0; q < questions; q++) {
      await expect.poll(() => phase(screen, 'screen-phase')).toBe('question');
      await Promise.all(phones.map((p) => p.locator('[data-testid="play-phase"][data-phase="question"]').waitFor()));
      if (q === 0) await screenshot(screen, 'contest-03-projector-question');
      // Only the second question carries the double-points flag set on the form.
      expect(await screen.getByText(DOUBLE_FLAG).count()).toBe(q === 1 ? 1 : 0);
      await answerOnPhone(phones[0], 0);
      if (q === 1) {
        // A phone reloads mid-question: it comes back to the same question, its answer kept.
        await phones[0].reload();
        await phones[0].locator('[data-testid="play-phase"][data-phase="question"]').waitFor();
        await phones[0].getByTestId('answer-received').waitFor();
        await screenshot(phones[0], 'contest-04-phone-after-reload');
      }
      await answerOnPhone(phones[1], 1);
      if (q === 0) await screenshot(phones[1], 'contest-05-phone-answered');
      await answerOnPhone(phones[2], 2);
      // All three answered: locked, then revealed on every screen.
      await expect.poll(() => phase(screen, 'screen-phase'), { timeout: 10_000 }).toBe('reveal');
      await Promise.all(phones.map((p) => p.getByTestId('result').waitFor()));
      if (q === 0) {
        await screen.getByTestId('screen-chart').waitFor();
        await screen.waitForTimeout(800);
        await screenshot(screen, 'contest-06-projector-reveal');
        await screenshot(phones[0], 'contest-07-phone-result');
      }
      await host.getByTestId('host-next').click();
      await expect.poll(() => phase(screen, 'screen-phase')).toBe('leaderboard');
      if (q === 0) {
        await expect.poll(() => screen.getByTestId('screen-leaderboard').getAttribute('data-settled')).toBe('true');
        await screenshot(screen, 'contest-08-projector-leaderboard');
      }
      if (q < questions - 1) await host.getByTestId('host-next').click();
    }
    // Three questions asked: the host ends here and everyone sees the podium.
    host.once('dialog', (dialog) => void dialog.accept());
    await host.getByTestId('host-end').click();
    await expect.poll(() => phase(screen, 'screen-phase')).toBe('podium');
    await screen.getByTestId('screen-podium').waitFor();
    await screen.waitForTimeout(2500); // the podium rises
    await screenshot(screen, 'contest-09-projector-podium');
    for (const p of phones) await p.getByTestId('summary').waitFor();
    await screenshot(phones[0], 'contest-10-phone-summary');
    const scores = await Promise.all(phones.map(async (p) => Number(await p.getByTestId('my-score').getAttribute('data-score'))));
    const ranks = await Promise.all(phones.map(async (p) => Number(await p.getByTestId('my-rank').getAttribute('data-rank'))));
    // The ranks agree with the scores each phone shows.
    const byScore = [...scores].sort((a, b) => b - a);
    scores.forEach((s, i) => expect(ranks[i]).toBeLessThanOrEqual(byScore.indexOf(s) + 1 + scores.filter((x) => x === s).length - 1));
    expect(Math.min(...ranks)).toBe(1);

    const download = host.waitForEvent('download');
    await host.getByTestId('host-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(host, 'contest-11-host-console-end');

    expect(screenErrors.filter((e) => !/401|404/.test(e)), screenErrors.join("\n")).toEqual([]);
    for (const errors of phoneErrors) expect(errors.filter((e) => !/401|404/.test(e))).toEqual([]);
  });
});
