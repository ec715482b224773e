// The organisation (党组/党委) → branches (支部) → members (党员), as the admin manages them:
// settings, branches, members with their login accounts, and roster imports.
import { z } from 'zod';
import { BRANCH_METRICS, type BranchMetric } from './ranking';

export interface OrgDto {
  name: string;
  /** The metric that ranks branches; the others are shown beside it. */
  headlineMetric: BranchMetric;
  /** The organisation's time zone as minutes east of UTC (480 = China Standard Time). */
  utcOffsetMinutes: number;
  /**
   * The most ranking points a member may earn a day from practice and matches together, so
   * hours of practice never outweigh a contest result. 0: practice earns no ranking points.
   */
  practiceDailyCap: number;
}

export const DEFAULT_PRACTICE_DAILY_CAP = 200;
export const MAX_PRACTICE_DAILY_CAP = 10_000;

export const orgUpdateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  headlineMetric: z.enum(BRANCH_METRICS),
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Left out: the current cap stays (older callers send only the first three). */
  practiceDailyCap: z.number().int().min(0).max(MAX_PRACTICE_DAILY_CAP).optional(),
});
export type OrgUpdateInput = z.infer<typeof orgUpdateSchema>;

export interface BranchDto {
  id: string;
  name: string;
  secretary: string;
  displayOrder: number;
  active: boolean;
  /** Active members now. */
  memberCount: number;
}

export const branchInputSchema = z.object({
  name: z.string().trim().min(1).max(40),
  secretary: z.string().trim().max(40).default(''),
  displayOrder: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
});
export type BranchInput = z.input<typeof branchInputSchema>;

/** 手机号: 11 digits starting with 1 (mainland mobile numbers). */
export const PHONE_PATTERN = /^1\d{10}$/;
/** 工号: letters, digits and _ . - (it becomes the login name, which allows those). */
export const STAFF_NO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$/;

/** Member roles a roster may give: an admin account is never created by import. */
export const MEMBER_ROLES = ['member', 'host'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface MemberDto {
  id: string;
  userId: string;
  /** The login name: the member's phone or staff number. */
  username: string;
  name: string;
  /** 手机号 or 工号 (the same as username). */
  identifier: string;
  branchId: string;
  branchName: string;
  role: MemberRole | 'admin';
  active: boolean;
  joinedAt: number;
  /** Still on the initial password. */
  mustChangePassword: boolean;
}

export const memberCreateSchema = z.object({
  name: z.string().trim().min(1).max(40),
  identifier: z.string().trim().regex(STAFF_NO_PATTERN, 'a phone number or staff number (letters, digits, _ . -)'),
  branchId: z.string().min(1).max(36),
  role: z.enum(MEMBER_ROLES).default('member'),
});
export type MemberCreateInput = z.input<typeof memberCreateSchema>;

export const memberMoveSchema = z.object({ branchId: z.string().min(1).max(36) });
export type MemberMoveInput = z.infer<typeof memberMoveSchema>;

export const memberListQuerySchema = z.object({
  branchId: z.string().max(36).optional(),
  q: z.string().trim().max(40).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
});
export type MemberListQuery = z.input<typeof memberListQuerySchema>;

/** A login and its initial password: returned once (creation, reset, import), never stored in clear. */
export interface MemberCredentialDto {
  memberId: string;
  name: string;
  branchName: string;
  username: string;
  password: string;
}

export interface MemberCreatedDto {
  member: MemberDto;
  credential: MemberCredentialDto;
}

/** One period in a branch: [from, to), to null while it lasts. */
export interface MembershipDto {
  branchId: string;
  branchName: string;
  from: number;
  to: number | null;
}

// ---------------------------------------------------------------------------------------------
// Roster import (花名册): 姓名, 手机号 or 工号, 支部, 角色 (optional).

export const rosterImportQuerySchema = z.object({
  /** Nothing is written unless dryRun=false. */
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Create branches the file names that do not exist yet (on commit). */
  createBranches: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export type RosterImportQuery = z.input<typeof rosterImportQuerySchema>;

/** The most rows one roster file may have. */
export const ROSTER_MAX_ROWS = 5000;
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;

/** What is wrong with one row; the client words it from its catalogue (org.issue.<kind>). */
export const ROSTER_ISSUES = [
  'nameMissing',
  'nameTooLong',
  'idMissing',
  'phoneInvalid',
  'staffInvalid',
  'branchMissing',
  'branchUnknown',
  'branchInactive',
  'roleUnknown',
  'roleAdmin',
  'duplicateInFile',
  'alreadyMember',
  'usernameTaken',
] as const;
export type RosterIssueKind = (typeof ROSTER_ISSUES)[number];

/** Problems with the whole file, sent as IMPORT_FAILED issues with path `file.<kind>`. */
export const ROSTER_FILE_PROBLEMS = ['empty', 'unreadable', 'unknownType', 'noHeader', 'columnsMissing', 'noRows', 'tooManyRows', 'tooLarge', 'changed', 'database'] as const;
export type RosterFileProblem = (typeof ROSTER_FILE_PROBLEMS)[number];

export interface RosterIssueDto {
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number;
  kind: RosterIssueKind;
  /** The offending value, when there is one. */
  value?: string;
  /** duplicateInFile: the row that has it first. */
  otherRow?: number;
  /** The same in English, for api users. */
  message: string;
}

export interface RosterRowDto {
  row: number;
  name: string;
  identifier: string;
  idKind: 'phone' | 'staff';
  branch: string;
  role: MemberRole;
  /** new: would be (or was) created; duplicate: already a member, skipped; error: see issues. */
  status: 'new' | 'duplicate' | 'error';
  /** The branch does not exist yet and will be created. */
  newBranch: boolean;
}

export interface RosterImportResultDto {
  dryRun: boolean;
  createBranches: boolean;
  /** Data rows in the file. */
  total: number;
  /** Members created (or, in a dry run, that would be). */
  created: number;
  /** Rows already members (skipped). */
  duplicates: number;
  /** Rows left out because of an error. */
  skipped: number;
  rows: RosterRowDto[];
  issues: RosterIssueDto[];
  /** Branch names the file uses that do not exist. */
  missingBranches: string[];
  /** Branches created by this commit. */
  createdBranches: string[];
  /** Commit only: every created member's login and initial password, shown once. */
  credentials: MemberCredentialDto[];
}
