// The Chinese 题库 template as .xlsx (see template.ts for the columns).
import ExcelJS from 'exceljs';
import type { Question } from '../schema';
import { Collector } from './collect';
import { loadWorkbook, sheetRows } from './sheet';
import { hasTemplateHeader, importGrid, templateRows } from './template';
import type { Format, ImportOptions, ImportResult } from './types';

export async function importExcel(data: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const collector = new Collector(options, 'Excel');
  const workbook = await loadWorkbook(data);
  if (!workbook) {
    collector.fail({}, 'not an .xlsx workbook (save it from Excel/WPS as .xlsx)');
    return collector.result();
  }
  // The questions are usually on the first sheet, but a cover or instructions sheet may come first.
  const sheets = workbook.worksheets.map(sheetRows);
  importGrid(sheets.find(hasTemplateHeader) ?? sheets[0] ?? [], collector);
  return collector.result();
}

const WIDTHS: Record<string, number> = { 题干: 50, 解析: 50, 来源: 30 };

export async function exportExcel(questions: readonly Question[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库', { views: [{ state: 'frozen', ySplit: 1 }] });
  const [header, ...rows] = templateRows(questions);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  header.forEach((name, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = WIDTHS[name] ?? (name.startsWith('选项') ? 18 : 10);
    // Text format keeps 1921 or 0012 as typed when someone edits the sheet and saves it again.
    column.numFmt = '@';
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const excel: Format = {
  name: 'excel',
  extensions: ['.xlsx'],
  import: importExcel,
  export: exportExcel,
};
