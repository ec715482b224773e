// The host's export after a contest: a summary sheet, one row per question with its answer
// distribution and share correct, and one row per player with every answer.
import ExcelJS from 'exceljs';
import { LETTERS } from '@dangshi/question-bank';
import type { AnswerResponse } from '@dangshi/protocol';
import type { ContestState, ContestQuestion } from './engine/types';
import { rankPlayers, rankTeams } from './engine/ranking';
import { distribution } from './engine/views';

const TYPE_NAMES = { single: '单选题', multiple: '多选题', truefalse: '判断题', fill: '填空题' } as const;

function keyText(q: ContestQuestion): string {
  switch (q.key.type) {
    case 'single':
    case 'multiple':
      return q.key.options.map((o) => LETTERS[o]).join('');
    case 'truefalse':
      return q.key.value ? '正确' : '错误';
    case 'fill':
      return q.key.accepted.join(' | ');
  }
}

function responseText(r: AnswerResponse | undefined): string {
  if (!r) return '';
  if (r.kind === 'choice') return r.options.map((o) => LETTERS[o]).sort().join('');
  if (r.kind === 'truefalse') return r.value ? '正确' : '错误';
  return r.text;
}

const when = (ms: number | null) => (ms === null ? '' : new Date(ms).toLocaleString('zh-CN', { hour12: false }));

export async function contestResultsWorkbook(source: ContestState): Promise<Buffer> {
  // Rank a copy: exporting must not touch the live contest's state.
  const state: ContestState = structuredClone(source);
  rankPlayers(state, 0);
  const players = state.playerOrder.map((id) => state.players[id]).filter((p) => !p.kicked);
  players.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const scored = state.questions.slice(0, state.revealed);
  const teamName = (team: number | null) => (team === null ? '' : (state.settings.teams[team] ?? ''));

  const book = new ExcelJS.Workbook();
  book.creator = '党史知识竞赛';
  const summary = book.addWorksheet('汇总');
  summary.columns = [{ width: 18 }, { width: 50 }];
  summary.addRows([
    ['竞赛名称', state.settings.title],
    ['房间码', state.pin],
    ['开始时间', when(state.createdAt)],
    ['结束时间', when(state.endedAt)],
    ['题目数', state.questions.length],
    ['已计分题目数', scored.length],
    ['参赛人数', players.length],
    ['计分方式', state.settings.scoring === 'speed' ? '速度计分' : '准确计分'],
    [],
    ['名次', '昵称', '代表队', '得分', '答对题数', '总用时（秒）'],
    ...players.map((p) => [p.rank, p.nickname, teamName(p.team), p.score, p.correctCount, Math.round(p.totalTimeMs / 100) / 10]),
  ]);
  summary.getRow(10).font = { bold: true };
  summary.columns = [{ width: 10 }, { width: 30 }, { width: 16 }, { width: 12 }, { width: 12 }, { width: 14 }];

  if (state.settings.teams.length > 0) {
    const teams = book.addWorksheet('代表队');
    teams.addRow(['名次', '代表队', '人数', '总分', '人均得分']).font = { bold: true };
    for (const t of rankTeams(state)) teams.addRow([t.rank, t.name, t.players, t.total, t.average]);
    teams.getColumn(2).width = 24;
  }

  const perQuestion = book.addWorksheet('逐题统计');
  const maxOptions = Math.max(2, ...state.questions.map((q) => q.options.length));
  perQuestion.addRow([
    '序号',
    '题型',
    '题干',
    '正确答案',
    '作答人数',
    '答对人数',
    '正确率',
    ...Array.from({ length: maxOptions }, (_, i) => `选 ${LETTERS[i]}`),
  ]).font = { bold: true };
  state.questions.forEach((q, i) => {
    const d = distribution(state, i);
    const labels = q.type === 'truefalse' ? ['正确', '错误'] : q.type === 'fill' ? ['答对', '答错'] : null;
    perQuestion.addRow([
      i + 1,
      TYPE_NAMES[q.type],
      q.stem,
      keyText(q),
      d.answered,
      d.correct,
      d.answered ? Math.round((d.correct / d.answered) * 1000) / 10 + '%' : '',
      ...d.counts.map((c, k) => (labels ? `${labels[k]} ${c}` : c)),
    ]);
  });
  perQuestion.getColumn(3).width = 60;

  const perPlayer = book.addWorksheet('个人明细');
  perPlayer.addRow(['名次', '昵称', '得分', ...state.questions.flatMap((_, i) => [`第${i + 1}题作答`, `第${i + 1}题得分`])]).font = { bold: true };
  for (const p of players) {
    perPlayer.addRow([
      p.rank,
      p.nickname,
      p.score,
      ...state.questions.flatMap((_, i) => {
        const a = p.answers[i];
        return [responseText(a?.response), a ? (i < state.revealed ? a.points : '未计分') : ''];
      }),
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
