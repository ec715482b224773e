// The judges' record of a stage as a file: every score change (the audit log), every buzz as it
// arrived, and the final scores, in Chinese with the organisation's local time to the
// millisecond (buzz order is decided in milliseconds). XLSX has a sheet each; CSV puts the three
// tables one under the other (UTF-8 with a BOM, as ranking exports do, for Excel).
import ExcelJS from 'exceljs';
import type { StageRoundType } from '@dangshi/protocol';
import { toCsv, type ExportTable } from '../ranking/ranking-export';
import type { AuditReason, BuzzLogEntry, StageState } from './engine/types';
import { judgedAnswers } from './stage-results';
import type { StageMeta } from './stage-views';

const REASONS: Record<AuditReason, string> = {
  right: '答对',
  wrong: '答错',
  falseStart: '抢答犯规',
  adjust: '评委调分',
  undo: '撤销',
};

const BUZZ_KINDS: Record<BuzzLogEntry['kind'], string> = {
  falseStart: '抢答犯规（抢答器未开）',
  first: '首先抢答',
  simultaneous: '同时抢答（公平窗口内）',
};

const STATUS = { setup: '未开始', running: '进行中', finished: '已结束' } as const;

const ROUND_TYPES: Record<StageRoundType, string> = { assigned: '必答', buzz: '抢答', risk: '风险', allAnswer: '共答', tiebreak: '加赛' };

export const AUDIT_HEADER = ['序号', '时间', '操作人', '代表队', '分值变化', '原因', '备注', '轮次', '题号', '撤销的序号'];
export const BUZZ_HEADER = ['轮次', '题号', '时间', '代表队', '类型', '获得答题权'];
export const SCORE_HEADER = ['名次', '代表队', '支部', '得分', '答题数', '答对数'];

/** Local time with milliseconds: 2025-07-01 19:30:05.123. */
export function localTime(t: number, offsetMinutes: number): string {
  return new Date(t + offsetMinutes * 60_000).toISOString().replace('T', ' ').replace('Z', '');
}

export interface AuditTables {
  title: string;
  status: string;
  audit: (string | number)[][];
  buzzes: (string | number)[][];
  scores: (string | number)[][];
}

export function auditTables(state: StageState, meta: StageMeta, offsetMinutes: number): AuditTables {
  const team = new Map(meta.teams.map((t) => [t.id, t]));
  const teamName = (id: string | null) => (id === null ? '' : (team.get(id)?.name ?? id));
  const roundTitle = (r: number | null) => (r === null ? '' : (state.rounds[r]?.title ?? String(r + 1)));
  const questionNo = (q: number | null) => (q === null ? '' : q + 1);
  const audit = state.log.map((e) => [
    e.seq,
    localTime(e.at, offsetMinutes),
    e.by === 'engine' ? '系统' : (meta.judges.get(e.by) ?? e.by),
    teamName(e.teamId),
    e.delta,
    REASONS[e.reason],
    e.note ?? '',
    roundTitle(e.round),
    questionNo(e.question),
    e.ref ?? '',
  ]);
  const buzzes = state.buzzLog.map((b) => [
    roundTitle(b.round),
    questionNo(b.question),
    localTime(b.at, offsetMinutes),
    teamName(b.teamId),
    BUZZ_KINDS[b.kind],
    teamName(b.winner),
  ]);
  const judged = judgedAnswers(state.log);
  const ordered = [...state.teams].sort((a, b) => state.scores[b.id] - state.scores[a.id]);
  const scores = ordered.map((t) => {
    // Equal scores share a place: 1, 2, 2, 4.
    const rank = 1 + ordered.filter((o) => state.scores[o.id] > state.scores[t.id]).length;
    const j = judged.get(t.id) ?? { answered: 0, correct: 0 };
    return [rank, t.name, team.get(t.id)?.branchName ?? '', state.scores[t.id], j.answered, j.correct];
  });
  return { title: meta.title, status: STATUS[state.status], audit, buzzes, scores };
}

export function auditCsv(tables: AuditTables): Buffer {
  const table: ExportTable = {
    title: '评分记录',
    caption: `${tables.title} · 评分记录（${tables.status}）`,
    header: AUDIT_HEADER,
    rows: [...tables.audit, [], ['抢答记录'], BUZZ_HEADER, ...tables.buzzes, [], ['最终得分'], SCORE_HEADER, ...tables.scores],
  };
  return toCsv(table);
}

export async function auditXlsx(tables: AuditTables, state: StageState): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '党史知识竞赛';
  const sheet = (name: string, header: string[], rows: (string | number)[][], widths: number[]) => {
    const s = book.addWorksheet(name);
    s.addRow(header).font = { bold: true };
    for (const row of rows) s.addRow(row);
    s.columns.forEach((c, i) => (c.width = widths[i] ?? 12));
    s.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const summary = book.addWorksheet('概况');
  summary.addRows([
    ['竞赛名称', tables.title],
    ['状态', tables.status],
    ['赛程', state.rounds.map((r) => `${r.title}（${ROUND_TYPES[r.type]}）`).join('、')],
    ['计分记录条数', tables.audit.length],
    ['抢答记录条数', tables.buzzes.length],
  ]);
  summary.getColumn(1).width = 16;
  summary.getColumn(2).width = 60;
  sheet('最终得分', SCORE_HEADER, tables.scores, [8, 24, 20, 10, 10, 10]);
  sheet('评分记录', AUDIT_HEADER, tables.audit, [8, 26, 14, 20, 10, 10, 30, 14, 8, 12]);
  sheet('抢答记录', BUZZ_HEADER, tables.buzzes, [14, 8, 26, 20, 24, 20]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
