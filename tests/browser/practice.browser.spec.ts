// Practice on a 360×740 phone: a member made through the org API (first password changed via
// POST /api/auth/password) logs in, opens 日常学习, does today's daily quiz with its right/wrong
// feedback and summary, then a challenge to the first wrong answer. Screenshots in
// test-results/practice-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, watchErrors } from './support/browser';
import { startServer, type RunningServer } from './support/server';

interface Api {
  cookie: string;
  csrf: string;
}

async function apiLogin(url: string, username: string, password: string): Promise<Api> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status, `login ${username}`).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dsc_session='))!.split(';')[0].slice('dsc_session='.length);
  return { cookie, csrf: (await res.json()).csrfToken };
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

/** Answers whatever question is shown with its first choice (right or wrong: the server decides). */
async function answerShown(page: Page): Promise<void> {
  await page.getByTestId('practice-stem').waitFor();
  if (await page.getByTestId('tf-true').count()) await page.getByTestId('tf-true').click();
  else if (await page.getByTestId('fill-input').count()) {
    await page.getByTestId('fill-input').fill('南昌起义');
    await page.getByTestId('answer-submit').click();
  } else {
    await page.getByTestId('option-0').click();
    if (await page.getByTestId('answer-submit').count()) await page.getByTestId('answer-submit').click();
  }
  await page.getByTestId('verdict').waitFor();
}

describe('practice on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  const NEW_PASSWORD = 'practice-phone-2026';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiLogin(server.url, 'admin', server.adminPassword);
    const branch = await apiCall(server.url, admin, 'POST', '/api/org/branches', { name: '军休支部' });
    const created = await apiCall(server.url, admin, 'POST', '/api/org/members', { name: '王学习', identifier: '13900000077', branchId: branch.id });
    const member = await apiLogin(server.url, created.credential.username, created.credential.password);
    await apiCall(server.url, member, 'POST', '/api/auth/password', { currentPassword: created.credential.password, newPassword: NEW_PASSWORD });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('does the daily quiz and a challenge', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/login?next=${encodeURIComponent('/')}`);
    await page.getByTestId('login-username').fill('13900000077');
    await page.getByTestId('login-password').fill(NEW_PASSWORD);
    await page.getByTestId('login-submit').click();
    // The home page offers 日常学习 to a logged-in member.
    await page.locator('a[href="/practice"]').click();
    await page.getByTestId('daily-card').waitFor();
    expect(await page.getByTestId('daily-start').textContent()).toContain('开始答题');
    await screenshot(page, 'practice-hub');

    await page.getByTestId('daily-start').click();
    for (let i = 0; i < 5; i++) {
      expect(await page.getByTestId('practice-progress').textContent()).toContain(`第 ${i + 1} / 5 题`);
      if (i === 0) await screenshot(page, 'practice-question');
      await answerShown(page);
      expect((await page.getByTestId('explanation').textContent())!.length).toBeGreaterThan(0);
      expect((await page.getByTestId('source').textContent())!.length).toBeGreaterThan(0);
      if (i === 0) await screenshot(page, 'practice-feedback');
      await page.getByTestId('practice-next').click();
    }
    await page.getByTestId('practice-summary').waitFor();
    expect(await page.getByTestId('summary-correct').textContent()).toMatch(/答对 \d \/ 5 题/);
    await screenshot(page, 'practice-daily-summary');

    await page.getByTestId('summary-back').click();
    await page.getByTestId('daily-done').waitFor();
    expect(await page.getByTestId('streak').textContent()).toContain('连续 1 天');

    await page.getByTestId('challenge-start').click();
    for (let i = 0; i < 60; i++) {
      await answerShown(page);
      await page.getByTestId('practice-next').click();
      await page.locator('[data-testid="practice-summary"], [data-testid="practice-stem"]').first().waitFor();
      if (await page.getByTestId('practice-summary').count()) break;
    }
    await page.getByTestId('practice-summary').waitFor();
    await screenshot(page, 'practice-challenge-summary');
    await page.getByTestId('summary-back').click();
    await page.getByTestId('challenge-board').waitFor();
    expect(await page.getByTestId('challenge-board').textContent()).toContain('王学习');
    await screenshot(page, 'practice-hub-after');
    // Clean under the strict CSP (the 401 is the login page's session check before logging in).
    expect(errors.filter((e) => !/401/.test(e)), errors.join('\n')).toEqual([]);
    await context.close();
  }, 120_000);
});
