// A ranking as a file: the same table as the page, in XLSX (exceljs) or CSV (UTF-8 with a BOM,
// which Excel on Chinese Windows needs to read it as UTF-8). Headings in Chinese or English.
import ExcelJS from 'exceljs';
import type { BranchMetric, BranchRankingDto, IndividualRankingDto, RankingWindowDto } from '@dangshi/protocol';

export type Lang = 'zh' | 'en';

export interface ExportTable {
  /** Sheet name and the start of the file name. */
  title: string;
  /** Lines above the table: what the window was. */
  caption: string;
  header: string[];
  rows: (string | number)[][];
}

const METRIC: Record<BranchMetric, Record<Lang, string>> = {
  total: { zh: '总积分', en: 'Total points' },
  avgPerParticipant: { zh: '参与人均积分', en: 'Avg per participant' },
  avgPerMember: { zh: '在册人均积分', en: 'Avg per member' },
  participation: { zh: '参与率', en: 'Participation' },
  accuracy: { zh: '正确率', en: 'Accuracy' },
};

const WINDOW: Record<RankingWindowDto['kind'], Record<Lang, string>> = {
  week: { zh: '本周', en: 'This week' },
  month: { zh: '本月', en: 'This month' },
  quarter: { zh: '本季度', en: 'This quarter' },
  year: { zh: '本年度', en: 'This year' },
  all: { zh: '全部', en: 'All time' },
  custom: { zh: '自定义时段', en: 'Custom period' },
  contest: { zh: '单场竞赛', en: 'One contest' },
};

/** A local date (the organisation's time zone) as YYYY-MM-DD. */
export function localDate(t: number, offsetMinutes: number): string {
  return new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function windowLabel(window: RankingWindowDto, offsetMinutes: number, lang: Lang): string {
  const name = WINDOW[window.kind][lang];
  if (window.kind === 'contest') return `${name}: ${window.contestTitle ?? window.contestId}`;
  if (window.from === null || window.to === null) return name;
  // `to` is exclusive: the last day shown is the day before it.
  const range = `${localDate(window.from, offsetMinutes)} ~ ${localDate(window.to - 1, offsetMinutes)}`;
  return `${name} (${range})`;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function individualTable(dto: IndividualRankingDto, offsetMinutes: number, lang: Lang): ExportTable {
  const zh = lang === 'zh';
  return {
    title: zh ? '个人排名' : 'Individual ranking',
    caption: windowLabel(dto.window, offsetMinutes, lang),
    header: zh
      ? ['名次', '姓名', '支部', '积分', '答题数', '答对数', '正确率', '参与次数']
      : ['Rank', 'Name', 'Branch', 'Points', 'Answered', 'Correct', 'Accuracy', 'Activities'],
    rows: dto.rows.map((r) => [r.rank, r.name, r.branchName, r.points, r.answered, r.correct, percent(r.accuracy), r.activities]),
  };
}

export function branchTable(dto: BranchRankingDto, offsetMinutes: number, lang: Lang): ExportTable {
  const zh = lang === 'zh';
  const metric = (m: BranchMetric) => `${METRIC[m][lang]}${m === dto.headline ? (zh ? '（排名依据）' : ' (ranks)') : ''}`;
  return {
    title: zh ? '支部排名' : 'Branch ranking',
    caption: windowLabel(dto.window, offsetMinutes, lang),
    header: [
      zh ? '名次' : 'Rank',
      zh ? '支部' : 'Branch',
      zh ? '在册党员' : 'Members',
      zh ? '参与人数' : 'Participants',
      metric('total'),
      metric('avgPerParticipant'),
      metric('avgPerMember'),
      metric('participation'),
      metric('accuracy'),
    ],
    rows: dto.rows.map((r) => [
      r.rank,
      r.name,
      r.roster,
      r.participants,
      r.total,
      r.avgPerParticipant,
      r.avgPerMember,
      percent(r.participation),
      percent(r.accuracy),
    ]),
  };
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.title);
  sheet.addRow([table.caption]).font = { bold: true };
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = i === 1 ? 18 : 12;
  });
  // The header stays in view while scrolling a long list.
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell starting with = + - @ would run as a formula when the CSV is opened: quote it away. */
function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ExportTable): Buffer {
  const lines = [[table.caption], table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export function exportFileName(table: ExportTable, window: RankingWindowDto, offsetMinutes: number, ext: string): string {
  const span =
    window.kind === 'contest'
      ? (window.contestTitle ?? window.contestId ?? '')
      : window.from !== null && window.to !== null
        ? `${localDate(window.from, offsetMinutes)}_${localDate(window.to - 1, offsetMinutes)}`
        : 'all';
  return `${table.title}_${span}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}
