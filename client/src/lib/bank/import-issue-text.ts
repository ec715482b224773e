// The importers (question-bank) and the import endpoint report problems in English sentences
// that quote the sheet's Chinese column names. For the Chinese UI the common ones are put into
// Chinese here; anything not recognised is shown as it came, which still names the column.
import { locale } from '$lib/i18n';

type Rule = [RegExp, (...groups: string[]) => string];

const FIELD_NAMES: Record<string, string> = {
  stem: '题干',
  options: '选项',
  answer: '答案',
  explanation: '解析',
  category: '分类',
  tags: '标签',
  'source.ref': '来源',
  source: '来源',
  timeLimit: '时限',
  difficulty: '难度',
  id: 'ID',
};
const field = (path: string) => FIELD_NAMES[path] ?? FIELD_NAMES[path.replace(/\.\d+$/, '')] ?? path;

const RULES: Rule[] = [
  [/^missing (题型|题干|答案)$/, (c) => `缺少${c}`],
  [/^missing stem$/, () => '缺少题干'],
  [/^unknown 题型 "(.*)" \(use .*\)$/, (v) => `题型“${v}”无法识别（请填写 单选题、多选题、判断题 或 填空题）`],
  [/^答案 (\w) has no option \(选项A–(\w)\)$/, (l, last) => `答案 ${l} 没有对应的选项（只有选项A–${last}）`],
  [/^答案 "(.*)" is not option letters$/, (v) => `答案“${v}”不是选项字母`],
  [/^a 单选题 has one answer letter, not "(.*)"$/, (v) => `单选题只能有一个答案字母，而不是“${v}”`],
  [/^a 多选题 has at least two answer letters, not "(.*)"$/, (v) => `多选题至少需要两个答案字母，而不是“${v}”`],
  [/^答案 "(.*)" of a 判断题 is not .*$/, (v) => `判断题的答案“${v}”应为 正确/错误（对/错、√/×）`],
  [/^选项(\w) is empty but a later option is filled$/, (l) => `选项${l}为空，但后面的选项有内容（选项之间不能留空）`],
  [/^a choice question needs at least 选项A and 选项B$/, () => '选择题至少需要选项A和选项B'],
  [/^难度 "(.*)" is not 易, 中 or 难$/, (v) => `难度“${v}”应为 易、中 或 难`],
  [/^unknown 来源类型 "(.*)" .*$/, (v) => `来源类型“${v}”无法识别（书籍、党章、法律、事件 或 文献）`],
  [/^question (\S+) appears twice \(first at row (\d+)\)$/, (id, r) => `与第 ${r} 行是同一道题（${id}），已跳过`],
  [/^question (\S+) appears twice \(first at line (\d+)\)$/, (id, r) => `与第 ${r} 行是同一道题（${id}），已跳过`],
  [/^no header row with the columns .*$/, () => '前 10 行中没有找到表头（需要 题型、题干、答案 等列）'],
  [/^missing required columns? (.*) in the header row$/, (c) => `表头缺少必填列：${c}`],
  [/^not an \.xlsx workbook.*$/, () => '不是有效的 .xlsx 工作簿（请在 Excel/WPS 中另存为 .xlsx）'],
  [/^a quoted field opens here and is never closed$/, () => '此处的引号没有闭合，CSV 文件可能已损坏'],
  [/^not well-formed XML: (.*)$/, (m) => `XML 格式错误：${m}`],
  [/^no <quiz> element.*$/, () => '没有 <quiz> 元素，不是 Moodle XML 题目文件'],
  [/^no answer block \{…\}.*$/, () => '没有答案块 {…}，不是题目'],
  [/^no correct answer.*$/, () => '没有标出正确答案'],
  [/^the file is empty$/, () => '文件是空的'],
  [/^no questions found in the file$/, () => '文件中没有找到题目'],
  [/^the file is larger than (\d+) MB$/, (n) => `文件超过 ${n} MB，请拆分后分批导入`],
  [/^unknown file type (\S+): .*$/, (ext) => `无法识别的文件类型 ${ext}：请使用 .xlsx、.csv、.gift/.txt 或 .xml，或手动选择格式`],
  [/^the file could not be read as (.*)$/, (f) => `无法按 ${f} 格式读取此文件`],
  [/^no file: .*$/, () => '没有收到文件，请重新选择'],
  [/^send one file in the multipart field .*$/, () => '上传失败，请重新选择一个文件'],
  [/^the database refused the write; nothing was imported$/, () => '数据库写入失败，本次没有导入任何题目，题库保持原样'],
  [/^([\w.]+): Too big: expected string to have <=(\d+) characters$/, (p, n) => `${field(p)}过长（最多 ${n} 字）`],
  [/^([\w.]+): Too small: expected string to have >=1 characters$/, (p) => `${field(p)}不能为空`],
  [/^([\w.]+): Too small: expected array to have >=(\d+) items$/, (p, n) => `${field(p)}至少需要 ${n} 项`],
  [/^([\w.]+): Too big: expected array to have <=(\d+) items$/, (p, n) => `${field(p)}最多 ${n} 项`],
  [/^answer: answer (\w) has no option \(only (\d+) options\)$/, (l, n) => `答案 ${l} 没有对应的选项（只有 ${n} 个选项）`],
  [/^options: two options are the same$/, () => '有两个选项内容相同'],
  [/^timeLimit: .*$/, () => '时限应为 5–300 秒的整数'],
  [/^id: .*$/, () => 'ID 只能包含小写字母、数字、“-”或“_”，最多 64 个字符'],
];

export function importIssueText(message: string): string {
  if (locale.current === 'en') return message;
  // Several schema problems of one row arrive joined with "; ".
  return message
    .split('; ')
    .map((part) => {
      for (const [pattern, render] of RULES) {
        const match = pattern.exec(part);
        if (match) return render(...match.slice(1));
      }
      return part;
    })
    .join('；');
}
