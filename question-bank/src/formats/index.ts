// The format registry: which formats there are and how to tell a file's format.
import { extname } from 'node:path';
import { csv } from './csv';
import { excel } from './excel';
import { gift } from './gift';
import { isKahootSheet, kahootXlsx } from './kahoot-xlsx';
import { moodleXml } from './moodle-xml';
import { loadWorkbook, sheetRows } from './sheet';
import { FORMAT_NAMES, type Format, type FormatName } from './types';

export * from './types';
export { DEFAULT_CATEGORY, MISSING_EXPLANATION } from './collect';

export const FORMATS: Record<FormatName, Format> = {
  gift,
  'moodle-xml': moodleXml,
  'kahoot-xlsx': kahootXlsx,
  excel,
  csv,
};

export const EXPORT_FORMATS = FORMAT_NAMES.filter((name) => FORMATS[name].export !== undefined);

export function isFormatName(value: string): value is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(value);
}

/** The format a file's name suggests; an .xlsx is looked into, since both templates use it. */
export async function guessFormat(fileName: string, data: Uint8Array): Promise<FormatName | undefined> {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.xlsx') {
    const workbook = await loadWorkbook(data);
    const first = workbook?.worksheets[0];
    return first && isKahootSheet(sheetRows(first)) ? 'kahoot-xlsx' : 'excel';
  }
  return FORMAT_NAMES.find((name) => FORMATS[name].extensions.includes(ext));
}
