// The roster as rankings need it: every member (id, name, branch now, active) and every branch.
// A few thousand rows at most, read once per ranking request.
import type { DataSource } from 'typeorm';
import { BranchRecord, MemberRecord } from '../org/org.entities';
import type { BranchInfo, MemberInfo } from './metrics';

export interface People {
  members: MemberInfo[];
  branches: BranchInfo[];
  memberById: Map<string, MemberInfo>;
  branchById: Map<string, BranchInfo>;
  /** users.id → member */
  memberByUser: Map<string, MemberInfo>;
}

export async function loadPeople(dataSource: DataSource): Promise<People> {
  const [memberRows, branchRows] = await Promise.all([
    dataSource.getRepository(MemberRecord).find({ select: ['id', 'userId', 'name', 'branchId', 'active'] }),
    dataSource.getRepository(BranchRecord).find({ order: { displayOrder: 'ASC', name: 'ASC' } }),
  ]);
  const members = memberRows.map((m) => ({ id: m.id, name: m.name, branchId: m.branchId, active: m.active }));
  const branches = branchRows.map((b) => ({ id: b.id, name: b.name, displayOrder: b.displayOrder, active: b.active }));
  return {
    members,
    branches,
    memberById: new Map(members.map((m) => [m.id, m])),
    branchById: new Map(branches.map((b) => [b.id, b])),
    memberByUser: new Map(memberRows.map((m, i) => [m.userId, members[i]])),
  };
}
