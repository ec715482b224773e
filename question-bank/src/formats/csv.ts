// The Chinese 题库 template as CSV. Excel on Chinese Windows saves CSV as GBK and needs a BOM
// to read UTF-8, so we read both and write UTF-8 with a BOM.
import type { Question } from '../schema';
import { Collector } from './collect';
import { importGrid, templateRows, type GridRow } from './template';
import { decodeText, encodeText } from './text';
import type { Format, ImportOptions, ImportResult } from './types';

export interface CsvParse {
  rows: GridRow[];
  /** Row where a quoted field opens and never closes. */
  unclosedQuoteAt?: number;
}

/** RFC 4180 records: "…" quotes fields, "" is a quote inside them, line breaks may be inside. */
export function parseCsv(text: string): CsvParse {
  const delimiter = guessDelimiter(text);
  const rows: GridRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let quoteRow = 0;
  const endRecord = () => {
    cells.push(field);
    rows.push({ row: rows.length + 1, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteRow = rows.length + 1;
    } else if (c === delimiter) {
      cells.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
    } else field += c;
  }
  if (field !== '' || cells.length > 0 || quoted) endRecord();
  return { rows, unclosedQuoteAt: quoted ? quoteRow : undefined };
}

/** Excel writes ";" in some locales and tab for "Unicode text"; a header line tells which. */
function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (d: string) => header.split(d).length - 1;
  const best = [',', '\t', ';'].sort((a, b) => count(b) - count(a))[0];
  return count(best) > 0 ? best : ',';
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export async function importCsv(data: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const collector = new Collector(options, 'CSV');
  const { rows, unclosedQuoteAt } = parseCsv(decodeText(data));
  if (unclosedQuoteAt !== undefined) {
    collector.fail({ row: unclosedQuoteAt }, 'a quoted field opens here and is never closed');
    return collector.result();
  }
  // An empty file (or only blank lines) is a valid file with no questions.
  if (rows.some((r) => r.cells.some((c) => c.trim() !== ''))) importGrid(rows, collector);
  return collector.result();
}

export function exportCsv(questions: readonly Question[]): string {
  return `${templateRows(questions).map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export const csv: Format = {
  name: 'csv',
  extensions: ['.csv'],
  import: importCsv,
  export: async (questions) => encodeText(exportCsv(questions), { bom: true }),
};
