// Bringing an organisation's own 题库 files in and taking the bank out again, against the real
// app and database: preview vs commit, row-numbered errors, broken files, duplicates, one
// transaction per import, and a 5,000-row workbook.
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE, type ImportResultDto, type Page, type QuestionDto } from '@dangshi/protocol';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';
import { testDatabaseKind } from '../support/test-database';

const HEADER = ['ID', '题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '难度', '分类', '来源'];
type Cell = string | number | null;

async function workbook(rows: Cell[][], header = HEADER): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('题库');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A valid 单选题 row with a stem nobody else uses. */
function singleRow(id: string | null, stem: string): Cell[] {
  return [id, '单选题', stem, '选项一', '选项二', '选项三', '选项四', 'B', `${stem}的解析。`, '中', '导入测试', '《中国共产党简史》第一章'];
}

/** POSTs a file as multipart/form-data the way the import page does, with cookie and CSRF. */
async function upload(s: HttpSession, query: string, name: string, data: Buffer | Uint8Array): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([data]), name);
  const headers: Record<string, string> = {};
  if (s.cookie) headers.cookie = `${SESSION_COOKIE}=${s.cookie}`;
  if (s.csrf) headers[CSRF_HEADER] = s.csrf;
  const res = await fetch(`${s.baseUrl}/api/bank/import?${query}`, { method: 'POST', headers, body: form });
  return { status: res.status, body: await res.json() };
}

describe('question bank import and export', () => {
  let t: TestApp;
  let admin: HttpSession;
  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t?.close());

  const count = async (text: string, status = '') =>
    ((await admin.get(`/api/bank/questions?q=${encodeURIComponent(text)}&pageSize=1${status}`)).body as Page<QuestionDto>).total;

  it('previews a file with good and bad rows without writing, then imports the good rows', async () => {
    const file = await workbook([
      singleRow(null, '（导入A）中国共产党第一次全国代表大会在哪里开幕？'),
      ['', '判断题', '（导入A）中共七大在延安召开。', null, null, null, null, '对', '中共七大于1945年在延安召开。', '易', '', ''],
      ['', '多选题', '（导入A）下列属于“两弹一星”的有哪些？', '原子弹', '导弹', '人造地球卫星', '航空母舰', 'A', '', '', '', ''],
      ['', '论述题', '（导入A）谈谈你对伟大建党精神的理解。', null, null, null, null, '略', '', '', '', ''],
      ['', '填空题', '（导入A）中国共产党成立于____年。', null, null, null, null, 1921, '1921年中国共产党成立。', '难', '', '1921年7月 中共一大'],
    ]);
    const preview = await upload(admin, 'dryRun=true&category=' + encodeURIComponent('党史'), '单位题库.xlsx', file);
    expect(preview.status).toBe(200);
    const dry = preview.body as ImportResultDto;
    expect(dry).toMatchObject({ format: 'excel', dryRun: true, imported: 3, valid: 3, skipped: 2, duplicates: [] });
    // Row numbers as Excel shows them: the header is row 1.
    expect(dry.errors).toEqual([
      { row: 4, message: 'a 多选题 has at least two answer letters, not "A"' },
      { row: 5, message: 'unknown 题型 "论述题" (use 单选题, 多选题, 判断题 or 填空题)' },
    ]);
    expect(dry.questions.map((q) => [q.type, q.category, q.status])).toEqual([
      ['single', '导入测试', 'draft'],
      ['truefalse', '党史', 'draft'],
      ['fill', '党史', 'draft'],
    ]);
    expect(await count('（导入A）', '&status=draft')).toBe(0);

    const committed = await upload(admin, 'dryRun=false&category=' + encodeURIComponent('党史'), '单位题库.xlsx', file);
    expect(committed.body).toMatchObject({ dryRun: false, imported: 3, skipped: 2 });
    const rows = (await admin.get(`/api/bank/questions?q=${encodeURIComponent('（导入A）')}&status=draft`)).body as Page<QuestionDto>;
    expect(rows.items.map((q) => [q.version, q.origin, q.status])).toEqual([
      [1, 'org', 'draft'],
      [1, 'org', 'draft'],
      [1, 'org', 'draft'],
    ]);
    const versions = (await admin.get(`/api/bank/questions/${rows.items[0].id}/versions`)).body;
    expect(versions).toEqual([expect.objectContaining({ version: 1, note: 'imported: 单位题库.xlsx' })]);

    // The same file again: everything is already there, nothing is written twice.
    const again = (await upload(admin, 'dryRun=false', '单位题库.xlsx', file)).body as ImportResultDto;
    expect(again).toMatchObject({ imported: 0, valid: 3 });
    expect(again.duplicates.map((d) => d.by)).toEqual(['id', 'id', 'id']);
    expect(await count('（导入A）', '&status=draft')).toBe(3);
  });

  it('skips a question whose stem the bank already has under another id', async () => {
    const [shipped] = ((await admin.get('/api/bank/questions?type=single&pageSize=1')).body as Page<QuestionDto>).items;
    const file = await workbook([singleRow('my-copy-1', shipped.stem), singleRow('my-new-1', '（导入B）一道全新的题目是哪一年？')]);
    const result = (await upload(admin, 'dryRun=false', 'copy.xlsx', file)).body as ImportResultDto;
    expect(result.duplicates).toEqual([{ id: 'my-copy-1', stem: shipped.stem, by: 'stem', existingId: shipped.id }]);
    expect(result.imported).toBe(1);
    expect((await admin.get('/api/bank/questions/my-copy-1')).body.code).toBe('QUESTION_NOT_FOUND');
    expect((await admin.get('/api/bank/questions/my-new-1')).status).toBe(200);
  });

  it('reads the other formats, guessed from the file name', async () => {
    const gift = '::giftq1:: （导入C）遵义会议召开于1935年。 {T}\n\n::giftq2:: （导入C）中共一大在哪座城市开幕？ {=上海 ~北京 ~广州 ~武汉}\n';
    const csv = '题型,题干,选项A,选项B,答案,解析\n单选题,（导入C）古田会议在哪一年召开？,1928年,1929年,B,古田会议于1929年12月召开。\n';
    const fromGift = (await upload(admin, 'dryRun=true', 'moodle.gift', Buffer.from(gift))).body as ImportResultDto;
    expect(fromGift).toMatchObject({ format: 'gift', valid: 2, errors: [] });
    const fromCsv = (await upload(admin, 'dryRun=true', '题库.csv', Buffer.from(`\uFEFF${csv}`))).body as ImportResultDto;
    expect(fromCsv).toMatchObject({ format: 'csv', valid: 1, errors: [] });
    // The format asked for wins over the name.
    const forced = await upload(admin, 'dryRun=true&format=gift', 'questions.dat', Buffer.from(gift));
    expect(forced.body).toMatchObject({ format: 'gift', valid: 2 });
  });

  it('refuses empty, unknown and corrupt files with IMPORT_FAILED and a reason', async () => {
    const empty = await upload(admin, 'dryRun=true', 'empty.xlsx', Buffer.alloc(0));
    expect(empty).toMatchObject({ status: 422, body: { code: 'IMPORT_FAILED', message: '导入失败', issues: [{ path: 'file', message: 'the file is empty' }] } });

    const unknown = await upload(admin, 'dryRun=true', 'notes.docx', Buffer.from('PK whatever'));
    expect(unknown.body).toMatchObject({ code: 'IMPORT_FAILED', issues: [{ path: 'format' }] });
    expect(unknown.body.issues[0].message).toContain('.docx');

    const corrupt = await upload(admin, 'dryRun=true', 'broken.xlsx', Buffer.from('this is not a zip file at all'));
    expect(corrupt.body).toMatchObject({ code: 'IMPORT_FAILED', issues: [{ path: 'file', message: 'not an .xlsx workbook (save it from Excel/WPS as .xlsx)' }] });

    const xml = await upload(admin, 'dryRun=true', 'quiz.xml', Buffer.from('<quiz><question type="truefalse">'));
    expect(xml.body.code).toBe('IMPORT_FAILED');
    expect(xml.body.issues[0].path).toMatch(/^line\.\d+$/);

    const noHeader = await upload(admin, 'dryRun=true', 'plain.xlsx', await workbook([['just', 'some', 'cells']], ['名称', '数量']));
    expect(noHeader.body).toMatchObject({ code: 'IMPORT_FAILED', issues: [{ path: 'row.1' }] });

    const tooLarge = await upload(admin, 'dryRun=true', 'huge.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    expect(tooLarge.body).toMatchObject({ code: 'IMPORT_FAILED', issues: [{ path: 'file', message: 'the file is larger than 10 MB' }] });

    const badQuery = await upload(admin, 'dryRun=maybe&format=docx', 'a.xlsx', Buffer.from('x'));
    expect(badQuery.body.code).toBe('VALIDATION_FAILED');

    const noFile = await admin.post('/api/bank/import?dryRun=true', {});
    expect(noFile.body).toMatchObject({ code: 'IMPORT_FAILED', issues: [{ path: 'file' }] });
  });

  it('writes all valid rows or none: a database failure mid-import leaves nothing behind', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => singleRow(`atomic-${String(i).padStart(3, '0')}`, `（原子导入）第${i}题在哪一年？`));
    const file = await workbook(rows);
    // A trigger makes the database refuse row 280, after the first 250-row chunk went in.
    const db = t.app.get(DataSource);
    const postgres = testDatabaseKind() === 'postgres';
    if (postgres) {
      await db.query(`CREATE FUNCTION test_refuse_row() RETURNS trigger AS $$ BEGIN
        IF NEW.id = 'atomic-280' THEN RAISE EXCEPTION 'simulated disk failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await db.query('CREATE TRIGGER test_refuse_row BEFORE INSERT ON questions FOR EACH ROW EXECUTE FUNCTION test_refuse_row()');
    } else {
      await db.query(`CREATE TRIGGER test_refuse_row BEFORE INSERT ON questions WHEN NEW.id = 'atomic-280'
        BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END`);
    }
    try {
      const failed = await upload(admin, 'dryRun=false', 'atomic.xlsx', file);
      expect(failed).toMatchObject({ status: 422, body: { code: 'IMPORT_FAILED', issues: [{ path: 'database' }] } });
      expect(await count('（原子导入）', '&status=draft')).toBe(0);
      const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM question_versions WHERE question_id LIKE 'atomic-%'`);
      expect(Number(n)).toBe(0);
    } finally {
      await db.query(postgres ? 'DROP TRIGGER test_refuse_row ON questions' : 'DROP TRIGGER test_refuse_row');
      if (postgres) await db.query('DROP FUNCTION test_refuse_row()');
    }
    const retried = await upload(admin, 'dryRun=false', 'atomic.xlsx', file);
    expect(retried.body).toMatchObject({ imported: 300 });
    expect(await count('（原子导入）', '&status=draft')).toBe(300);
  });

  it('imports a 5,000-row Excel 题库 in one go', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const n = String(i).padStart(4, '0');
      if (i % 4 === 1) return [null, '判断题', `（大批量${n}）中共七大在延安召开。`, null, null, null, null, '正确', '中共七大于1945年在延安召开。', '易', '党史', '1945年4月 中共七大'];
      if (i % 4 === 2) return [null, '多选题', `（大批量${n}）下列属于“两弹一星”的有？`, '原子弹', '导弹', '人造地球卫星', '航空母舰', 'ABC', '两弹一星指原子弹、导弹和人造地球卫星。', '中', '新中国史', ''];
      if (i % 4 === 3) return [null, '填空题', `（大批量${n}）中国共产党成立于____年。`, null, null, null, null, '1921', '1921年7月中国共产党成立。', '难', '党史', ''];
      return singleRow(null, `（大批量${n}）遵义会议召开于哪一年？`);
    });
    const file = await workbook(rows);
    const started = performance.now();
    const result = await upload(admin, 'dryRun=false', '大题库-5000.xlsx', file);
    const ms = Math.round(performance.now() - started);
    console.log(`5,000-row Excel import (${testDatabaseKind()}, ${(file.byteLength / 1024).toFixed(0)} KB): ${ms} ms`);
    expect(result.body).toMatchObject({ imported: 5000, valid: 5000, skipped: 0, errors: [] });
    expect(result.body.questions).toHaveLength(200);
    expect(await count('（大批量', '&status=draft')).toBe(5000);
    expect(ms).toBeLessThan(60_000);
  });

  it('exports the bank in each format and a template that imports back cleanly', async () => {
    const csv = await fetch(`${t.url}/api/bank/export?format=csv&category=${encodeURIComponent('党章党规')}`, {
      headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(encodeURIComponent('题库-党章党规'));
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('ID,题型,题干');

    const xlsx = await fetch(`${t.url}/api/bank/export?format=excel`, { headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
    const exported = Buffer.from(await xlsx.arrayBuffer());
    // What we export imports back as all duplicates: the round trip loses and adds nothing.
    const back = (await upload(admin, 'dryRun=true', 'export.xlsx', exported)).body as ImportResultDto;
    const active = ((await admin.get('/api/bank/questions?pageSize=1')).body as Page<QuestionDto>).total;
    expect(back).toMatchObject({ valid: active, imported: 0, errors: [] });

    for (const format of ['gift', 'moodle-xml']) {
      const res = await fetch(`${t.url}/api/bank/export?format=${format}&category=${encodeURIComponent('党史')}`, { headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
      expect(res.status).toBe(200);
      expect((await res.text()).length).toBeGreaterThan(1000);
    }

    const template = await fetch(`${t.url}/api/bank/export?format=excel&category=__template__`, { headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await template.arrayBuffer()) as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['题库', '填写说明']);
    expect(book.worksheets[0].rowCount).toBe(5);
    const filled = (await upload(admin, 'dryRun=true', 'template.xlsx', Buffer.from(await book.xlsx.writeBuffer()))).body as ImportResultDto;
    expect(filled).toMatchObject({ valid: 4, imported: 0, errors: [] });
    expect(filled.duplicates.map((d) => d.by)).toEqual(['stem', 'stem', 'stem', 'stem']);

    expect((await fetch(`${t.url}/api/bank/export?format=excel`)).status).toBe(401);
  });

  it('lets only hosts and admins import', async () => {
    await admin.post('/api/users', { username: 'member-imp', displayName: '党员', role: 'member', password: 'first-password' });
    const member = new HttpSession(t.url);
    await member.login('member-imp', 'first-password');
    await member.post('/api/auth/password', { currentPassword: 'first-password', newPassword: 'second-password' });
    const res = await upload(member, 'dryRun=true', 'a.xlsx', await workbook([singleRow(null, '（导入D）题目')]));
    expect(res).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });
});
