// An organisation's first afternoon with the question bank: log in, write a question with the
// live preview, find it in the table, bring in its own Excel 题库 (one bad row), review a 纠错.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE, screenshot, watchErrors } from './support/browser';
import { startServer, type RunningServer } from './support/server';

const LAPTOP = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' };
const STEM = '（浏览器测试）中国共产党第一次全国代表大会在哪一年召开？';

/** A 题库 workbook as organisations keep them: a title row, the header, then questions. */
async function excelBank(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('题库');
  sheet.addRow(['2025年党史知识竞赛题库']);
  sheet.addRow(['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '难度', '分类', '来源']);
  sheet.addRow(['单选题', '（浏览器导入）古田会议在哪一年召开？', '1927年', '1929年', '1931年', '1935年', 'B', '古田会议于1929年12月召开。', '中', '党史', '1929年12月 古田会议']);
  // Row 4: a 多选题 with one answer letter — the preview must name this row.
  sheet.addRow(['多选题', '（浏览器导入）下列属于“两弹一星”的有哪些？', '原子弹', '导弹', '人造地球卫星', '航空母舰', 'A', '两弹一星指原子弹、导弹和人造地球卫星。', '中', '新中国史', '']);
  sheet.addRow(['判断题', '（浏览器导入）中共七大在延安召开。', '', '', '', '', '正确', '中共七大于1945年在延安召开。', '易', '党史', '1945年4月 中共七大']);
  sheet.addRow(['填空题', '（浏览器导入）中国共产党成立于____年。', '', '', '', '', '1921', '1921年7月中国共产党成立。', '易', '党史', '']);
  writeFileSync(path, Buffer.from(await book.xlsx.writeBuffer()));
}

async function login(page: Page, url: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-name').waitFor();
}

describe('question bank management', () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dsc-bank-browser-'));
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a question with a live preview, finds it, imports an Excel 题库 and reviews a 纠错', async () => {
    const context = await browser.newContext(LAPTOP);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, server.url, server.adminPassword);

    // --- a new question through the form ---
    await page.goto(`${server.url}/admin/bank/new`);
    await page.getByTestId('question-form').waitFor();
    await page.getByTestId('save-question').click();
    await page.getByTestId('form-problems').waitFor();
    expect(await page.getByTestId('problem-stem').innerText()).toContain('此项必填');
    expect(await page.getByTestId('problem-answer').innerText()).toContain('请选择一个正确答案');
    await screenshot(page, 'bank-01-new-problems');

    await page.getByTestId('field-stem').fill(STEM);
    for (const [letter, text] of [['A', '1919年'], ['B', '1921年'], ['C', '1927年'], ['D', '1949年']]) {
      await page.getByTestId(`option-${letter}`).fill(text);
    }
    await page.getByTestId('answer-B').check();
    await page.getByTestId('field-explanation').fill('1921年7月，中国共产党第一次全国代表大会在上海召开，宣告中国共产党正式成立。');
    await page.getByTestId('field-source-ref').fill('《中国共产党简史》第一章');
    await page.getByTestId('field-tags').fill('建党、浏览器测试');
    // The preview follows the form, on the phone card and on the projector slide.
    await expect.poll(() => page.getByTestId('preview-phone-stem').innerText()).toBe(STEM);
    expect(await page.getByTestId('preview-projector-stem').innerText()).toBe(STEM);
    expect(await page.getByTestId('preview-phone').innerText()).toContain('1921年');
    expect(await page.getByTestId('preview-projector').innerText()).toContain('1949年');
    expect(await page.getByTestId('form-problems').count()).toBe(0);
    await page.getByTestId('preview-reveal').check();
    expect(await page.getByTestId('preview-phone').innerText()).toContain('宣告中国共产党正式成立');
    // From the top, so the sticky preview sits beside the form as someone sees it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'bank-02-new-preview');

    await page.getByTestId('save-question').click();
    await page.waitForURL(/\/admin\/bank\/org-[a-z0-9-]+\?saved=created$/);
    expect(await page.getByTestId('edit-notice').innerText()).toContain('题目已创建');
    await page.getByTestId('version-1').waitFor();
    const questionUrl = page.url().replace(/\?.*$/, '');

    // An edit becomes version 2 and shows in the history.
    await page.getByTestId('difficulty-1').click();
    await page.getByTestId('save-question').click();
    await expect.poll(() => page.getByTestId('edit-notice').innerText()).toContain('已保存为第 2 版');
    await page.getByTestId('version-2').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'bank-03-edit-versions');

    // --- the table finds it ---
    await page.goto(`${server.url}/admin/bank`);
    await page.getByTestId('bank-table').waitFor();
    await page.getByTestId('filter-q').fill('浏览器测试');
    await expect.poll(() => page.getByTestId('bank-row').count()).toBe(1);
    expect(await page.getByTestId('bank-row').innerText()).toContain(STEM);
    expect(page.url()).toContain('q=');
    await screenshot(page, 'bank-04-table-search');
    await page.getByTestId('filter-q').fill('');
    await page.getByTestId('filter-type').selectOption('truefalse');
    await expect.poll(() => page.getByTestId('list-total').innerText()).toMatch(/共 \d+ 道题/);
    await page.getByTestId('page-next').click();
    await expect.poll(() => page.getByTestId('page-info').innerText()).toContain('第 2 /');

    // --- import an Excel 题库 with one bad row ---
    const file = join(dir, '单位题库.xlsx');
    await excelBank(file);
    await page.goto(`${server.url}/admin/bank/import`);
    // A damaged file is explained, not half-read.
    await page.getByTestId('import-file').setInputFiles({ name: '损坏的题库.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a workbook') });
    await page.getByTestId('import-failure').waitFor();
    expect(await page.getByTestId('import-failure').innerText()).toContain('不是有效的 .xlsx 工作簿');
    await screenshot(page, 'bank-05a-import-corrupt');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('count-new').innerText()).toBe('3');
    expect(await page.getByTestId('import-error').count()).toBe(1);
    const bad = await page.getByTestId('import-error').innerText();
    expect(bad).toContain('第 4 行');
    expect(bad).toContain('多选题至少需要两个答案字母');
    expect(await page.getByTestId('import-question').count()).toBe(3);
    await screenshot(page, 'bank-05-import-preview');

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-done').innerText()).toContain('已导入 3 道题');
    await screenshot(page, 'bank-06-import-done');

    await page.getByTestId('import-view').click();
    await page.getByTestId('bank-table').waitFor();
    await page.getByTestId('filter-q').fill('浏览器导入');
    await expect.poll(() => page.getByTestId('bank-row').count()).toBe(3);
    expect(await page.getByTestId('bank-table').innerText()).toContain('古田会议在哪一年召开');
    await screenshot(page, 'bank-07-imported-in-table');

    // --- a member's 纠错, reviewed from the queue ---
    const questionId = decodeURIComponent(questionUrl.split('/').pop()!);
    const report = await page.evaluate(async (id) => {
      const res = await fetch('/api/bank/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ questionId: id, questionVersion: 1, reason: '解析里应写明会议最后一天转到嘉兴南湖举行', context: '房间码 246810' }),
      });
      return res.status;
    }, questionId);
    expect(report).toBe(201);
    await page.goto(`${server.url}/admin/bank/reports`);
    await page.getByTestId('report-card').waitFor();
    expect(await page.getByTestId('report-stem').innerText()).toBe(STEM);
    expect(await page.getByTestId('report-reason').innerText()).toContain('嘉兴南湖');
    await screenshot(page, 'bank-08-reports');
    await page.getByTestId('report-dismiss').click();
    await page.getByTestId('reports-notice').waitFor();
    await page.getByTestId('reports-empty').waitFor();

    // The same pages in English.
    await page.goto(`${server.url}/admin/bank`);
    await page.getByTestId('bank-table').waitFor();
    await page.getByTestId('locale-switch').click();
    await expect.poll(() => page.getByTestId('tab-list').innerText()).toBe('Questions');
    expect(await page.getByTestId('list-total').innerText()).toMatch(/^\d+ questions/);
    await screenshot(page, 'bank-10-table-en');

    // The import failure above answers 422, which the browser logs as a failed resource load.
    expect(errors.filter((e) => !e.includes('401') && !e.includes('422'))).toEqual([]);
    await context.close();

    // --- the editor on a phone: form first, preview below ---
    const phone = await browser.newContext(PHONE);
    const phonePage = await phone.newPage();
    await login(phonePage, server.url, server.adminPassword);
    await phonePage.goto(questionUrl);
    await phonePage.getByTestId('question-form').waitFor();
    await screenshot(phonePage, 'bank-09-editor-phone');
    await phone.close();
  });
});
