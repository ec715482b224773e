// The roster template the import page offers: the header row the importer looks for and a
// sheet explaining each column (kept apart so no example row is ever imported by mistake).
import ExcelJS from 'exceljs';

export const ROSTER_HEADER = ['姓名', '手机号', '工号', '支部', '角色'];

export async function rosterTemplate(branchNames: readonly string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(ROSTER_HEADER).font = { bold: true };
  sheet.columns = [{ width: 14 }, { width: 16 }, { width: 12 }, { width: 18 }, { width: 10 }];
  // Phone numbers as text, so Excel keeps every digit.
  sheet.getColumn(2).numFmt = '@';
  const help = book.addWorksheet('填写说明');
  help.columns = [{ width: 12 }, { width: 70 }];
  for (const row of [
    ['列', '说明'],
    ['姓名', '必填，最多 40 个字'],
    ['手机号', '11 位手机号；党员用它登录。没有手机号时填工号'],
    ['工号', '字母、数字、_ . -，2 到 32 位；手机号为空时用工号登录'],
    ['支部', `必填，须与系统中的支部名称一致${branchNames.length ? `（现有：${branchNames.join('、')}）` : ''}；也可勾选“自动创建不存在的支部”`],
    ['角色', '可不填（默认党员）；可填“党员”或“主持人”'],
  ]) {
    help.addRow(row);
  }
  help.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
