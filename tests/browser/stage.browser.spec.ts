// A whole on-stage knowledge contest (知识竞赛) as a bureau would run it: the admin sets up four
// branch teams and five rounds on /stage/new, four team devices (phones, 360 px) open their QR
// links, the projector (1280×720) follows, the host drives the console and the judges mark,
// correct with a reason and undo. Covers a buzz round won by a team, a false start, a race for the buzzer, a
// risk stake picked on a team device, an all-answer round with every team submitting and the
// auto-judge, the CSV export, and that the projector shows the same scores as the judges.
// Screenshots in test-results/screenshots/stage-*.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, PHONE, SCREENSHOT_DIR, screenshot, watchErrors } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const LAPTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true };
const PROJECTOR_720 = { viewport: { width: 1280, height: 720 }, locale: 'zh-CN' };
const BRANCHES = ['机关第一党支部', '机关第二党支部', '离退休干部党支部', '社区党支部'];

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

const shot = (page: Page, name: string) => screenshot(page, `screenshots/stage-${name}`);

interface Team {
  id: string;
  name: string;
  page: Page;
  errors: string[];
}

/** The scores a page shows, by team id (from the rows' data-score). */
async function scoresOn(page: Page, testId: string): Promise<Record<string, number>> {
  return page.getByTestId(testId).evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [row.getAttribute('data-team')!, Number(row.getAttribute('data-score'))])),
  );
}

/** The host moves on once the judges are done (the button waits for them). */
async function next(host: Page): Promise<void> {
  const button = host.getByTestId('stage-next');
  await expect.poll(() => button.isEnabled(), { timeout: 10_000 }).toBe(true);
  await button.click();
}

/** Waits until the projector shows question n of the round with this title. */
async function onQuestion(page: Page, testId: string, round: string, n: number): Promise<void> {
  await expect.poll(() => page.getByTestId(testId).innerText(), { timeout: 10_000 }).toContain(round);
  await expect.poll(() => page.getByTestId(testId).innerText(), { timeout: 10_000 }).toMatch(new RegExp(`第 ${n} `));
}

describe('stage contest: set-up, buzzers, stakes, written answers, judges and projector', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    mkdirSync(join(SCREENSHOT_DIR, 'screenshots'), { recursive: true });
    // The organisation exists already in a real bureau: four branches and a member, via the API.
    const admin = await apiLogin(server.url, 'admin', server.adminPassword);
    const branches = [];
    for (const [i, name] of BRANCHES.entries()) branches.push(await apiCall(server.url, admin, 'POST', '/api/org/branches', { name, displayOrder: i + 1 }));
    await apiCall(server.url, admin, 'POST', '/api/org/members', { name: '张建国', identifier: '13900000101', branchId: branches[0].id });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('runs a four-team, five-round contest from the consoles', async () => {
    // ---- set up on /stage/new ---------------------------------------------------------------
    const laptop = await browser.newContext(LAPTOP);
    contexts.push(laptop);
    const host = await laptop.newPage();
    const hostErrors = watchErrors(host);
    await host.goto(`${server.url}/stage`);
    await host.waitForURL(/\/login\?next=%2Fstage/);
    await host.getByTestId('login-username').fill('admin');
    await host.getByTestId('login-password').fill(server.adminPassword);
    await host.getByTestId('login-submit').click();
    await host.waitForURL(/\/stage$/);
    await host.getByTestId('stage-list-empty').waitFor();
    await host.getByTestId('stage-new').click();
    await host.waitForURL(/\/stage\/new$/);

    // Pre-filled: one team per branch in the organisation's order, the usual five rounds.
    await expect.poll(() => host.getByTestId('stage-team').count()).toBe(4);
    expect(await host.getByTestId('stage-team-name').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(BRANCHES);
    expect(await host.getByTestId('stage-round').evaluateAll((rounds) => rounds.map((r) => r.getAttribute('data-type')))).toEqual([
      'assigned',
      'buzz',
      'risk',
      'allAnswer',
      'tiebreak',
    ]);
    expect(await host.getByTestId('stage-round-title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      '必答题',
      '抢答题',
      '风险题',
      '共答题',
      '加赛题',
    ]);
    await shot(host, '01-setup-form');

    // Mistakes are explained in words before anything is sent.
    await host.getByTestId('stage-title').fill('');
    await host.getByTestId('stage-rule-risk').fill('10, 二十');
    await host.getByTestId('stage-submit').click();
    const problems = host.getByTestId('stage-form-error');
    await expect.poll(() => problems.innerText()).toContain('请填写竞赛名称');
    expect(await problems.innerText()).toContain('第 3 轮：风险分值应为 1 到 5 个 1 到 100 的整数');
    await shot(host, '02-setup-errors');

    // A short evening: 1 assigned, 2 buzz, 1 risk, 1 all-answer question, and the tiebreak.
    await host.getByTestId('stage-title').fill('庆祝建党节党史知识竞赛');
    await host.getByTestId('stage-rule-risk').fill('10, 20, 30');
    const counts = host.getByTestId('stage-round-count');
    for (const [i, n] of [1, 2, 1, 1].entries()) await counts.nth(i).fill(String(n));
    await host.getByTestId('stage-rule-limit').first().fill('90');
    // A player for the first team, from its branch's roster.
    await host.getByTestId('stage-team-members').first().click();
    await host.getByTestId('stage-member-0').first().check();
    await host.getByTestId('stage-submit').click();
    await host.waitForURL(/\/stage\/[0-9a-f-]{36}$/);
    const stageUrl = host.url();

    // ---- the devices --------------------------------------------------------------------------
    await expect.poll(() => host.getByTestId('stage-team-link').count()).toBe(4);
    await expect.poll(() => host.getByTestId('stage-team-link').first().locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const links = await host.getByTestId('stage-team-link').evaluateAll((items) =>
      items.map((li) => ({ id: li.getAttribute('data-team')!, url: li.querySelector('a[data-testid="stage-team-url"]')!.getAttribute('href')! })),
    );
    expect(links.every((l) => /\/team\?token=[\w-]{16,}$/.test(l.url))).toBe(true);
    await shot(host, '03-host-console-setup');

    const teams: Team[] = [];
    for (const [i, link] of links.entries()) {
      const context = await browser.newContext(PHONE);
      contexts.push(context);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(link.url);
      await expect.poll(() => page.getByTestId('team-name').innerText()).toBe(BRANCHES[i]);
      await page.getByTestId('team-before').waitFor();
      teams.push({ id: link.id, name: BRANCHES[i]!, page, errors });
    }
    const [t0, t1, t2, t3] = teams as [Team, Team, Team, Team];

    const projector = await browser.newContext(PROJECTOR_720);
    contexts.push(projector);
    const screen = await projector.newPage();
    const screenErrors = watchErrors(screen);
    await screen.goto(`${stageUrl}/screen`);
    await expect.poll(() => screen.getByTestId('screen').getAttribute('data-status')).toBe('setup');
    await expect.poll(() => screen.getByTestId('screen-score').count()).toBe(4);
    await shot(screen, '04-screen-before');

    const judge = await laptop.newPage();
    const judgeErrors = watchErrors(judge);
    await judge.goto(`${stageUrl}/judge`);
    await judge.getByTestId('stage-title').waitFor();

    // ---- round 1: 必答 — the first team answers aloud, the judges mark it right ---------------
    await host.getByTestId('stage-start').click();
    await onQuestion(screen, 'screen-round', '必答题', 1);
    await expect.poll(() => host.getByTestId('stage-answer-text').innerText()).not.toBe('');
    await expect.poll(() => t0.page.getByTestId('team-assigned').innerText()).toContain('本题由本队作答');
    await expect.poll(() => t1.page.getByTestId('team-assigned').innerText()).toContain(`本题由 ${t0.name} 作答`);
    await expect.poll(() => screen.getByTestId('screen-announce').innerText()).toContain(`请 ${t0.name} 作答`);
    await judge.getByTestId('stage-mark-right').click();
    await expect.poll(() => t0.page.getByTestId('team-score').getAttribute('data-score')).toBe('10');
    await expect.poll(() => screen.getByTestId('screen-answer').innerText()).toContain('答案');
    await next(host);

    // ---- round 2: 抢答 — the buzzer warns before the host opens; then a team wins ----------
    await onQuestion(screen, 'screen-round', '抢答题', 1);
    await expect.poll(() => t1.page.getByTestId('team-buzz').getAttribute('data-state')).toBe('early');
    expect(await t1.page.getByTestId('team-buzz-status').innerText()).toContain('提前按下算犯规');
    await host.getByTestId('stage-open-buzz').click();
    await expect.poll(() => screen.getByTestId('screen-announce').innerText()).toContain('开始抢答');
    await t1.page.getByTestId('team-buzz').click();
    await expect.poll(() => t1.page.getByTestId('team-buzz-status').innerText()).toContain('抢到了');
    await expect.poll(() => t2.page.getByTestId('team-buzz-status').innerText()).toContain(`${t1.name} 抢到了`);
    await expect.poll(() => screen.getByTestId('screen-announce').innerText()).toContain(`${t1.name} 抢到答题权`);
    await shot(screen, '05-screen-buzz-winner');
    await shot(t1.page, '06-team-buzz-won');
    // Wrong: out of this question, and the buzzers open again for the others.
    await judge.getByTestId('stage-mark-wrong').click();
    await expect.poll(() => t1.page.getByTestId('team-buzz-status').innerText()).toContain('本题已答错');
    await expect.poll(() => t3.page.getByTestId('team-buzz').getAttribute('data-state')).toBe('open');
    await t3.page.getByTestId('team-buzz').click();
    await expect.poll(() => host.getByTestId('stage-announce').innerText()).toContain(`${t3.name} 作答中`);
    await judge.getByTestId('stage-mark-right').click();
    await expect.poll(() => t3.page.getByTestId('team-score').getAttribute('data-score')).toBe('10');
    await next(host);

    // Question 2: two teams race for the buzzer; the slower one is told so.
    await onQuestion(screen, 'screen-round', '抢答题', 2);
    // A press before the host opens the buzzers is a false start: −5, and out of this question.
    await expect.poll(() => t1.page.getByTestId('team-buzz').getAttribute('data-state')).toBe('early');
    await t1.page.getByTestId('team-buzz').click();
    await expect.poll(() => t1.page.getByTestId('team-buzz').getAttribute('data-state')).toBe('falseStart');
    await expect.poll(() => t1.page.getByTestId('team-score').getAttribute('data-score')).toBe('-15');
    await expect.poll(() => judge.getByTestId('stage-buzz-row').count()).toBeGreaterThanOrEqual(3);
    await shot(t1.page, '06b-team-false-start');
    await host.getByTestId('stage-open-buzz').click();
    await expect.poll(() => t0.page.getByTestId('team-buzz').getAttribute('data-state')).toBe('open');
    await expect.poll(() => t2.page.getByTestId('team-buzz').getAttribute('data-state')).toBe('open');
    await Promise.all([
      t0.page.getByTestId('team-buzz').click({ timeout: 3_000 }).catch(() => undefined),
      t2.page.getByTestId('team-buzz').click({ timeout: 3_000 }).catch(() => undefined),
    ]);
    await expect.poll(() => host.getByTestId('stage-announce').getAttribute('data-kind')).toBe('buzzWinner');
    const floor = await host.getByTestId('stage-announce').innerText();
    const winner = floor.includes(t0.name) ? t0 : t2;
    const loser = winner === t0 ? t2 : t0;
    await expect.poll(() => winner.page.getByTestId('team-buzz-status').innerText()).toContain('抢到了！');
    await expect.poll(() => loser.page.getByTestId('team-buzz-status').innerText()).toMatch(new RegExp(`慢了一步|${winner.name} 抢到了`));
    await shot(loser.page, '07-team-buzz-late');
    await judge.getByTestId('stage-mark-right').click();
    await expect.poll(() => winner.page.getByTestId('team-score').getAttribute('data-score')).toBe(winner === t0 ? '20' : '10');
    await expect.poll(() => judge.getByTestId('stage-buzz-row').count()).toBeGreaterThanOrEqual(4);
    await next(host);

    // ---- round 3: 风险 — the team on turn stakes 20 on its own device, then answers wrong ---
    await onQuestion(screen, 'screen-round', '风险题', 1);
    await expect.poll(() => screen.getByTestId('screen-announce').innerText()).toContain(`请 ${t0.name} 选择风险分值`);
    await host.getByTestId('stage-pick-risk-20').waitFor(); // the host could pick for the team
    await expect.poll(() => t1.page.getByTestId('team-stake-waiting').innerText()).toContain(t0.name);
    await shot(t0.page, '08-team-stake-picker');
    await t0.page.getByTestId('team-stake-20').click();
    await expect.poll(() => screen.getByTestId('screen-announce').innerText()).toContain('风险分值 20 分');
    await expect.poll(() => screen.getByTestId('screen-stem').innerText()).not.toBe('');
    await shot(screen, '09-screen-risk-stake');
    // A team device that reloads (or drops off the Wi-Fi) joins again with its token.
    await t1.page.reload();
    await expect.poll(() => t1.page.getByTestId('team-stake-picked').innerText()).toContain(`${t0.name} 选择了 20 分`);
    expect(await t1.page.getByTestId('team-score').getAttribute('data-score')).toBe('-15');
    const beforeRisk = Number(await t0.page.getByTestId('team-score').getAttribute('data-score'));
    await judge.getByTestId('stage-mark-wrong').click();
    await expect.poll(() => t0.page.getByTestId('team-score').getAttribute('data-score')).toBe(String(beforeRisk - 20));
    await next(host);

    // ---- round 4: 共答 — every team writes an answer; two right, two wrong; auto-judged ------
    await onQuestion(screen, 'screen-round', '共答题', 1);
    await host.getByTestId('stage-open-answers').click();
    await expect.poll(() => screen.getByTestId('screen-countdown').getAttribute('data-kind')).toBe('answering');
    // The clock runs on the projector and on the team devices alike.
    const secondsOn = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).match(/\d+/)![0]);
    await expect.poll(() => secondsOn(screen, 'screen-countdown'), { timeout: 5_000 }).toBeLessThan(90);
    await expect.poll(() => secondsOn(t3.page, 'countdown'), { timeout: 5_000 }).toBeLessThan(90);
    const answerKey = {
      right: await judge.getByTestId('stage-option').evaluateAll((items) => items.flatMap((li, i) => (li.getAttribute('data-right') === 'true' ? [i] : []))),
      text: await judge.getByTestId('stage-answer-text').innerText(),
    };
    async function write(team: Team, right: boolean): Promise<void> {
      const page = team.page;
      await page.getByTestId('team-answer').waitFor();
      if (await page.getByTestId('team-option-0').count()) {
        const options = await page.locator('[data-testid^="team-option-"]').count();
        const picks = right ? answerKey.right : [[...Array(options).keys()].find((i) => !answerKey.right.includes(i))!];
        for (const i of picks) await page.getByTestId(`team-option-${i}`).click();
      } else if (await page.getByTestId('team-tf-true').count()) {
        const truth = answerKey.text.includes('正确');
        await page.getByTestId(truth === right ? 'team-tf-true' : 'team-tf-false').click();
      } else {
        await page.getByTestId('team-answer-input').fill(right ? answerKey.text.split(' / ')[0]! : '不知道');
      }
      await page.getByTestId('team-answer-submit').click();
      await page.getByTestId('team-answer-submitted').waitFor();
    }
    await write(t0, false);
    await write(t1, true);
    await shot(t2.page, '10-team-answer-entry');
    await write(t2, false);
    await expect.poll(() => screen.getByTestId('screen-announce').innerText()).toContain('已提交 3 / 4');
    await shot(screen, '11-screen-all-answer');
    await write(t3, true);
    await expect.poll(() => judge.getByTestId('stage-mark-row').count()).toBe(4);
    await host.getByTestId('stage-auto-judge').click();
    await expect.poll(() => t1.page.getByTestId('team-answer-submitted').getAttribute('data-mark')).toBe('right');
    await expect.poll(() => t2.page.getByTestId('team-answer-submitted').getAttribute('data-mark')).toBe('wrong');
    await expect.poll(() => screen.getByTestId('screen-answer').innerText()).toContain('答案');
    await shot(screen, '12-screen-all-answer-judged');
    // The same question at 1920×1080: nothing outside the picture.
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.waitForTimeout(500);
    const bottoms = await screen.locator('[data-testid="screen-answer"], [data-testid="screen-score"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(1080);
    await shot(screen, '12b-screen-all-answer-1080p');
    await screen.setViewportSize({ width: 1280, height: 720 });

    // ---- the judges review: undo the last mark with a reason, mark it again; adjust with one --
    await expect.poll(() => judge.getByTestId('stage-undo-target').innerText()).toContain(t3.name);
    await judge.getByTestId('stage-undo-reason').fill('复核：答案书写不规范');
    judge.once('dialog', (dialog) => void dialog.accept());
    await judge.getByTestId('stage-undo').click();
    await expect.poll(() => judge.locator(`[data-testid="stage-mark-row"][data-team="${t3.id}"]`).getAttribute('data-mark')).toBe('none');
    await expect.poll(() => t3.page.getByTestId('team-score').getAttribute('data-score')).toBe('10');
    await expect.poll(() => host.getByTestId('stage-next').isDisabled()).toBe(true);
    await judge.locator(`[data-testid="stage-mark-row"][data-team="${t3.id}"]`).getByTestId('stage-mark-wrong').click();
    await expect.poll(() => judge.locator(`[data-testid="stage-mark-row"][data-team="${t3.id}"]`).getAttribute('data-mark')).toBe('wrong');

    await judge.getByTestId('stage-adjust-submit').click();
    await expect.poll(() => judge.getByTestId('stage-adjust-error').innerText()).toContain('请选择代表队');
    await judge.getByTestId('stage-adjust-team').selectOption(t2.id);
    await judge.getByTestId('stage-adjust-delta').fill('5');
    await judge.getByTestId('stage-adjust-reason').fill('补充说明完整，酌情加分');
    await judge.getByTestId('stage-adjust-submit').click();
    await expect.poll(() => judge.getByTestId('stage-judge-done').innerText()).toContain(`${t2.name}`);
    await expect.poll(() => screen.getByTestId('screen-score-delta').innerText()).toBe('+5');
    await shot(screen, '13-screen-adjustment');
    await shot(judge, '14-judge-console');

    // The projector shows exactly the judges' scores.
    const expected: Record<string, number> = {
      [t0.id]: 10 + (winner === t0 ? 10 : 0) - 20,
      [t1.id]: -10 - 5 + 10,
      [t2.id]: (winner === t2 ? 10 : 0) + 5,
      [t3.id]: 10,
    };
    await expect.poll(() => scoresOn(judge, 'judge-score')).toEqual(expected);
    await expect.poll(() => scoresOn(screen, 'screen-score')).toEqual(expected);
    await expect.poll(() => scoresOn(host, 'host-score')).toEqual(expected);
    for (const team of teams) expect(Number(await team.page.getByTestId('team-score').getAttribute('data-score'))).toBe(expected[team.id]);
    // The log holds every change, the reversed mark struck through.
    expect(await judge.locator('[data-testid="stage-log-row"][data-reason="adjust"]').innerText()).toContain('补充说明完整，酌情加分');
    expect(await judge.locator('[data-testid="stage-log-row"][data-reason="undo"]').innerText()).toContain('复核：答案书写不规范');

    // ---- export the log --------------------------------------------------------------------------
    const [csv] = await Promise.all([judge.waitForEvent('download'), judge.getByTestId('stage-export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain('补充说明完整，酌情加分');
    expect(csvText).toContain('复核：答案书写不规范');
    expect(csvText).toContain(t2.name);

    // ---- the end: the leader is alone, so the tiebreak is skipped -----------------------------
    await next(host);
    await expect.poll(() => screen.getByTestId('screen').getAttribute('data-status')).toBe('finished');
    const champion = Object.entries(expected).sort((a, b) => b[1] - a[1])[0]![0];
    await expect.poll(() => screen.getByTestId('screen-champion').innerText()).toContain(teams.find((t) => t.id === champion)!.name);
    await screen.waitForTimeout(1_000); // the bars settle
    await shot(screen, '15-screen-final-720p');
    await expect.poll(() => t3.page.getByTestId('team-finished').innerText()).toContain('比赛结束');

    // The same scoreboard at 1920×1080: every team row inside the picture.
    await screen.setViewportSize({ width: 1920, height: 1080 });
    await screen.waitForTimeout(500);
    const boxes = await screen.getByTestId('screen-score').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().bottom));
    expect(Math.max(...boxes)).toBeLessThanOrEqual(1080);
    await shot(screen, '16-screen-final-1080p');
    await expect.poll(() => scoresOn(screen, 'screen-score')).toEqual(expected);

    // The list shows it finished.
    await host.goto(`${server.url}/stage`);
    await host.locator('[data-testid="stage-item"], [data-testid="stage-list-error"]').first().waitFor();
    await shot(host, '17-stage-list');
    expect(await host.getByTestId('stage-item').innerText()).toContain('已结束');

    const clean = (errors: string[]) => errors.filter((e) => !/401/.test(e));
    expect(clean(hostErrors), hostErrors.join('\n')).toEqual([]);
    expect(clean(judgeErrors), judgeErrors.join('\n')).toEqual([]);
    expect(clean(screenErrors), screenErrors.join('\n')).toEqual([]);
    for (const team of teams) expect(clean(team.errors), team.errors.join('\n')).toEqual([]);
  }, 240_000);
});
