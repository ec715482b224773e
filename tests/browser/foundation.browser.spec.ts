// The first thing a newcomer does: open the landing page, switch language, log in as admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, watchErrors } from './support/browser';
import { startServer, type RunningServer } from './support/server';

describe('landing page, language switch and login', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('works on a phone in Chinese and English and logs the admin in', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('pin-input').waitFor();
    expect(await page.locator('body').innerText()).toContain('党史知识竞赛');
    await screenshot(page, 'foundation-01-landing-zh');

    // A wrong PIN is explained, not sent.
    await page.getByTestId('pin-input').fill('12');
    await page.getByTestId('join-button').click();
    await page.getByTestId('pin-error').waitFor();

    await page.getByTestId('locale-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('body').innerText()).toContain('Party History Quiz');
    await screenshot(page, 'foundation-02-landing-en');
    await page.getByTestId('locale-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await screenshot(page, 'foundation-03-login-error');

    await page.getByTestId('login-password').fill(server.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-name').waitFor();
    expect(await page.getByTestId('user-name').innerText()).toContain('管理员');
    await screenshot(page, 'foundation-04-logged-in');

    // The page ran under the strict CSP without script errors.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});
