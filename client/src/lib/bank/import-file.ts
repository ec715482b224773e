// What the import page checks about a chosen file before sending it, mirroring the api: the
// size limit and the extensions it can guess a format from.
import { IMPORT_MAX_BYTES } from '@dangshi/protocol';
import type { MessageKey, MessageParams } from '$lib/i18n';

export const IMPORT_EXTENSIONS = ['.xlsx', '.csv', '.gift', '.txt', '.xml'];
export const IMPORT_ACCEPT = IMPORT_EXTENSIONS.join(',');

export function extensionOf(name: string): string {
  return /\.[^.]+$/.exec(name)?.[0]?.toLowerCase() ?? '';
}

/** A reason not to send the file, or null. `formatChosen`: the user picked the format by hand. */
export function fileProblem(file: File, formatChosen: boolean): { key: MessageKey; params?: MessageParams } | null {
  if (file.size === 0) return { key: 'bank.import.fileEmpty' };
  if (file.size > IMPORT_MAX_BYTES) return { key: 'bank.import.fileTooLarge', params: { mb: IMPORT_MAX_BYTES / 1024 / 1024 } };
  if (!formatChosen && !IMPORT_EXTENSIONS.includes(extensionOf(file.name))) {
    return { key: 'bank.import.fileType', params: { ext: extensionOf(file.name) || '—' } };
  }
  return null;
}

/** "row.3" / "line.5" (the api's issue paths for file-level problems) → where, for display. */
export function issueWhere(path: string): { row?: number; line?: number } {
  const [kind, n] = path.split('.');
  if ((kind === 'row' || kind === 'line') && n && /^\d+$/.test(n)) return { [kind]: Number(n) };
  return {};
}
