import { describe, expect, it } from 'vitest';
import { branchKey } from './branches.service';
import { checkRoster, cleanPhone, findHeader, parseRole, type RosterContext } from './roster-check';
import { parseCsv } from './roster-file';

const context = (over: Partial<RosterContext> = {}): RosterContext => ({
  branches: new Map([
    ['局机关支部', { id: 'b1', active: true }],
    ['军休支部', { id: 'b2', active: true }],
    ['老干部支部', { id: 'b3', active: false }],
  ]),
  members: new Set(['13800000009']),
  usernames: new Set(['admin']),
  createBranches: false,
  ...over,
});

const grid = (rows: string[][], first = 1) => rows.map((cells, i) => ({ row: first + i, cells }));

describe('roster header', () => {
  it('finds the header under a title row and accepts common column names', () => {
    const { headerIndex, columns } = findHeader(grid([['区退役军人事务局党员花名册'], ['序号', '姓 名', '手机号码', '所在支部', '身份']]));
    expect(headerIndex).toBe(1);
    expect(columns).toEqual({ name: 1, phone: 2, staff: null, branch: 3, role: 4 });
  });

  it('names the columns that are missing', () => {
    expect(() => findHeader(grid([['姓名', '支部']]))).toThrow(expect.objectContaining({ code: 'IMPORT_FAILED', issues: [expect.objectContaining({ path: 'file.columnsMissing' })] }));
    expect(() => findHeader(grid([['a', 'b']]))).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'file.noHeader' })] }));
  });
});

describe('roster rows', () => {
  it('reports every bad row with its spreadsheet row number and keeps the good ones', () => {
    const rows = grid([
      ['姓名', '手机号', '工号', '支部', '角色'],
      ['张建国', '138 0000 0001', '', '局机关支部', ''],
      ['李红梅', '+8613800000002', '', '军休支部', '主持人'],
      ['', '13800000003', '', '军休支部', ''],
      ['王卫东', '1380000', '', '军休支部', ''],
      ['赵志刚', '', 'JX-007', '机关二支部', ''],
      ['钱学森', '13800000001', '', '军休支部', ''],
      ['孙立', '13800000009', '', '军休支部', ''],
      ['周强', '', '', '军休支部', '书记'],
      ['吴敏', 'admin', '', '军休支部', ''],
      ['郑和', '13800000010', '', '', '管理员'],
      ['冯军', '13800000011', '', '老干部支部', ''],
    ]);
    const result = checkRoster(rows, context(), branchKey);
    expect(result.rows.map((r) => [r.row, r.name, r.identifier, r.role, r.status])).toEqual([
      [2, '张建国', '13800000001', 'member', 'new'],
      [3, '李红梅', '13800000002', 'host', 'new'],
      [4, '', '13800000003', 'member', 'error'],
      [5, '王卫东', '1380000', 'member', 'error'],
      [6, '赵志刚', 'JX-007', 'member', 'error'],
      [7, '钱学森', '13800000001', 'member', 'error'],
      [8, '孙立', '13800000009', 'member', 'duplicate'],
      [9, '周强', '', 'member', 'error'],
      [10, '吴敏', 'admin', 'member', 'error'],
      [11, '郑和', '13800000010', 'member', 'error'],
      [12, '冯军', '13800000011', 'member', 'error'],
    ]);
    expect(result.issues.map((i) => [i.row, i.kind, i.value ?? null, i.otherRow ?? null])).toEqual([
      [4, 'nameMissing', null, null],
      [5, 'phoneInvalid', '1380000', null],
      [6, 'branchUnknown', '机关二支部', null],
      [7, 'duplicateInFile', '13800000001', 2],
      [8, 'alreadyMember', '13800000009', null],
      [9, 'idMissing', null, null],
      [9, 'roleUnknown', '书记', null],
      [10, 'phoneInvalid', 'admin', null],
      [11, 'branchMissing', null, null],
      [11, 'roleAdmin', '管理员', null],
      [12, 'branchInactive', '老干部支部', null],
    ]);
    expect(result.missingBranches).toEqual(['机关二支部']);
  });

  it('marks unknown branches as new when the admin asks to create them', () => {
    const rows = grid([
      ['姓名', '工号', '支部'],
      ['赵志刚', 'JX-007', ' 机关二支部 '],
      ['钱小兵', 'JX-008', '机关二支部'],
    ]);
    const result = checkRoster(rows, context({ createBranches: true }), branchKey);
    expect(result.issues).toEqual([]);
    expect(result.rows.map((r) => [r.identifier, r.idKind, r.branch, r.newBranch, r.status])).toEqual([
      ['JX-007', 'staff', '机关二支部', true, 'new'],
      ['JX-008', 'staff', '机关二支部', true, 'new'],
    ]);
  });

  it('refuses a login name an account already uses, and a file with no member rows', () => {
    const rows = grid([
      ['姓名', '工号', '支部'],
      ['管理员', 'admin', '军休支部'],
    ]);
    expect(checkRoster(rows, context(), branchKey).issues.map((i) => i.kind)).toEqual(['usernameTaken']);
    expect(() => checkRoster(grid([['姓名', '工号', '支部']]), context(), branchKey)).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'file.noRows' })] }),
    );
  });

  it('reads roles and phone numbers the way people type them', () => {
    expect(['', '党员', ' 主持人 ', 'HOST', '管理员', '书记'].map(parseRole)).toEqual(['member', 'member', 'host', 'host', 'admin', null]);
    expect(cleanPhone('+86 138-0000-0001')).toBe('13800000001');
    expect(cleanPhone('8613800000001')).toBe('13800000001');
  });
});

describe('roster CSV', () => {
  it('parses quotes, doubled quotes, line breaks inside quotes, and numbers rows as lines', () => {
    expect(parseCsv('姓名,手机号,支部\r\n"张,三",13800000001,"军休""一""支部"\n"李\n四",13800000002,局机关支部\n')).toEqual([
      { row: 1, cells: ['姓名', '手机号', '支部'] },
      { row: 2, cells: ['张,三', '13800000001', '军休"一"支部'] },
      { row: 3, cells: ['李\n四', '13800000002', '局机关支部'] },
    ]);
    expect(parseCsv('姓名;手机号;支部\n张三;13800000001;军休支部')[1].cells).toEqual(['张三', '13800000001', '军休支部']);
  });
});
