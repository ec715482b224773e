import { describe, expect, it } from 'vitest';
import { credentialsCsv } from './credentials';

describe('initial passwords CSV', () => {
  it('starts with a BOM, quotes what needs quoting and defuses formulas', () => {
    const csv = credentialsCsv(
      [
        { memberId: '1', name: '张建国', branchName: '军休支部', username: '13800000001', password: 'abcDEF2345' },
        { memberId: '2', name: '=HYPERLINK("x")', branchName: '局机关支部, 一组', username: 'JX007', password: 'x"y' },
      ],
      ['姓名', '支部', '账号', '初始密码'],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '姓名,支部,账号,初始密码',
      '张建国,军休支部,13800000001,abcDEF2345',
      `"'=HYPERLINK(""x"")","局机关支部, 一组",JX007,"x""y"`,
      '',
    ]);
  });
});
