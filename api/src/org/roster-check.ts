// Checks a roster grid row by row: the header's columns (姓名, 手机号 or 工号, 支部, 角色), each
// field, numbers used twice in the file, numbers that are already members or accounts, and
// branches that do not exist. Pure: the service looks the existing names up first.
import {
  PHONE_PATTERN,
  STAFF_NO_PATTERN,
  type MemberRole,
  type RosterIssueDto,
  type RosterIssueKind,
  type RosterRowDto,
} from '@dangshi/protocol';
import { fileProblem, type GridRow } from './roster-file';

export interface RosterColumns {
  name: number;
  phone: number | null;
  staff: number | null;
  branch: number;
  role: number | null;
}

// Header words people actually use, compared without spaces and case.
const ALIASES: Record<keyof RosterColumns, string[]> = {
  name: ['姓名', '名字', '党员姓名', 'name'],
  phone: ['手机号', '手机', '手机号码', '联系电话', '电话', 'phone', 'mobile'],
  staff: ['工号', '员工号', '职工号', '编号', 'staffno', 'staffnumber', 'staff'],
  branch: ['支部', '所在支部', '党支部', '所属支部', 'branch'],
  role: ['角色', '身份', 'role'],
};

const norm = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** The header row (one of the first five: a title row may sit above it) and its columns. */
export function findHeader(rows: readonly GridRow[]): { headerIndex: number; columns: RosterColumns } {
  for (let i = 0; i < Math.min(5, rows.length); i += 1) {
    const cells = rows[i].cells.map(norm);
    const find = (key: keyof RosterColumns) => {
      const at = cells.findIndex((c) => ALIASES[key].includes(c));
      return at === -1 ? null : at;
    };
    const name = find('name');
    const branch = find('branch');
    if (name === null && branch === null) continue;
    const columns = { name, phone: find('phone'), staff: find('staff'), branch, role: find('role') };
    const missing = [
      columns.name === null ? '姓名' : null,
      columns.phone === null && columns.staff === null ? '手机号/工号' : null,
      columns.branch === null ? '支部' : null,
    ].filter(Boolean);
    if (missing.length) throw fileProblem('columnsMissing', `the header row ${rows[i].row} lacks ${missing.join(', ')}`);
    return { headerIndex: i, columns: columns as RosterColumns };
  }
  throw fileProblem('noHeader', 'no header row with 姓名, 手机号 or 工号, and 支部 in the first rows');
}

/** 党员 / 主持人 (and their English names); empty means member. */
export function parseRole(text: string): MemberRole | 'admin' | null {
  const value = norm(text);
  if (value === '' || value === '党员' || value === '普通党员' || value === 'member') return 'member';
  if (value === '主持人' || value === 'host') return 'host';
  if (value === '管理员' || value === 'admin') return 'admin';
  return null;
}

/** A phone number as typed: spaces, dashes and a +86 / 86 country prefix removed. */
export function cleanPhone(text: string): string {
  const digits = text.replace(/[\s\-()（）]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}

export interface RosterContext {
  /** Existing branches by name (branchKey). */
  branches: ReadonlyMap<string, { id: string; active: boolean }>;
  /** Phone/staff numbers that are members already. */
  members: ReadonlySet<string>;
  /** Login names taken by accounts that are not members (e.g. admin, a host). */
  usernames: ReadonlySet<string>;
  createBranches: boolean;
}

export interface CheckedRow extends RosterRowDto {
  /** Branch name as a key, for creating it or finding its id. */
  branchKey: string;
}

export interface RosterCheck {
  rows: CheckedRow[];
  issues: RosterIssueDto[];
  missingBranches: string[];
}

const MESSAGES: Record<RosterIssueKind, string> = {
  nameMissing: '姓名 is empty',
  nameTooLong: '姓名 has more than 40 characters',
  idMissing: 'neither 手机号 nor 工号 is filled in',
  phoneInvalid: '手机号 is not an 11-digit mobile number',
  staffInvalid: '工号 may have 2–32 letters, digits, _ . -',
  branchMissing: '支部 is empty',
  branchUnknown: 'no such 支部 (tick "create missing branches" to create it)',
  branchInactive: 'this 支部 is deactivated',
  roleUnknown: '角色 must be 党员 or 主持人',
  roleAdmin: 'an administrator cannot be created by import',
  duplicateInFile: 'the same number is on an earlier row',
  alreadyMember: 'already a member: skipped',
  usernameTaken: 'an account with this login name exists and is not a member',
};

/** Strings the caller has already reduced to branch keys (trimmed, single spaces). */
export function checkRoster(rows: readonly GridRow[], context: RosterContext, branchKey: (name: string) => string): RosterCheck {
  const { headerIndex, columns } = findHeader(rows);
  const issues: RosterIssueDto[] = [];
  const out: CheckedRow[] = [];
  const firstRowOf = new Map<string, number>();
  const missing = new Map<string, string>();
  const cell = (r: GridRow, at: number | null) => (at === null ? '' : (r.cells[at] ?? '').trim());

  for (const r of rows.slice(headerIndex + 1)) {
    const problems: RosterIssueDto[] = [];
    const add = (kind: RosterIssueKind, extra: Partial<RosterIssueDto> = {}) =>
      problems.push({ row: r.row, kind, message: MESSAGES[kind], ...extra });

    const name = cell(r, columns.name).replace(/\s+/g, ' ');
    if (!name) add('nameMissing');
    else if ([...name].length > 40) add('nameTooLong', { value: name });

    const phone = cleanPhone(cell(r, columns.phone));
    const staff = cell(r, columns.staff);
    let identifier = '';
    let idKind: 'phone' | 'staff' = 'phone';
    let idValid = false;
    if (phone) {
      identifier = phone;
      idValid = PHONE_PATTERN.test(phone);
      if (!idValid) add('phoneInvalid', { value: phone });
    } else if (staff) {
      identifier = staff;
      idKind = 'staff';
      idValid = STAFF_NO_PATTERN.test(staff);
      if (!idValid) add('staffInvalid', { value: staff });
    } else add('idMissing');

    const branchName = branchKey(cell(r, columns.branch));
    const branch = context.branches.get(branchName);
    let newBranch = false;
    if (!branchName) add('branchMissing');
    else if (branch && !branch.active) add('branchInactive', { value: branchName });
    else if (!branch) {
      missing.set(branchName, branchName);
      if (context.createBranches) newBranch = true;
      else add('branchUnknown', { value: branchName });
    }

    const roleText = cell(r, columns.role);
    const parsedRole = parseRole(roleText);
    if (parsedRole === null) add('roleUnknown', { value: roleText });
    if (parsedRole === 'admin') add('roleAdmin', { value: roleText });
    const role: MemberRole = parsedRole === 'host' ? 'host' : 'member';

    let status: RosterRowDto['status'] = problems.length ? 'error' : 'new';
    // A malformed number is reported as such; looking it up would only add noise.
    if (idValid) {
      const first = firstRowOf.get(identifier);
      if (first !== undefined) {
        add('duplicateInFile', { value: identifier, otherRow: first });
        status = 'error';
      } else {
        firstRowOf.set(identifier, r.row);
        if (context.members.has(identifier)) {
          // Informational, not an error: importing the same roster twice is harmless.
          if (status === 'new') status = 'duplicate';
          add('alreadyMember', { value: identifier });
        } else if (context.usernames.has(identifier)) {
          add('usernameTaken', { value: identifier });
          status = 'error';
        }
      }
    }
    issues.push(...problems);
    out.push({ row: r.row, name, identifier, idKind, branch: branchName, role, status, newBranch, branchKey: branchName });
  }
  if (out.length === 0) throw fileProblem('noRows', 'the file has a header but no member rows');
  return { rows: out, issues, missingBranches: [...missing.values()] };
}
