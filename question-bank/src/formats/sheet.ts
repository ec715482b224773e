// Reading .xlsx files as grids of texts, for the 题库 and Kahoot templates.
import ExcelJS from 'exceljs';
import type { GridRow } from './template';

/** The workbook, or undefined when the bytes are not an xlsx file. */
export async function loadWorkbook(data: Uint8Array): Promise<ExcelJS.Workbook | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
    return workbook;
  } catch {
    return undefined;
  }
}

/** Non-empty rows of a sheet; cells[0] is column A. Numbers, dates and rich text come as their shown text. */
export function sheetRows(sheet: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c)));
    rows.push({ row: number, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  if (cell.value === null || cell.value === undefined) return '';
  try {
    return cell.text ?? '';
  } catch {
    return String(cell.value);
  }
}
