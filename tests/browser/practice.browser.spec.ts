// Practice on a 360×740 phone: a member made through the org API (first password changed via
// POST /api/auth/password) logs in, opens 日常学习, does today's daily quiz with its right/wrong
// feedback and summary, then a challenge to the first wrong answer. Then ends a topic practice
// early (结束练习, after the confirm), browses the wrong-answer book (a question opened to its
// answer and explanation), practises it again and ends that early too; a second member sees the
// empty book. Last, the admin sets the daily cap on the settings page and the hub shows it.
// Screenshots in test-results/practice-*.png.
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

async function loginOnPhone(page: Page, url: string, username: string, password: string, next = '/'): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('practice on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let member: Api;
  const NEW_PASSWORD = 'practice-phone-2026';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiLogin(server.url, 'admin', server.adminPassword);
    const branch = await apiCall(server.url, admin, 'POST', '/api/org/branches', { name: '军休支部' });
    const created = await apiCall(server.url, admin, 'POST', '/api/org/members', { name: '王学习', identifier: '13900000077', branchId: branch.id });
    const first = await apiLogin(server.url, created.credential.username, created.credential.password);
    await apiCall(server.url, first, 'POST', '/api/auth/password', { currentPassword: created.credential.password, newPassword: NEW_PASSWORD });
    member = await apiLogin(server.url, '13900000077', NEW_PASSWORD);
    const fresh = await apiCall(server.url, admin, 'POST', '/api/org/members', { name: '李新人', identifier: '13900000078', branchId: branch.id });
    const second = await apiLogin(server.url, fresh.credential.username, fresh.credential.password);
    await apiCall(server.url, second, 'POST', '/api/auth/password', { currentPassword: fresh.credential.password, newPassword: NEW_PASSWORD });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('does the daily quiz and a challenge', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await loginOnPhone(page, server.url, '13900000077', NEW_PASSWORD);
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

  it('ends a practice early, browses the wrong-answer book and practises it again', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await loginOnPhone(page, server.url, '13900000077', NEW_PASSWORD);
    await page.locator('a[href="/practice"]').click();
    await page.getByTestId('category-start').click();

    // One answered, then 结束练习 on the next question: cancelling the confirm keeps practising.
    await answerShown(page);
    await page.getByTestId('practice-next').click();
    await page.getByTestId('practice-stem').waitFor();
    expect(await page.getByTestId('practice-progress').textContent()).toContain('第 2 / 10 题');
    await screenshot(page, 'practice-end-button');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('practice-end').click();
    expect(asked[0]).toContain('已答的 1 题照常计分');
    expect(await page.getByTestId('practice-progress').textContent()).toContain('第 2 / 10 题');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('practice-end').click();
    await page.getByTestId('practice-summary').waitFor();
    expect(await page.getByTestId('summary-correct').textContent()).toMatch(/答对 [01] \/ 1 题/);
    expect(await page.getByTestId('summary-ended-early').textContent()).toContain('已提前结束');
    await screenshot(page, 'practice-ended-early');

    // The challenge ended at a wrong answer, so the book has at least that question.
    const overview = await apiCall(server.url, member, 'GET', '/api/practice');
    expect(overview.wrongCount).toBeGreaterThan(0);
    await page.getByTestId('summary-back').click();
    await page.getByTestId('wrong-browse').click();
    await page.getByTestId('wrong-book').waitFor();
    expect(await page.getByTestId('wrong-book-total').textContent()).toContain(`共 ${overview.wrongCount} 道错题`);
    expect(await page.getByTestId('wrong-item').count()).toBe(overview.wrongCount);
    const first = page.getByTestId('wrong-item').first();
    expect(await first.getByTestId('wrong-item-answer').isVisible()).toBe(false);
    await screenshot(page, 'practice-wrong-book');
    await first.locator('summary').click();
    await first.getByTestId('wrong-item-answer').waitFor();
    expect(await first.getByTestId('wrong-item-answer').textContent()).toContain('正确答案：');
    expect((await first.getByTestId('wrong-item-explanation').textContent())!.length).toBeGreaterThan(0);
    expect(await first.textContent()).toMatch(/答错 \d+ 次/);
    await screenshot(page, 'practice-wrong-book-open');

    // 重新练习 starts a wrong-book session; one answer, then ended from the judgement screen.
    await page.getByTestId('wrong-book-retry').click();
    await page.getByTestId('practice-stem').waitFor();
    expect(await page.getByTestId('practice-progress').textContent()).toContain('错题重练');
    await answerShown(page);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('practice-end').click();
    await page.getByTestId('practice-summary').waitFor();
    expect(await page.getByTestId('summary-correct').textContent()).toMatch(/答对 [01] \/ 1 题/);
    await screenshot(page, 'practice-wrong-ended');
    expect(errors.filter((e) => !/401/.test(e)), errors.join('\n')).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a new member an empty wrong-answer book', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await loginOnPhone(page, server.url, '13900000078', NEW_PASSWORD);
    await page.locator('a[href="/practice"]').click();
    await page.getByTestId('wrong-card').waitFor();
    expect(await page.getByTestId('wrong-browse').count()).toBe(0);
    await page.goto(`${server.url}/practice/wrong`);
    await page.getByTestId('wrong-book-empty').waitFor();
    expect(await page.getByTestId('wrong-book-empty').textContent()).toContain('错题本是空的，继续保持！');
    await screenshot(page, 'practice-wrong-book-empty');
    expect(errors.filter((e) => !/401/.test(e)), errors.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the admin set the daily cap on the settings page, and the practice hub follows it', async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const admin = await desk.newPage();
    const adminErrors = watchErrors(admin);
    await loginOnPhone(admin, server.url, 'admin', server.adminPassword, '/admin/org/settings');
    const cap = admin.getByTestId('org-practice-cap');
    await cap.waitFor();
    expect(await cap.inputValue()).toBe('200');
    expect(await admin.getByTestId('org-settings').textContent()).toContain('防止练习积分压过竞赛成绩');
    // Out of range: refused on the page with the range, nothing saved.
    await cap.fill('20000');
    await admin.getByTestId('org-save').click();
    expect(await admin.getByTestId('practice-cap-error').textContent()).toContain('0 到 10000');
    await cap.fill('15');
    await admin.getByTestId('org-save').click();
    await admin.getByTestId('settings-saved').waitFor();
    await screenshot(admin, 'practice-cap-setting');
    expect((await apiCall(server.url, member, 'GET', '/api/org')).practiceDailyCap).toBe(15);
    expect(adminErrors.filter((e) => !/401/.test(e)), adminErrors.join('\n')).toEqual([]);
    await desk.close();

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await loginOnPhone(page, server.url, '13900000078', NEW_PASSWORD, '/practice');
    await page.getByTestId('points-today').waitFor();
    expect(await page.getByTestId('points-today').textContent()).toContain('今日练习积分 0 / 15');
    await context.close();
  }, 60_000);
});
