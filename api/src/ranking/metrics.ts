// The ranking tables, computed from per-(member, branch) totals that one SQL aggregate returns
// (at most one row per member and branch they scored for — bounded by the roster, not by the
// number of results). Pure, so every metric and tie is unit-tested with hand-computed numbers.
import type { BranchMetric, BranchRowDto, IndividualRowDto } from '@dangshi/protocol';
import { rankDescending } from './ties';

/** What one member scored for one branch in the window (the branch is the one at write time). */
export interface MemberBranchTotal {
  memberId: string;
  branchId: string;
  points: number;
  answered: number;
  correct: number;
  activities: number;
}

export interface MemberInfo {
  id: string;
  name: string;
  /** The member's branch now. */
  branchId: string;
  active: boolean;
}

export interface BranchInfo {
  id: string;
  name: string;
  displayOrder: number;
  active: boolean;
}

/** a / b, and 0 (not NaN or an error) when there is nothing to divide by. */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

/** Everyone who scored in the window, best first; equal points share a rank. */
export function individualStandings(
  totals: readonly MemberBranchTotal[],
  members: ReadonlyMap<string, MemberInfo>,
  branches: ReadonlyMap<string, BranchInfo>,
): IndividualRowDto[] {
  const sums = new Map<string, { points: number; answered: number; correct: number; activities: number }>();
  for (const t of totals) {
    const sum = sums.get(t.memberId) ?? { points: 0, answered: 0, correct: 0, activities: 0 };
    sum.points += t.points;
    sum.answered += t.answered;
    sum.correct += t.correct;
    sum.activities += t.activities;
    sums.set(t.memberId, sum);
  }
  const rows = [...sums].flatMap(([memberId, sum]) => {
    const member = members.get(memberId);
    if (!member) return [];
    return [{ member, ...sum }];
  });
  return rankDescending(rows, (r) => r.points, (a, b) => byName(a.member.name, b.member.name)).map(({ item, rank }) => ({
    rank,
    memberId: item.member.id,
    name: item.member.name,
    branchId: item.member.branchId,
    branchName: branches.get(item.member.branchId)?.name ?? '',
    points: item.points,
    answered: item.answered,
    correct: item.correct,
    accuracy: round(ratio(item.correct, item.answered), 4),
    activities: item.activities,
    active: item.member.active,
  }));
}

type Metrics = Pick<BranchRowDto, 'total' | 'avgPerParticipant' | 'avgPerMember' | 'participation' | 'accuracy'>;

/**
 * Every active branch (and any inactive one that scored in the window), ranked by the headline
 * metric; equal headline values share a rank. A branch nobody played for shows zeros.
 */
export function branchStandings(
  totals: readonly MemberBranchTotal[],
  members: readonly MemberInfo[],
  branches: readonly BranchInfo[],
  headline: BranchMetric,
): BranchRowDto[] {
  const roster = new Map<string, Set<string>>();
  for (const m of members) {
    if (!m.active) continue;
    if (!roster.has(m.branchId)) roster.set(m.branchId, new Set());
    roster.get(m.branchId)!.add(m.id);
  }
  const scored = new Map<string, { participants: Set<string>; points: number; answered: number; correct: number }>();
  for (const t of totals) {
    const s = scored.get(t.branchId) ?? { participants: new Set<string>(), points: 0, answered: 0, correct: 0 };
    s.participants.add(t.memberId);
    s.points += t.points;
    s.answered += t.answered;
    s.correct += t.correct;
    scored.set(t.branchId, s);
  }
  const rows = branches
    .filter((b) => b.active || scored.has(b.id))
    .map((branch) => {
      const members = roster.get(branch.id) ?? new Set<string>();
      const s = scored.get(branch.id) ?? { participants: new Set<string>(), points: 0, answered: 0, correct: 0 };
      // Who played for the branch and has left it since still belonged to it in the window.
      let departed = 0;
      for (const id of s.participants) if (!members.has(id)) departed += 1;
      const metrics: Metrics = {
        total: s.points,
        avgPerParticipant: ratio(s.points, s.participants.size),
        avgPerMember: ratio(s.points, members.size),
        participation: ratio(s.participants.size, members.size + departed),
        accuracy: ratio(s.correct, s.answered),
      };
      return { branch, roster: members.size, participants: s.participants.size, answered: s.answered, correct: s.correct, metrics };
    });
  // Ranked on the exact quotients: IEEE division is correctly rounded, so equal fractions
  // (10/4 and 5/2) give identical numbers and tie, and unequal ones never collide.
  const ranked = rankDescending(
    rows,
    (r) => r.metrics[headline],
    (a, b) => a.branch.displayOrder - b.branch.displayOrder || byName(a.branch.name, b.branch.name),
  );
  return ranked.map(({ item, rank }) => ({
    rank,
    branchId: item.branch.id,
    name: item.branch.name,
    active: item.branch.active,
    roster: item.roster,
    participants: item.participants,
    total: item.metrics.total,
    avgPerParticipant: round(item.metrics.avgPerParticipant, 2),
    avgPerMember: round(item.metrics.avgPerMember, 2),
    participation: round(item.metrics.participation, 4),
    accuracy: round(item.metrics.accuracy, 4),
    answered: item.answered,
    correct: item.correct,
  }));
}
