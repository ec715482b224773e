// The organisation admin against the real app and database: branches, members with their
// accounts (initial passwords shown once, first-login change), moves with history, deactivation,
// password resets, and roster imports (preview vs commit, row-numbered errors, duplicates,
// unknown or created branches, one transaction, broken files).
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  type BranchDto,
  type MemberCreatedDto,
  type MemberCredentialDto,
  type MemberDto,
  type MembershipDto,
  type RosterImportResultDto,
} from '@dangshi/protocol';
import { User } from '../../src/auth/user.entity';
import { MemberRecord } from '../../src/org/org.entities';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';
import { testDatabaseKind } from '../support/test-database';

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** POSTs a roster as multipart/form-data the way the import page does, with cookie and CSRF. */
async function upload(s: HttpSession, query: string, name: string, data: Buffer | Uint8Array): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([data]), name);
  const headers: Record<string, string> = {};
  if (s.cookie) headers.cookie = `${SESSION_COOKIE}=${s.cookie}`;
  if (s.csrf) headers[CSRF_HEADER] = s.csrf;
  const res = await fetch(`${s.baseUrl}/api/org/roster/import?${query}`, { method: 'POST', headers, body: form });
  return { status: res.status, body: await res.json() };
}

describe('organisation admin', () => {
  let t: TestApp;
  let admin: HttpSession;
  const branchId: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => t?.close());

  const branches = async () => (await admin.get('/api/org/branches')).body as BranchDto[];

  it('keeps the organisation settings and validates them', async () => {
    expect((await admin.get('/api/org')).body).toEqual({ name: '本单位党组织', headlineMetric: 'avgPerMember', utcOffsetMinutes: 480, practiceDailyCap: 200 });
    const saved = await admin.request('PUT', '/api/org', { name: '区退役军人事务局', headlineMetric: 'participation', utcOffsetMinutes: 480 });
    expect(saved).toMatchObject({ status: 200, body: { name: '区退役军人事务局', headlineMetric: 'participation' } });
    const bad = await admin.request('PUT', '/api/org', { name: '', headlineMetric: 'loudest', utcOffsetMinutes: 480 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['headlineMetric', 'name']);
    await admin.request('PUT', '/api/org', { name: '区退役军人事务局', headlineMetric: 'avgPerMember', utcOffsetMinutes: 480 });
  });

  it('keeps the daily cap on practice points: 0 to 10,000 whole points, unchanged when left out', async () => {
    const put = (practiceDailyCap?: unknown) => admin.request('PUT', '/api/org', { name: '区退役军人事务局', headlineMetric: 'avgPerMember', utcOffsetMinutes: 480, practiceDailyCap });
    expect((await put(50)).body).toMatchObject({ practiceDailyCap: 50 });
    expect((await admin.get('/api/org')).body.practiceDailyCap).toBe(50);
    // An older caller that does not know the setting leaves it as it is.
    expect((await put(undefined)).body).toMatchObject({ practiceDailyCap: 50 });
    // 0 is allowed: practice then earns no ranking points.
    expect((await put(0)).body).toMatchObject({ practiceDailyCap: 0 });
    for (const bad of [-1, 10_001, 12.5, '100', null]) {
      const res = await put(bad);
      expect(res.status, `cap ${String(bad)}`).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'practiceDailyCap' })] });
    }
    expect((await put(10_000)).body).toMatchObject({ practiceDailyCap: 10_000 });
    expect((await admin.get('/api/org')).body.practiceDailyCap).toBe(10_000);
    await put(200);
  });

  it('creates, renames, reorders and deactivates branches; refuses duplicates; deletes only unused ones', async () => {
    for (const name of ['局机关支部', '军休支部', '服务中心支部']) {
      const res = await admin.post('/api/org/branches', { name, secretary: `${name.slice(0, 2)}书记` });
      expect(res.status).toBe(201);
      branchId[name] = res.body.id;
    }
    expect((await branches()).map((b) => [b.name, b.displayOrder, b.memberCount, b.active])).toEqual([
      ['局机关支部', 0, 0, true],
      ['军休支部', 1, 0, true],
      ['服务中心支部', 2, 0, true],
    ]);
    const dup = await admin.post('/api/org/branches', { name: ' 军休支部 ' });
    expect(dup).toMatchObject({ status: 409, body: { code: 'BRANCH_NAME_TAKEN' } });
    expect((await admin.post('/api/org/branches', { name: '' })).body.code).toBe('VALIDATION_FAILED');

    const renamed = await admin.request('PUT', `/api/org/branches/${branchId['服务中心支部']}`, { name: '服务中心支部', secretary: '王书记', displayOrder: 0 });
    expect(renamed.body).toMatchObject({ secretary: '王书记', displayOrder: 0 });
    expect((await admin.request('PUT', '/api/org/branches/nope', { name: 'x' })).body.code).toBe('BRANCH_NOT_FOUND');

    const spare = await admin.post('/api/org/branches', { name: '临时支部' });
    expect((await admin.request('DELETE', `/api/org/branches/${spare.body.id}`)).status).toBe(204);
    expect((await branches()).map((b) => b.name)).not.toContain('临时支部');
  });

  let zhang: MemberCreatedDto;

  it('adds a member with a login and an initial password shown once, which must be changed', async () => {
    const res = await admin.post('/api/org/members', { name: '张建国', identifier: '13800000001', branchId: branchId['局机关支部'] });
    expect(res.status).toBe(201);
    zhang = res.body;
    expect(zhang.member).toMatchObject({ name: '张建国', username: '13800000001', branchName: '局机关支部', role: 'member', active: true, mustChangePassword: true });
    expect(zhang.credential).toMatchObject({ username: '13800000001', name: '张建国', branchName: '局机关支部' });
    expect(zhang.credential.password).toMatch(/^[A-Za-z2-9]{10}$/);
    // Stored only as a hash.
    const user = await t.app.get(DataSource).getRepository(User).findOneByOrFail({ username: '13800000001' });
    expect(user.passwordHash).not.toContain(zhang.credential.password);

    const member = new HttpSession(t.url);
    expect((await member.login('13800000001', zhang.credential.password)).body.user.mustChangePassword).toBe(true);
    expect((await member.get('/api/rankings/branches')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await member.post('/api/auth/password', { currentPassword: zhang.credential.password, newPassword: 'zhang-own-pass' })).status).toBe(204);
    expect((await member.get('/api/rankings/branches')).status).toBe(200);
    // A member is not an admin.
    expect((await member.get('/api/org/members')).body.code).toBe('FORBIDDEN');
    expect((await member.post('/api/org/branches', { name: '我的支部' })).body.code).toBe('FORBIDDEN');

    const again = await admin.post('/api/org/members', { name: '张建国', identifier: '13800000001', branchId: branchId['军休支部'] });
    expect(again).toMatchObject({ status: 409, body: { code: 'MEMBER_EXISTS' } });
    expect((await admin.post('/api/org/members', { name: '管理员', identifier: 'admin', branchId: branchId['军休支部'] })).body.code).toBe('MEMBER_EXISTS');
    expect((await admin.post('/api/org/members', { name: '李', identifier: '13800000002', branchId: 'nope' })).body.code).toBe('BRANCH_NOT_FOUND');
    const invalid = await admin.post('/api/org/members', { name: ' ', identifier: '138 0000', branchId: branchId['军休支部'] });
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['identifier', 'name']);
  });

  it('moves a member between branches and keeps every period; deactivation disables the login; a reset shows a new password once', async () => {
    const id = zhang.member.id;
    const moved = await admin.post(`/api/org/members/${id}/move`, { branchId: branchId['军休支部'] });
    expect(moved.body).toMatchObject({ branchName: '军休支部' });
    const history = (await admin.get(`/api/org/members/${id}/history`)).body as MembershipDto[];
    expect(history.map((p) => [p.branchName, p.to === null])).toEqual([
      ['局机关支部', false],
      ['军休支部', true],
    ]);
    expect(history[0].to).toBe(history[1].from);
    expect((await admin.post(`/api/org/members/${id}/move`, { branchId: 'nope' })).body.code).toBe('BRANCH_NOT_FOUND');
    expect((await admin.post('/api/org/members/nope/move', { branchId: branchId['军休支部'] })).body.code).toBe('MEMBER_NOT_FOUND');

    const member = new HttpSession(t.url);
    expect((await member.login('13800000001', 'zhang-own-pass')).status).toBe(200);
    const off = await admin.post(`/api/org/members/${id}/deactivate`);
    expect(off.body).toMatchObject({ active: false });
    // Signed out at once, and cannot sign in again.
    expect((await member.get('/api/auth/me')).status).toBe(401);
    expect((await new HttpSession(t.url).login('13800000001', 'zhang-own-pass')).body.code).toBe('ACCOUNT_DISABLED');
    expect((await admin.get('/api/org/members')).body.map((m: MemberDto) => m.name)).not.toContain('张建国');
    expect((await admin.get('/api/org/members?status=inactive')).body.map((m: MemberDto) => m.name)).toEqual(['张建国']);
    expect((await admin.post(`/api/org/members/${id}/move`, { branchId: branchId['局机关支部'] })).body.code).toBe('MEMBER_INACTIVE');
    expect((await admin.post(`/api/org/members/${id}/reset-password`)).body.code).toBe('MEMBER_INACTIVE');
    // A branch that had a member is never deleted.
    expect((await admin.request('DELETE', `/api/org/branches/${branchId['局机关支部']}`)).body.code).toBe('BRANCH_IN_USE');

    expect((await admin.post(`/api/org/members/${id}/reactivate`)).body).toMatchObject({ active: true, branchName: '军休支部' });
    const reset = (await admin.post(`/api/org/members/${id}/reset-password`)).body as MemberCredentialDto;
    expect(reset.password).toMatch(/^[A-Za-z2-9]{10}$/);
    expect((await new HttpSession(t.url).login('13800000001', 'zhang-own-pass')).body.code).toBe('INVALID_CREDENTIALS');
    expect((await new HttpSession(t.url).login('13800000001', reset.password)).body.user.mustChangePassword).toBe(true);
    expect(((await admin.get(`/api/org/members/${id}/history`)).body as MembershipDto[]).map((p) => [p.branchName, p.to === null])).toEqual([
      ['局机关支部', false],
      ['军休支部', false],
      ['军休支部', true],
    ]);
  });

  it('previews a roster with row-numbered problems and duplicates, writes nothing, then commits the good rows in one go', async () => {
    const file = await xlsx([
      ['区退役军人事务局党员花名册'],
      ['姓名', '手机号', '工号', '支部', '角色'],
      ['李红梅', 13800000002, '', '局机关支部', ''],
      ['王卫东', '13800000003', '', '军休支部', '主持人'],
      ['赵志刚', '', 'JX007', '军休支部', ''],
      ['钱学森', '1380000', '', '军休支部', ''],
      ['孙立', '13800000002', '', '军休支部', ''],
      ['张建国', '13800000001', '', '军休支部', ''],
      ['周强', '13800000005', '', '机关二支部', ''],
      ['', '13800000006', '', '军休支部', '书记'],
    ]);
    const before = await t.app.get(DataSource).getRepository(MemberRecord).count();
    const preview = await upload(admin, 'dryRun=true', '花名册.xlsx', file);
    expect(preview.status).toBe(200);
    const dry = preview.body as RosterImportResultDto;
    expect(dry).toMatchObject({ dryRun: true, total: 8, created: 3, duplicates: 1, skipped: 4, missingBranches: ['机关二支部'], credentials: [] });
    expect(dry.rows.map((r) => [r.row, r.name, r.identifier, r.role, r.status])).toEqual([
      [3, '李红梅', '13800000002', 'member', 'new'],
      [4, '王卫东', '13800000003', 'host', 'new'],
      [5, '赵志刚', 'JX007', 'member', 'new'],
      [6, '钱学森', '1380000', 'member', 'error'],
      [7, '孙立', '13800000002', 'member', 'error'],
      [8, '张建国', '13800000001', 'member', 'duplicate'],
      [9, '周强', '13800000005', 'member', 'error'],
      [10, '', '13800000006', 'member', 'error'],
    ]);
    expect(dry.issues.map((i) => [i.row, i.kind, i.otherRow ?? null])).toEqual([
      [6, 'phoneInvalid', null],
      [7, 'duplicateInFile', 3],
      [8, 'alreadyMember', null],
      [9, 'branchUnknown', null],
      [10, 'nameMissing', null],
      [10, 'roleUnknown', null],
    ]);
    expect(await t.app.get(DataSource).getRepository(MemberRecord).count()).toBe(before);

    const committed = (await upload(admin, 'dryRun=false', '花名册.xlsx', file)).body as RosterImportResultDto;
    expect(committed).toMatchObject({ dryRun: false, created: 3, duplicates: 1, skipped: 4, createdBranches: [] });
    expect(committed.credentials.map((c) => [c.name, c.username, c.branchName])).toEqual([
      ['李红梅', '13800000002', '局机关支部'],
      ['王卫东', '13800000003', '军休支部'],
      ['赵志刚', 'JX007', '军休支部'],
    ]);
    expect(await t.app.get(DataSource).getRepository(MemberRecord).count()).toBe(before + 3);
    // Members log in with the phone (or staff) number and the password from the sheet.
    const wang = committed.credentials[1];
    const s = new HttpSession(t.url);
    expect((await s.login(wang.username, wang.password)).body.user).toMatchObject({ role: 'host', displayName: '王卫东', mustChangePassword: true });

    // The same file again: everyone is a duplicate now, nothing is created.
    const again = (await upload(admin, 'dryRun=false', '花名册.xlsx', file)).body as RosterImportResultDto;
    expect(again).toMatchObject({ created: 0, duplicates: 4, credentials: [] });
  });

  it('creates the branches a roster names when asked, in the same transaction', async () => {
    const csv = Buffer.from('\uFEFF姓名,工号,支部\r\n周强,JX101,机关二支部\r\n吴敏,JX102,机关二支部\r\n郑和,JX103,离退休支部\r\n', 'utf8');
    const unknown = (await upload(admin, 'dryRun=false', 'roster.csv', csv)).body as RosterImportResultDto;
    expect(unknown).toMatchObject({ created: 0, skipped: 3, missingBranches: ['机关二支部', '离退休支部'] });
    expect(unknown.issues.map((i) => i.kind)).toEqual(['branchUnknown', 'branchUnknown', 'branchUnknown']);

    const dry = (await upload(admin, 'dryRun=true&createBranches=true', 'roster.csv', csv)).body as RosterImportResultDto;
    expect(dry).toMatchObject({ created: 3, skipped: 0, createdBranches: [] });
    expect(dry.rows.every((r) => r.newBranch)).toBe(true);
    expect((await branches()).map((b) => b.name)).not.toContain('机关二支部');

    const done = (await upload(admin, 'dryRun=false&createBranches=true', 'roster.csv', csv)).body as RosterImportResultDto;
    expect(done).toMatchObject({ created: 3, createdBranches: ['机关二支部', '离退休支部'] });
    const list = await branches();
    expect(list.find((b) => b.name === '机关二支部')).toMatchObject({ memberCount: 2 });
    expect(list.find((b) => b.name === '离退休支部')).toMatchObject({ memberCount: 1 });
  });

  it('writes nothing at all when the database fails in the middle of a commit', async () => {
    const csv = Buffer.from('姓名,工号,支部\n甲一,JX301,原子支部\n甲二,JX302,原子支部\n甲三,JX303,原子支部\n', 'utf8');
    const db = t.app.get(DataSource);
    const postgres = testDatabaseKind() === 'postgres';
    if (postgres) {
      await db.query(`CREATE FUNCTION test_refuse_member() RETURNS trigger AS $$ BEGIN
        IF NEW.identifier = 'JX302' THEN RAISE EXCEPTION 'simulated disk failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await db.query('CREATE TRIGGER test_refuse_member BEFORE INSERT ON members FOR EACH ROW EXECUTE FUNCTION test_refuse_member()');
    } else {
      await db.query(`CREATE TRIGGER test_refuse_member BEFORE INSERT ON members WHEN NEW.identifier = 'JX302'
        BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END`);
    }
    try {
      const failed = await upload(admin, 'dryRun=false&createBranches=true', 'atomic.csv', csv);
      expect(failed).toMatchObject({ status: 422, body: { code: 'IMPORT_FAILED', issues: [{ path: 'file.database' }] } });
    } finally {
      await db.query(postgres ? 'DROP TRIGGER test_refuse_member ON members' : 'DROP TRIGGER test_refuse_member');
      if (postgres) await db.query('DROP FUNCTION test_refuse_member()');
    }
    // Neither the branch nor any account of the file exists.
    expect((await branches()).map((b) => b.name)).not.toContain('原子支部');
    expect(await db.getRepository(User).countBy({ username: In(['JX301', 'JX302', 'JX303']) })).toBe(0);
    const retried = (await upload(admin, 'dryRun=false&createBranches=true', 'atomic.csv', csv)).body as RosterImportResultDto;
    expect(retried).toMatchObject({ created: 3, createdBranches: ['原子支部'] });
  });

  it('imports a roster of 300 in one go, quickly enough to wait for', async () => {
    const rows: (string | number)[][] = [['姓名', '手机号', '支部']];
    for (let i = 0; i < 300; i++) rows.push([`党员${i + 1}`, 13700000000 + i, ['局机关支部', '军休支部', '服务中心支部'][i % 3]]);
    const file = await xlsx(rows);
    const started = Date.now();
    const result = (await upload(admin, 'dryRun=false', '大名册.xlsx', file)).body as RosterImportResultDto;
    const ms = Date.now() - started;
    console.log(`300-member roster import (${testDatabaseKind()}): ${ms} ms`);
    expect(result).toMatchObject({ created: 300, skipped: 0 });
    expect(new Set(result.credentials.map((c) => c.password)).size).toBe(300);
    // The light initial-password hash still logs in like any other.
    const last = result.credentials[299];
    expect((await new HttpSession(t.url).login(last.username, last.password)).status).toBe(200);
    expect(ms).toBeLessThan(25_000);
  });

  it('reads a GBK CSV as Excel on Chinese Windows saves it', async () => {
    // "姓名,工号,支部\r\n冯军,JX201,军休支部\r\n" in GBK.
    const gbk = Buffer.from('d0d5c3fb2cb9a4bac52cd6a7b2bf0d0ab7ebbefc2c4a583230312cbefcd0ddd6a7b2bf0d0a', 'hex');
    const res = (await upload(admin, 'dryRun=true', 'roster.csv', gbk)).body as RosterImportResultDto;
    expect(res.rows.map((r) => [r.name, r.identifier, r.branch, r.status])).toEqual([['冯军', 'JX201', '军休支部', 'new']]);
  });

  it('refuses files that are not rosters with a file-level problem', async () => {
    const cases: [string, Buffer, string][] = [
      ['empty.csv', Buffer.alloc(0), 'file.empty'],
      ['roster.pdf', Buffer.from('%PDF-1.4'), 'file.unknownType'],
      ['roster.xlsx', Buffer.from('not a zip at all'), 'file.unreadable'],
      ['roster.csv', Buffer.from('a,b,c\n1,2,3\n'), 'file.noHeader'],
      ['roster.csv', Buffer.from('姓名,支部\n张三,军休支部\n'), 'file.columnsMissing'],
      ['roster.csv', Buffer.from('姓名,手机号,支部\n'), 'file.noRows'],
    ];
    for (const [name, data, path] of cases) {
      const res = await upload(admin, 'dryRun=true', name, data);
      expect(res.status, name).toBe(422);
      expect(res.body.code, name).toBe('IMPORT_FAILED');
      expect(res.body.issues[0].path, `${name} ${JSON.stringify(res.body)}`).toBe(path);
    }
    // No file at all.
    const res = await admin.post('/api/org/roster/import?dryRun=true');
    expect(res.body.code).toBe('IMPORT_FAILED');
  });

  it('offers a roster template', async () => {
    const res = await fetch(`${t.url}/api/org/roster/template`, { headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}` } });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    expect(book.worksheets[0].getRow(1).values).toEqual([undefined, '姓名', '手机号', '工号', '支部', '角色']);
  });
});
