// Every expectation here was worked out by hand from the totals below.
import { describe, expect, it } from 'vitest';
import { branchStandings, individualStandings, ratio, type BranchInfo, type MemberBranchTotal, type MemberInfo } from './metrics';
import { rankDescending } from './ties';

const branches: BranchInfo[] = [
  { id: 'A', name: '局机关支部', displayOrder: 0, active: true },
  { id: 'B', name: '军休支部', displayOrder: 1, active: true },
  { id: 'C', name: '服务中心支部', displayOrder: 2, active: true },
  { id: 'D', name: '已撤销支部', displayOrder: 3, active: false },
];

// 王明 moved from A to B; 赵强 was in A and has been deactivated; 孙丽 (A) never played.
const members: MemberInfo[] = [
  { id: 'a1', name: '李华', branchId: 'A', active: true },
  { id: 'a2', name: '陈静', branchId: 'A', active: true },
  { id: 'a3', name: '孙丽', branchId: 'A', active: true },
  { id: 'x', name: '赵强', branchId: 'A', active: false },
  { id: 'b1', name: '张伟', branchId: 'B', active: true },
  { id: 'b2', name: '周敏', branchId: 'B', active: true },
  { id: 'm', name: '王明', branchId: 'B', active: true },
];

const t = (memberId: string, branchId: string, points: number, answered: number, correct: number, activities = 1): MemberBranchTotal => ({
  memberId,
  branchId,
  points,
  answered,
  correct,
  activities,
});

const totals: MemberBranchTotal[] = [
  t('a1', 'A', 300, 5, 3),
  t('a2', 'A', 100, 5, 1),
  t('m', 'A', 200, 5, 2), // before the move: stays with A
  t('x', 'A', 0, 5, 0), // before the deactivation
  t('b1', 'B', 300, 5, 3),
  t('b2', 'B', 300, 5, 4, 2),
  t('m', 'B', 100, 5, 1), // after the move
];

describe('branch metrics', () => {
  it('computes every metric side by side, keeping a moved member’s points where they were earned', () => {
    const rows = branchStandings(totals, members, branches, 'avgPerMember');
    expect(rows).toEqual([
      // B: roster b1 b2 m = 3; participants b1 b2 m = 3; 700 points; 8 of 15 right.
      {
        rank: 1,
        branchId: 'B',
        name: '军休支部',
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
      // A: roster a1 a2 a3 = 3; participants a1 a2 m x = 4, of whom m and x have left since,
      // so participation = 4 / (3 + 2) = 0.8; 600 points; 6 of 20 right.
      {
        rank: 2,
        branchId: 'A',
        name: '局机关支部',
        active: true,
        roster: 3,
        participants: 4,
        total: 600,
        avgPerParticipant: 150,
        avgPerMember: 200,
        participation: 0.8,
        accuracy: 0.3,
        answered: 20,
        correct: 6,
      },
      // C: nobody, nothing: zeros, not an error. D is inactive and scored nothing: not shown.
      {
        rank: 3,
        branchId: 'C',
        name: '服务中心支部',
        active: true,
        roster: 0,
        participants: 0,
        total: 0,
        avgPerParticipant: 0,
        avgPerMember: 0,
        participation: 0,
        accuracy: 0,
        answered: 0,
        correct: 0,
      },
    ]);
  });

  it('ranks by whichever headline metric the organisation chose', () => {
    const order = (metric: Parameters<typeof branchStandings>[3]) =>
      branchStandings(totals, members, branches, metric).map((r) => `${r.rank}${r.branchId}`);
    expect(order('total')).toEqual(['1B', '2A', '3C']);
    expect(order('avgPerParticipant')).toEqual(['1B', '2A', '3C']);
    expect(order('participation')).toEqual(['1B', '2A', '3C']);
    expect(order('accuracy')).toEqual(['1B', '2A', '3C']);
    // With A's points doubled, A leads on total but not per member... (1200 vs 700; 400 vs 233.33)
    const richer = totals.map((x) => (x.branchId === 'A' ? { ...x, points: x.points * 2 } : x));
    expect(branchStandings(richer, members, branches, 'total').map((r) => r.branchId)).toEqual(['A', 'B', 'C']);
  });

  it('gives equal headline values the same rank and skips the next (1, 1, 3, 4, 4)', () => {
    const bs: BranchInfo[] = ['P', 'Q', 'R', 'S', 'T'].map((id, i) => ({ id, name: id, displayOrder: i, active: true }));
    const ms: MemberInfo[] = [
      ...['p1', 'p2'].map((id) => ({ id, name: id, branchId: 'P', active: true })),
      ...['q1', 'q2', 'q3', 'q4'].map((id) => ({ id, name: id, branchId: 'Q', active: true })),
      { id: 'r1', name: 'r1', branchId: 'R', active: true },
      { id: 's1', name: 's1', branchId: 'S', active: true },
    ];
    // P: 200 over 2 members = 100; Q: 400 over 4 = 100 (a tie by exact quotient); R: 50;
    // S: member who did not play → 0; T: no members at all → 0 (ties with S).
    const ts = [t('p1', 'P', 150, 1, 1), t('p2', 'P', 50, 1, 1), t('q1', 'Q', 400, 4, 4), t('r1', 'R', 50, 1, 0)];
    expect(branchStandings(ts, ms, bs, 'avgPerMember').map((r) => [r.rank, r.branchId, r.avgPerMember])).toEqual([
      [1, 'P', 100],
      [1, 'Q', 100],
      [3, 'R', 50],
      [4, 'S', 0],
      [4, 'T', 0],
    ]);
  });

  it('shows an inactive branch only when it scored in the window', () => {
    const withD = [...totals, t('x', 'D', 40, 2, 2)];
    const rows = branchStandings(withD, members, branches, 'total');
    expect(rows.map((r) => [r.rank, r.branchId, r.total, r.roster, r.participation])).toEqual([
      [1, 'B', 700, 3, 1],
      [2, 'A', 600, 3, 0.8],
      // D has no roster now; its one participant left: 1 / (0 + 1).
      [3, 'D', 40, 0, 1],
      [4, 'C', 0, 0, 0],
    ]);
  });

  it('works on an empty window', () => {
    const rows = branchStandings([], members, branches, 'avgPerMember');
    expect(rows.map((r) => [r.rank, r.branchId, r.total, r.participation])).toEqual([
      [1, 'A', 0, 0],
      [1, 'B', 0, 0],
      [1, 'C', 0, 0],
    ]);
  });
});

describe('individual ranking', () => {
  it('sums a moved member across branches, shows their branch now, and ties share a rank', () => {
    const rows = individualStandings(totals, new Map(members.map((m) => [m.id, m])), new Map(branches.map((b) => [b.id, b])));
    expect(rows.map((r) => [r.rank, r.name, r.branchName, r.points, r.answered, r.correct, r.accuracy, r.activities, r.active])).toEqual([
      // Four on 300 share 1st, listed by pinyin: Li, Wang, Zhang, Zhou.
      [1, '李华', '局机关支部', 300, 5, 3, 0.6, 1, true],
      [1, '王明', '军休支部', 300, 10, 3, 0.3, 2, true],
      [1, '张伟', '军休支部', 300, 5, 3, 0.6, 1, true],
      [1, '周敏', '军休支部', 300, 5, 4, 0.8, 2, true],
      [5, '陈静', '局机关支部', 100, 5, 1, 0.2, 1, true],
      // Deactivated since: still listed with what they scored, flagged.
      [6, '赵强', '局机关支部', 0, 5, 0, 0, 1, false],
    ]);
  });

  it('is empty for an empty window', () => {
    expect(individualStandings([], new Map(), new Map())).toEqual([]);
  });
});

describe('helpers', () => {
  it('ratio is 0 when there is nothing to divide by', () => {
    expect(ratio(5, 0)).toBe(0);
    expect(ratio(0, 0)).toBe(0);
    expect(ratio(3, 4)).toBe(0.75);
  });

  it('competition ranking: 1, 2, 2, 4', () => {
    const ranked = rankDescending([10, 7, 7, 3], (x) => x, () => 0);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });
});
