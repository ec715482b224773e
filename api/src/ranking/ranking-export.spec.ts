import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { BranchRankingDto } from '@dangshi/protocol';
import { branchTable, exportFileName, toCsv, toXlsx, windowLabel } from './ranking-export';

const CST = 480;
const dto: BranchRankingDto = {
  window: { kind: 'month', from: Date.parse('2026-05-01T00:00:00+08:00'), to: Date.parse('2026-06-01T00:00:00+08:00'), contestId: null, contestTitle: null },
  headline: 'avgPerMember',
  rows: [
    {
      rank: 1,
      branchId: 'b',
      name: '=军休支部',
      active: true,
      roster: 3,
      participants: 3,
      total: 700,
      avgPerParticipant: 233.33,
      avgPerMember: 233.33,
      participation: 1,
      accuracy: 0.5333,
      answered: 15,
      correct: 8,
    },
  ],
};

describe('ranking exports', () => {
  it('labels the window with its local dates (the end is inclusive)', () => {
    expect(windowLabel(dto.window, CST, 'zh')).toBe('本月 (2026-05-01 ~ 2026-05-31)');
    expect(exportFileName(branchTable(dto, CST, 'zh'), dto.window, CST, 'csv')).toBe('支部排名_2026-05-01_2026-05-31.csv');
  });

  it('writes CSV as UTF-8 with a BOM and defuses cells that would run as formulas', () => {
    const csv = toCsv(branchTable(dto, CST, 'zh'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[1]).toBe('名次,支部,在册党员,参与人数,总积分,参与人均积分,在册人均积分（排名依据）,参与率,正确率');
    expect(lines[2]).toBe("1,'=军休支部,3,3,700,233.33,233.33,100.0%,53.3%");
  });

  it('writes an XLSX with the caption, the header and the rows', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(branchTable(dto, CST, 'en'))) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Branch ranking');
    expect(sheet.getRow(1).getCell(1).value).toBe('This month (2026-05-01 ~ 2026-05-31)');
    expect(sheet.getRow(2).getCell(7).value).toBe('Avg per member (ranks)');
    expect(sheet.getRow(3).getCell(5).value).toBe(700);
  });
});
