// Reads a roster file (花名册) as a grid of texts with the row numbers a spreadsheet shows:
// .xlsx through exceljs, .csv as UTF-8 (with or without BOM) or GBK/GB18030, which is what
// Excel on Chinese Windows writes. Whole-file problems throw IMPORT_FAILED with `file.<kind>`.
import ExcelJS from 'exceljs';
import { extname } from 'node:path';
import { ROSTER_MAX_ROWS, type RosterFileProblem } from '@dangshi/protocol';
import { AppError } from '../common/app-error';

export interface GridRow {
  /** 1-based, as the spreadsheet numbers it. */
  row: number;
  cells: string[];
}

export function fileProblem(kind: RosterFileProblem, message: string): AppError {
  return new AppError('IMPORT_FAILED', message, [{ path: `file.${kind}`, message }]);
}

export async function readRosterFile(name: string, data: Uint8Array): Promise<GridRow[]> {
  if (data.byteLength === 0) throw fileProblem('empty', 'the file is empty');
  const ext = extname(name).toLowerCase();
  // A zip signature is an xlsx whatever its name says; a browser may send no extension.
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  let rows: GridRow[];
  if (ext === '.xlsx' || isZip) rows = await readXlsx(data);
  else if (ext === '.csv' || ext === '.txt' || ext === '') rows = parseCsv(decodeText(data));
  else throw fileProblem('unknownType', `unknown file type ${ext}: use .xlsx or .csv`);
  const nonBlank = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonBlank.length > ROSTER_MAX_ROWS + 1) throw fileProblem('tooManyRows', `more than ${ROSTER_MAX_ROWS} rows; split the file`);
  return nonBlank;
}

async function readXlsx(data: Uint8Array): Promise<GridRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw fileProblem('unreadable', 'the file could not be read as an .xlsx workbook');
  }
  // The first sheet that has anything in it (a workbook may start with an instructions sheet
  // that is empty, never with one that is not: then the header search below reports it).
  const sheet = book.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return [];
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c)));
    rows.push({ row: number, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  // Phone numbers typed into Excel are numbers: String() keeps all 11 digits (no 1.38E+10).
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  try {
    return cell.text ?? '';
  } catch {
    return String(value);
  }
}

export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return new TextDecoder('utf-8').decode(data.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: GB18030 is a superset of GBK and GB2312 (Node's full ICU decodes it).
    return new TextDecoder('gb18030').decode(data);
  }
}

/** RFC 4180 records (quotes, "" inside quotes, line breaks inside quotes); , or ; or tab. */
export function parseCsv(text: string): GridRow[] {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (d: string) => header.split(d).length - 1;
  const delimiter = [',', '\t', ';', '，'].sort((a, b) => count(b) - count(a))[0];
  const rows: GridRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const end = () => {
    cells.push(field);
    rows.push({ row: recordLine, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line += 1;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      cells.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      end();
      line += 1;
      recordLine = line;
    } else field += c;
  }
  if (field !== '' || cells.length > 0) end();
  return rows;
}
