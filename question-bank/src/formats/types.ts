// What every importer returns and every exporter takes, so the CLI (and later the admin
// upload) can treat all formats alike.
import type { Question } from '../schema';

export const FORMAT_NAMES = ['gift', 'moodle-xml', 'kahoot-xlsx', 'excel', 'csv'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Where a problem is: `line` in text formats, `row` (1-based, as Excel shows it) in sheets. */
export interface ImportIssue {
  line?: number;
  row?: number;
  message: string;
}

export interface ImportResult {
  questions: Question[];
  errors: ImportIssue[];
  /** Items that looked like questions but were left out because of an error. */
  skipped: number;
}

export interface ImportOptions {
  /** Category for questions whose file names none (default 导入). */
  category?: string;
  /** Named in the source of questions whose file gives none: 导入：<sourceName>. */
  sourceName?: string;
}

export interface Format {
  name: FormatName;
  /** File extensions (lower case, with the dot) that suggest this format. */
  extensions: readonly string[];
  import(data: Uint8Array, options?: ImportOptions): Promise<ImportResult>;
  /** Absent for formats we only read (the Kahoot template). */
  export?(questions: readonly Question[]): Promise<Uint8Array>;
}
