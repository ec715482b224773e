// Uploads a question file for import (preview or commit).
import type { BankImportQuery, ImportResultDto } from '@dangshi/protocol';
import { uploadFile } from '$lib/api/upload';

/** A 10 MB workbook over a slow office line, then parsing thousands of rows. */
const UPLOAD_TIMEOUT_MS = 120_000;

export function uploadImport(file: File, query: BankImportQuery): Promise<ImportResultDto> {
  return uploadFile('/api/bank/import', file, { ...query }, UPLOAD_TIMEOUT_MS);
}
