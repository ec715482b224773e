// Imports a 题库 file into the bank. A dry run parses and reports only; a commit writes every
// valid, new question as an organisation's draft (version 1) in ONE transaction, so a failed
// write leaves the bank exactly as it was. Questions the bank already has (same id, or the same
// stem under another id) are skipped and reported, never overwritten.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  IMPORT_PREVIEW_LIMIT,
  type ImportDuplicateDto,
  type ImportFormatName,
  type ImportResultDto,
  type QuestionData,
} from '@dangshi/protocol';
import { FORMATS, guessFormat, normalizeText, type ImportResult, type Question } from '@dangshi/question-bank';
import { AppError } from '../common/app-error';
import { QuestionRecord, QuestionVersionRecord } from './bank.entities';
import { questionRow } from './question-row';

export interface ImportFile {
  name: string;
  data: Uint8Array;
}

export interface ImportRequest {
  format?: ImportFormatName;
  dryRun: boolean;
  category?: string;
}

/** Rows per INSERT: far below SQLite's and PostgreSQL's bound-parameter limits. */
const WRITE_CHUNK = 250;
/** Ids per IN (…) lookup, for the same reason. */
const LOOKUP_CHUNK = 500;

const failed = (path: string, message: string) => new AppError('IMPORT_FAILED', message, [{ path, message }]);

function stemKey(stem: string): string {
  return normalizeText(stem);
}

@Injectable()
export class BankImportService {
  private readonly logger = new Logger('BankImport');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(file: ImportFile, request: ImportRequest, userId: string): Promise<ImportResultDto> {
    if (file.data.byteLength === 0) throw failed('file', 'the file is empty');
    const format = request.format ?? (await this.guess(file));
    const parsed = await this.parse(format, file, request.category);
    const duplicates = await this.findDuplicates(parsed.questions);
    const known = new Set(duplicates.map((d) => d.id));
    const fresh = parsed.questions.filter((q) => !known.has(q.id));
    if (!request.dryRun && fresh.length > 0) await this.write(fresh, file.name, userId);
    return {
      format,
      dryRun: request.dryRun,
      imported: fresh.length,
      skipped: parsed.skipped,
      errors: parsed.errors,
      questions: parsed.questions.slice(0, IMPORT_PREVIEW_LIMIT) as QuestionData[],
      valid: parsed.questions.length,
      duplicates,
    };
  }

  private async guess(file: ImportFile): Promise<ImportFormatName> {
    const format = await guessFormat(file.name, file.data);
    if (!format) {
      const ext = /\.[^.]+$/.exec(file.name)?.[0] ?? '(none)';
      throw failed('format', `unknown file type ${ext}: use .xlsx, .csv, .gift/.txt or .xml, or choose the format`);
    }
    return format;
  }

  /** The importer's result; a file with nothing that even looked like a question is an error. */
  private async parse(format: ImportFormatName, file: ImportFile, category?: string): Promise<ImportResult> {
    let result: ImportResult;
    try {
      result = await FORMATS[format].import(file.data, { category, sourceName: file.name });
    } catch (error) {
      this.logger.warn(`import of ${file.name} as ${format} threw: ${String(error)}`);
      throw failed('file', `the file could not be read as ${format}`);
    }
    if (result.questions.length === 0 && result.skipped === 0) {
      // Whole-file problems (not a workbook, broken XML, no header row…) or simply no questions.
      const first = result.errors[0];
      if (!first) throw failed('file', 'no questions found in the file');
      const where = first.row !== undefined ? `row.${first.row}` : first.line !== undefined ? `line.${first.line}` : 'file';
      throw new AppError(
        'IMPORT_FAILED',
        first.message,
        result.errors.map((e) => ({ path: e.row !== undefined ? `row.${e.row}` : e.line !== undefined ? `line.${e.line}` : where, message: e.message })),
      );
    }
    return result;
  }

  private async findDuplicates(questions: Question[]): Promise<ImportDuplicateDto[]> {
    if (questions.length === 0) return [];
    const repo = this.dataSource.getRepository(QuestionRecord);
    const existingIds = new Set<string>();
    for (let i = 0; i < questions.length; i += LOOKUP_CHUNK) {
      const ids = questions.slice(i, i + LOOKUP_CHUNK).map((q) => q.id);
      for (const row of await repo.find({ where: { id: In(ids) }, select: ['id'] })) existingIds.add(row.id);
    }
    // Stems are compared after normalisation, as the bank validator does; the whole bank's stems
    // are a few MB at most, cheaper than one LIKE per imported row.
    const byStem = new Map<string, string>();
    for (const row of await repo.find({ select: ['id', 'stem'] })) byStem.set(stemKey(row.stem), row.id);
    const duplicates: ImportDuplicateDto[] = [];
    for (const q of questions) {
      if (existingIds.has(q.id)) duplicates.push({ id: q.id, stem: q.stem, by: 'id', existingId: q.id });
      else {
        const twin = byStem.get(stemKey(q.stem));
        if (twin) duplicates.push({ id: q.id, stem: q.stem, by: 'stem', existingId: twin });
      }
    }
    return duplicates;
  }

  private async write(questions: Question[], fileName: string, userId: string): Promise<void> {
    const now = Date.now();
    const note = `imported: ${fileName}`.slice(0, 200);
    try {
      await this.dataSource.transaction(async (tx) => {
        for (let i = 0; i < questions.length; i += WRITE_CHUNK) {
          await this.writeChunk(tx, questions.slice(i, i + WRITE_CHUNK), note, userId, now);
        }
      });
    } catch (error) {
      // The transaction rolled back: nothing of this file is in the bank. Say so plainly.
      this.logger.error(`import of ${fileName} rolled back: ${error instanceof Error ? error.message : String(error)}`);
      throw failed('database', 'the database refused the write; nothing was imported');
    }
  }

  private async writeChunk(tx: EntityManager, questions: Question[], note: string, userId: string, now: number): Promise<void> {
    await tx.insert(QuestionRecord, questions.map((q) => questionRow(q, 1, 'org', now, now)));
    await tx.insert(
      QuestionVersionRecord,
      questions.map((q) => ({ questionId: q.id, version: 1, data: q, changedBy: userId, note, createdAt: now })),
    );
  }
}
