// The question bank over HTTP. Questions themselves are validated by the api with the schema in
// question-bank; here are the shapes the client reads and the search it can ask for.
import { z } from 'zod';

export type QuestionTypeName = 'single' | 'multiple' | 'truefalse' | 'fill';
export type QuestionStatusName = 'draft' | 'reviewed' | 'retired';

/** A question as stored: the bank's fields plus its version and where it came from. */
export interface QuestionDto {
  id: string;
  version: number;
  origin: 'shipped' | 'org';
  locallyEdited: boolean;
  type: QuestionTypeName;
  stem: string;
  options?: string[];
  /** single: "B"; multiple: ["A","C"]; truefalse: true/false; fill: accepted texts. */
  answer: string | string[] | boolean;
  explanation: string;
  source: { kind: 'book' | 'charter' | 'law' | 'event' | 'document'; ref: string };
  category: string;
  tags: string[];
  difficulty: 1 | 2 | 3;
  media?: { image: string; alt: string };
  status: QuestionStatusName;
  timeLimit: number;
  updatedAt: number;
}

export const questionSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.string().max(40).optional(),
  type: z.enum(['single', 'multiple', 'truefalse', 'fill']).optional(),
  difficulty: z.coerce.number().int().min(1).max(3).optional(),
  status: z.enum(['draft', 'reviewed', 'retired']).optional(),
  tag: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type QuestionSearch = z.input<typeof questionSearchSchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface QuestionSetDto {
  id: string;
  title: string;
  description: string;
  origin: 'shipped' | 'org';
  kind: 'manual' | 'tags' | 'random';
  questionCount: number;
}

export interface CategoryCount {
  category: string;
  count: number;
}

/** 纠错: a member reports an error in a question after its reveal (phone or practice). */
export const errorReportInputSchema = z.object({
  questionId: z.string().min(1).max(64),
  questionVersion: z.number().int().min(1).optional(),
  reason: z.string().trim().min(2).max(300),
  /** Where it was seen, e.g. the contest PIN; helps the reviewer. */
  context: z.string().trim().max(100).optional(),
});
export type ErrorReportInput = z.infer<typeof errorReportInputSchema>;

export interface ErrorReportDto {
  id: string;
  questionId: string;
  questionVersion: number | null;
  reason: string;
  context: string | null;
  reporter: string | null;
  status: 'open' | 'fixed' | 'retired' | 'dismissed';
  createdAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}

// ---------------------------------------------------------------------------------------------
// Admin question bank: the question as written in a form, imports, exports and the 纠错 queue.

/** A question's own fields, as the editor sends it and an import preview shows it. */
export type QuestionData = Omit<QuestionDto, 'version' | 'origin' | 'locallyEdited' | 'updatedAt'>;

export interface QuestionVersionDto {
  version: number;
  data: QuestionData;
  createdAt: number;
  note: string | null;
}

/** Every format the importer reads; kahoot-xlsx is read-only. */
export const IMPORT_FORMATS = ['excel', 'csv', 'gift', 'moodle-xml', 'kahoot-xlsx'] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];
export const EXPORT_FORMATS = ['excel', 'csv', 'gift', 'moodle-xml'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

/** Upload limit for one import file; the api refuses larger files with IMPORT_FAILED. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** How many parsed questions an import answer carries back for the preview table. */
export const IMPORT_PREVIEW_LIMIT = 200;
/** `GET /api/bank/export?format=excel&category=__template__` gives an empty 题库 template. */
export const TEMPLATE_CATEGORY = '__template__';

const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const bankImportQuerySchema = z.object({
  /** Guessed from the file name (and an .xlsx's header) when absent. */
  format: z.enum(IMPORT_FORMATS).optional(),
  /** Defaults to a preview: nothing is written unless dryRun=false is asked for. */
  dryRun: queryBool.default(true),
  /** Category for questions whose file names none. */
  category: z.string().trim().min(1).max(40).optional(),
});
export type BankImportQuery = z.input<typeof bankImportQuerySchema>;

export const bankExportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('excel'),
  category: z.string().trim().min(1).max(40).optional(),
});

/** A problem in an import file: `row` in sheets (as Excel numbers them), `line` in text files. */
export interface ImportIssueDto {
  row?: number;
  line?: number;
  message: string;
}

/** A parsed question the bank already has: the same id, or the same stem under another id. */
export interface ImportDuplicateDto {
  id: string;
  stem: string;
  by: 'id' | 'stem';
  existingId: string;
}

export interface ImportResultDto {
  format: ImportFormatName;
  dryRun: boolean;
  /** Questions written (or, in a dry run, that would be written). */
  imported: number;
  /** Rows/blocks left out because of an error (see errors). */
  skipped: number;
  errors: ImportIssueDto[];
  /** The first IMPORT_PREVIEW_LIMIT valid questions of the file, in file order. */
  questions: QuestionData[];
  /** How many valid questions the file has (questions may be cut to the preview limit). */
  valid: number;
  duplicates: ImportDuplicateDto[];
}

export const REPORT_STATUSES = ['open', 'fixed', 'retired', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const reportListQuerySchema = z.object({
  status: z.enum(REPORT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReportListQuery = z.input<typeof reportListQuerySchema>;

export const reportResolveInputSchema = z.object({
  action: z.enum(['fixed', 'retired', 'dismissed']),
  note: z.string().trim().max(300).optional(),
});
export type ReportResolveInput = z.infer<typeof reportResolveInputSchema>;

/** A report in the review queue, with what the reviewer needs to judge it. */
export interface QuestionReportDto extends ErrorReportDto {
  /** Null when the question was deleted since (reports are kept anyway). */
  questionStem: string | null;
  questionStatus: QuestionStatusName | null;
  questionCurrentVersion: number | null;
}
