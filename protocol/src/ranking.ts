// Rankings: who scored what over a window, per member and per branch (支部), and the annual
// study report. Every scored activity (contest, practice, stage, match) becomes one results row
// that carries the member's branch at that time, so a later move never rewrites history.
import { z } from 'zod';

/** Where a results row came from. */
export const RESULT_SOURCES = ['contest', 'practice', 'stage', 'match'] as const;
export type ResultSource = (typeof RESULT_SOURCES)[number];

/**
 * The branch metrics shown side by side; the organisation picks one as the headline that ranks
 * the branches. avgPerMember (points per roster member) is the default: a big branch does not
 * win by size and a branch cannot win by sending only its best member.
 */
export const BRANCH_METRICS = ['avgPerMember', 'total', 'avgPerParticipant', 'participation', 'accuracy'] as const;
export type BranchMetric = (typeof BRANCH_METRICS)[number];
export const DEFAULT_HEADLINE_METRIC: BranchMetric = 'avgPerMember';

/** week/month/quarter/year: the current one in the organisation's time zone; custom: dates; contest: one contest. */
export const RANKING_WINDOWS = ['week', 'month', 'quarter', 'year', 'all', 'custom', 'contest'] as const;
export type RankingWindowKind = (typeof RANKING_WINDOWS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

const rankingQueryBase = z.object({
  window: z.enum(RANKING_WINDOWS).default('month'),
  /** custom: first day, inclusive (organisation's local date). */
  from: isoDate.optional(),
  /** custom: last day, inclusive. */
  to: isoDate.optional(),
  /** contest: the contest's id. */
  contestId: z.string().min(1).max(64).optional(),
  /** Individual ranking: how many rows (the caller's own row always comes along as `me`). */
  limit: z.coerce.number().int().min(1).max(5000).default(100),
});

function checkWindow(q: z.infer<typeof rankingQueryBase>, ctx: z.RefinementCtx): void {
  if (q.window === 'custom') {
    if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a custom window needs from' });
    if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a custom window needs to' });
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
  }
  if (q.window === 'contest' && !q.contestId) {
    ctx.addIssue({ code: 'custom', path: ['contestId'], message: 'a contest window needs contestId' });
  }
}

export const rankingQuerySchema = rankingQueryBase.superRefine(checkWindow);
export type RankingQuery = z.input<typeof rankingQuerySchema>;

export const RANKING_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type RankingExportFormat = (typeof RANKING_EXPORT_FORMATS)[number];

export const rankingExportQuerySchema = rankingQueryBase
  .extend({
    tab: z.enum(['individual', 'branch']).default('branch'),
    format: z.enum(RANKING_EXPORT_FORMATS).default('xlsx'),
    /** The language of the file's headings. */
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .superRefine(checkWindow);
export type RankingExportQuery = z.input<typeof rankingExportQuerySchema>;

/** The window a ranking was computed over: [from, to) in epoch ms (null for all time / one contest). */
export interface RankingWindowDto {
  kind: RankingWindowKind;
  from: number | null;
  to: number | null;
  contestId: string | null;
  /** One contest: its title (null when the contest row is gone). */
  contestTitle: string | null;
}

export interface IndividualRowDto {
  /** Equal points share a rank (1, 2, 2, 4). */
  rank: number;
  memberId: string;
  name: string;
  /** The member's current branch. */
  branchId: string;
  branchName: string;
  points: number;
  answered: number;
  correct: number;
  /** correct / answered; 0 when nothing was answered. */
  accuracy: number;
  /** Scored activities (contests, practice sessions…) in the window. */
  activities: number;
  /** false: the member has been deactivated since (their results stay). */
  active: boolean;
}

export interface IndividualRankingDto {
  window: RankingWindowDto;
  /** Everyone who scored in the window, best first, cut to `limit`. */
  rows: IndividualRowDto[];
  /** How many members scored in the window. */
  total: number;
  /** The caller's own row when the caller is a member who took part (may be beyond `limit`). */
  me: IndividualRowDto | null;
}

export interface BranchRowDto {
  /** Equal headline values share a rank. */
  rank: number;
  branchId: string;
  name: string;
  active: boolean;
  /** Active members of the branch now. */
  roster: number;
  /** Members who scored for this branch in the window. */
  participants: number;
  /** total points */
  total: number;
  avgPerParticipant: number;
  avgPerMember: number;
  /**
   * participants / (roster + participants who have left the branch since): a member who played
   * for the branch and then moved counts on both sides, so the rate never exceeds 1.
   */
  participation: number;
  /** correct / answered; 0 when nothing was answered. */
  accuracy: number;
  answered: number;
  correct: number;
}

export interface BranchRankingDto {
  window: RankingWindowDto;
  headline: BranchMetric;
  rows: BranchRowDto[];
}

/** A finished live contest or stage contest that has recorded results, for the one-contest window picker. */
export interface RankedContestDto {
  /** The live contest's or the stage contest's id (a `contest` window takes either). */
  contestId: string;
  kind: 'contest' | 'stage';
  title: string | null;
  occurredAt: number;
  participants: number;
}

// ---------------------------------------------------------------------------------------------
// The annual study report.

export const annualReportQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export interface ReportMonthDto {
  /** 1..12 */
  month: number;
  participants: number;
  /** participants / roster (roster: active members now); 0 for an empty branch. */
  participation: number;
  answered: number;
  correct: number;
  accuracy: number;
  points: number;
}

export interface ReportBranchDto {
  branchId: string;
  name: string;
  roster: number;
  /** Distinct members who scored for the branch in the year. */
  participants: number;
  points: number;
  accuracy: number;
  months: ReportMonthDto[];
}

export interface MissedQuestionDto {
  questionId: string;
  stem: string;
  /** Contest answers that were not fully right. */
  missed: number;
  answered: number;
  /** missed / answered */
  missRate: number;
}

export interface MissedCategoryDto {
  category: string;
  missed: number;
  answered: number;
  questions: MissedQuestionDto[];
}

export interface AnnualReportDto {
  year: number;
  organisation: string;
  from: number;
  to: number;
  generatedAt: number;
  counts: {
    /** Live contests that finished in the year. */
    contests: number;
    /** Practice sessions recorded in the year. */
    practice: number;
    stages: number;
    matches: number;
    /** Members who scored in the year, and the active roster now. */
    participants: number;
    roster: number;
    points: number;
  };
  branches: ReportBranchDto[];
  topMembers: IndividualRowDto[];
  missedByCategory: MissedCategoryDto[];
}
