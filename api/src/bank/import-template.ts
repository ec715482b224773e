// The Excel 题库 template: the 题库 sheet (header and one example row per question type) and a
// 填写说明 sheet. The examples are real questions from the bank with the ID left blank, so if
// someone forgets to delete them the import reports them as already in the bank instead of
// adding copies.
import ExcelJS from 'exceljs';
import { FORMATS, type Question } from '@dangshi/question-bank';

const INSTRUCTIONS = [
  '题库导入模板 · 填写说明',
  '1. 在“题库”工作表中每行填写一道题，第一行表头请勿修改；示例行可删除。',
  '2. 必填列：题型、题干、答案。题型填写 单选题 / 多选题 / 判断题 / 填空题。',
  '3. 单选题、多选题至少填写 选项A 和 选项B，最多到 选项F；选项之间不要留空列。',
  '4. 答案：单选题填一个字母（如 B）；多选题填两个或以上字母（如 ACD）；判断题填 正确 或 错误；填空题填答案文字，多个可接受的答案用 | 分隔。',
  '5. 难度填写 易 / 中 / 难；分类为空时使用导入页面选择的分类；标签之间用顿号或逗号分隔。',
  '6. 来源请写明出处，如《中国共产党简史》第一章、《中国共产党章程》第七条；来源类型可填 书籍 / 党章 / 法律 / 事件 / 文献，留空时自动判断。',
  '7. ID 可留空，系统会自动生成；同一文件再次导入时，已导入的题目会被跳过，不会重复。',
  '8. 导入前会先预览：每一行的问题都会标出行号，确认无误后再导入。导入的题目为“草稿”，审核后再用于竞赛。',
];

export async function importTemplate(examples: readonly Question[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // Start from the exporter's own sheet so the columns always match what the importer reads.
  await workbook.xlsx.load(Buffer.from(await FORMATS.excel.export!(examples)) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const idColumn = (sheet.getRow(1).values as unknown[]).indexOf('ID');
  if (idColumn > 0) {
    for (let r = 2; r <= sheet.rowCount; r += 1) sheet.getRow(r).getCell(idColumn).value = null;
  }
  // The 说明 sheet comes second: the importer reads the first sheet with a header row.
  const help = workbook.addWorksheet('填写说明');
  help.getColumn(1).width = 110;
  INSTRUCTIONS.forEach((text, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
