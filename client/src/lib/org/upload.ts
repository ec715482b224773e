// Uploads a roster for import (preview or commit).
import type { RosterImportQuery, RosterImportResultDto } from '@dangshi/protocol';
import { uploadFile } from '$lib/api/upload';

/** Hashing a few hundred initial passwords takes a while on a small server. */
const UPLOAD_TIMEOUT_MS = 180_000;

export function uploadRoster(file: File, query: RosterImportQuery): Promise<RosterImportResultDto> {
  return uploadFile('/api/org/roster/import', file, { ...query }, UPLOAD_TIMEOUT_MS);
}
