import { describe, expect, it } from 'vitest';
import type { BranchDto, StageRoundType } from '@dangshi/protocol';
import {
  apiIssues,
  changeRoundType,
  checkForm,
  defaultForm,
  move,
  newRound,
  newTeam,
  parseRiskValues,
  syncCounts,
  teamsFromBranches,
  toCreateInput,
  unevenRounds,
  type StageForm,
} from './stage-form';

const TITLES: Record<StageRoundType, string> = { assigned: '必答题', buzz: '抢答题', risk: '风险题', allAnswer: '共答题', tiebreak: '加赛题' };
const titleFor = (type: StageRoundType) => TITLES[type];

function branch(id: string, name: string, displayOrder: number, active = true): BranchDto {
  return { id, name, secretary: '', displayOrder, active, memberCount: 3 };
}

function readyForm(): StageForm {
  const form = defaultForm('党史知识竞赛', titleFor);
  form.teams = teamsFromBranches([branch('b2', '机关二支部', 2), branch('b1', '机关一支部', 1), branch('b3', '离退休支部', 3), branch('bx', '撤销的支部', 0, false)]);
  syncCounts(form);
  return form;
}

describe('the stage set-up form', () => {
  it('is ready to create as pre-filled: one team per active branch and the usual programme', () => {
    const form = readyForm();
    expect(checkForm(form)).toEqual([]);
    const input = toCreateInput(form);
    expect(input.teams).toEqual([
      { name: '机关一支部', branchId: 'b1', memberIds: [] },
      { name: '机关二支部', branchId: 'b2', memberIds: [] },
      { name: '离退休支部', branchId: 'b3', memberIds: [] },
    ]);
    expect(input.rounds.map((r) => [r.type, r.title, r.questionCount])).toEqual([
      ['assigned', '必答题', 3],
      ['buzz', '抢答题', 5],
      ['risk', '风险题', 3],
      ['allAnswer', '共答题', 3],
      ['tiebreak', '加赛题', 1],
    ]);
    // Only the rules a type uses are sent, with the visible defaults.
    expect(input.rounds[0]!.rules).toEqual({ right: 10, wrong: 0 });
    expect(input.rounds[1]!.rules).toEqual({ right: 10, wrong: -10, falseStartPenalty: -5, falseStartLocksOut: true, passOnWrong: true, fairnessWindowMs: 30 });
    expect(input.rounds[2]!.rules).toEqual({ riskValues: [10, 20, 30] });
    expect(input.rounds[3]!.rules).toEqual({ right: 10, wrong: 0, limitMs: 30_000 });
    expect(input.source).toEqual({ categories: [] });
  });

  it('turn-based rounds follow the team count until the host types a count', () => {
    const form = readyForm();
    form.teams.push(newTeam('第四队'));
    form.rounds[2]!.countFollowsTeams = false;
    form.rounds[2]!.questionCount = 6;
    syncCounts(form);
    expect(form.rounds[0]!.questionCount).toBe(4);
    expect(form.rounds[2]!.questionCount).toBe(6);
    // 6 risk questions for 4 teams: two teams get one more.
    expect(unevenRounds(form)).toEqual([2]);
  });

  it('a new type takes its rules and default title but keeps a title the host wrote', () => {
    const round = newRound('assigned', 4, titleFor);
    const buzz = changeRoundType(round, 'buzz', 4, titleFor);
    expect(buzz.title).toBe('抢答题');
    expect(buzz.rules.wrong).toBe(-10);
    expect(buzz.countFollowsTeams).toBe(false);
    const named = changeRoundType({ ...buzz, title: '决胜抢答' }, 'risk', 4, titleFor);
    expect(named.title).toBe('决胜抢答');
    expect(named.questionCount).toBe(4);
  });

  it('reads stakes typed with any usual separator', () => {
    expect(parseRiskValues('10, 20，30、40')).toEqual([10, 20, 30, 40]);
    expect(parseRiskValues(' 5 ')).toEqual([5]);
    expect(parseRiskValues('10, 二十')).toEqual([10, Number.NaN]);
  });

  it('names every bad field, in the order the form shows them', () => {
    const form = readyForm();
    form.title = ' ';
    form.teams[1]!.name = '机关一支部';
    form.teams[2]!.name = '';
    form.rounds[1]!.rules.wrong = 5;
    form.rounds[2]!.rules.riskValues = '10, 二十, 30';
    form.rounds[3]!.rules.limitSec = 2;
    form.rounds[3]!.questionCount = null;
    form.source = 'set';
    expect(checkForm(form).map((i) => [i.field, i.key, i.params?.n ?? i.params?.name ?? null])).toEqual([
      ['title', 'stage.issue.title', null],
      ['team-1-name', 'stage.issue.teamDuplicate', '机关一支部'],
      ['team-2-name', 'stage.issue.teamName', 3],
      ['round-1-wrong', 'stage.issue.wrong', 2],
      ['round-2-riskValues', 'stage.issue.riskValues', 3],
      ['round-3-count', 'stage.issue.roundCount', 4],
      ['round-3-limitMs', 'stage.issue.limitMs', 4],
      ['set', 'stage.issue.setMissing', null],
    ]);
  });

  it('needs 2 to 8 teams and at most 10 rounds', () => {
    const form = readyForm();
    form.teams = [newTeam('独一队')];
    form.rounds = Array.from({ length: 11 }, () => newRound('buzz', 1, titleFor, 2));
    expect(checkForm(form).map((i) => i.key)).toEqual(['stage.issue.teams', 'stage.issue.rounds']);
  });

  it('ties the api’s issue paths to the same fields, and keeps unknown ones in words', () => {
    expect(
      apiIssues([
        { path: 'rounds.0.rules.riskValues.2', message: 'Too big' },
        { path: 'source.setId', message: 'unknown set' },
        { path: 'teams.1.memberIds', message: 'not a member of the branch' },
        { path: 'mystery', message: 'odd' },
      ]),
    ).toEqual([
      { field: 'team-1-members', key: 'stage.issue.teamMembers', params: { n: 2 } },
      { field: 'round-0-riskValues', key: 'stage.issue.riskValues', params: { n: 1 } },
      { field: 'set', key: 'stage.issue.set' },
      { field: null, key: 'stage.issue.other', params: { path: 'mystery', detail: 'odd' } },
    ]);
  });

  it('moves rounds up and down within bounds', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
