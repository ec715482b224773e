// Members (党员) as the admin manages them: list, add one (its account and initial password),
// move between branches (the membership history keeps every period), deactivate and reactivate
// (the account is disabled, nothing is deleted), reset a password (shown once).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type {
  MemberCreateInput,
  MemberCreatedDto,
  MemberCredentialDto,
  MemberDto,
  MemberListQuery,
  MembershipDto,
  MemberRole,
} from '@dangshi/protocol';
import { Session } from '../auth/session.entity';
import { User } from '../auth/user.entity';
import { AppError } from '../common/app-error';
import { BranchesService } from './branches.service';
import { hashInitialPassword, insertMembers, newPassword } from './member-accounts';
import { BranchRecord, MemberRecord, MembershipRecord } from './org.entities';

export function toMemberDto(member: MemberRecord, user: User | undefined, branch: BranchRecord | undefined): MemberDto {
  return {
    id: member.id,
    userId: member.userId,
    username: user?.username ?? member.identifier,
    name: member.name,
    identifier: member.identifier,
    branchId: member.branchId,
    branchName: branch?.name ?? '',
    role: user?.role ?? 'member',
    active: member.active,
    joinedAt: member.joinedAt,
    mustChangePassword: user?.mustChangePassword ?? false,
  };
}

/** LIKE pattern for a search text, with the wildcards in it taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A unique index refused the write (SQLite and PostgreSQL word it differently). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly branches: BranchesService,
  ) {}

  async list(query: MemberListQuery): Promise<MemberDto[]> {
    const qb = this.dataSource.getRepository(MemberRecord).createQueryBuilder('m');
    if (query.branchId) qb.andWhere('m.branch_id = :branchId', { branchId: query.branchId });
    if (query.status === 'active' || query.status === undefined) qb.andWhere('m.active = :active', { active: true });
    if (query.status === 'inactive') qb.andWhere('m.active = :active', { active: false });
    if (query.q) qb.andWhere("(m.name LIKE :q ESCAPE '\\' OR m.identifier LIKE :q ESCAPE '\\')", { q: likePattern(query.q) });
    const rows = await this.toDtos(await qb.getMany());
    // Branch by branch in the organisation's order, names by pinyin (SQL would sort by code point).
    const order = new Map((await this.dataSource.getRepository(BranchRecord).find()).map((b) => [b.id, b.displayOrder]));
    return rows.sort((a, b) => (order.get(a.branchId) ?? 0) - (order.get(b.branchId) ?? 0) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
  }

  async get(id: string): Promise<MemberDto> {
    return (await this.toDtos([await this.find(this.dataSource.manager, id)]))[0];
  }

  async create(input: MemberCreateInput): Promise<MemberCreatedDto> {
    const password = newPassword();
    const passwordHash = await hashInitialPassword(password);
    const identifier = input.identifier.trim();
    try {
      const member = await this.dataSource.transaction(async (manager) => {
        const branch = await this.branches.get(input.branchId, manager);
        if (!branch.active) throw new AppError('BRANCH_INACTIVE');
        if ((await manager.existsBy(MemberRecord, { identifier })) || (await manager.existsBy(User, { username: identifier }))) {
          throw new AppError('MEMBER_EXISTS', undefined, [{ path: 'identifier', message: `"${identifier}" is already a member or an account` }]);
        }
        const role: MemberRole = input.role ?? 'member';
        return (await insertMembers(manager, [{ name: input.name.trim(), identifier, branchId: branch.id, role, passwordHash }]))[0];
      });
      const dto = await this.get(member.id);
      return { member: dto, credential: credential(dto, password) };
    } catch (error) {
      // Two admins adding the same number at once: the unique index decides.
      if (isUniqueViolation(error)) throw new AppError('MEMBER_EXISTS');
      throw error;
    }
  }

  /** Moves a member: the current period ends now and a new one begins in the other branch. */
  async move(id: string, branchId: string): Promise<MemberDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.find(manager, id);
      if (!member.active) throw new AppError('MEMBER_INACTIVE');
      const branch = await this.branches.get(branchId, manager);
      if (!branch.active) throw new AppError('BRANCH_INACTIVE');
      if (member.branchId === branch.id) return;
      const now = Date.now();
      await this.closePeriod(manager, member.id, now);
      await manager.insert(MembershipRecord, { id: randomUUID(), memberId: member.id, branchId: branch.id, fromAt: now, toAt: null });
      await manager.update(MemberRecord, { id: member.id }, { branchId: branch.id, updatedAt: now });
    });
    return this.get(id);
  }

  /** Disables the account and ends the membership period; results and history stay. */
  async deactivate(id: string): Promise<MemberDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.find(manager, id);
      if (!member.active) return;
      const now = Date.now();
      await this.closePeriod(manager, member.id, now);
      await manager.update(MemberRecord, { id: member.id }, { active: false, updatedAt: now });
      await manager.update(User, { id: member.userId }, { active: false, updatedAt: now });
      // Signed-in phones are signed out at once, not at the session's expiry.
      await manager.delete(Session, { userId: member.userId });
    });
    return this.get(id);
  }

  async reactivate(id: string): Promise<MemberDto> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.find(manager, id);
      if (member.active) return;
      const branch = await this.branches.get(member.branchId, manager);
      if (!branch.active) throw new AppError('BRANCH_INACTIVE');
      const now = Date.now();
      await manager.insert(MembershipRecord, { id: randomUUID(), memberId: member.id, branchId: member.branchId, fromAt: now, toAt: null });
      await manager.update(MemberRecord, { id: member.id }, { active: true, updatedAt: now });
      await manager.update(User, { id: member.userId }, { active: true, updatedAt: now });
    });
    return this.get(id);
  }

  /** A new initial password (shown once); the member must change it at the next login. */
  async resetPassword(id: string): Promise<MemberCredentialDto> {
    const password = newPassword();
    const passwordHash = await hashInitialPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const member = await this.find(manager, id);
      if (!member.active) throw new AppError('MEMBER_INACTIVE');
      await manager.update(
        User,
        { id: member.userId },
        { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: Date.now() },
      );
      await manager.delete(Session, { userId: member.userId });
    });
    return credential(await this.get(id), password);
  }

  async history(id: string): Promise<MembershipDto[]> {
    await this.find(this.dataSource.manager, id);
    const periods = await this.dataSource.getRepository(MembershipRecord).find({ where: { memberId: id }, order: { fromAt: 'ASC' } });
    const branches = await this.branchMap(periods.map((p) => p.branchId));
    return periods.map((p) => ({ branchId: p.branchId, branchName: branches.get(p.branchId)?.name ?? '', from: p.fromAt, to: p.toAt }));
  }

  private async closePeriod(manager: EntityManager, memberId: string, now: number): Promise<void> {
    await manager.update(MembershipRecord, { memberId, toAt: IsNull() }, { toAt: now });
  }

  private async find(manager: EntityManager, id: string): Promise<MemberRecord> {
    const member = await manager.findOneBy(MemberRecord, { id });
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    return member;
  }

  private async branchMap(ids: string[]): Promise<Map<string, BranchRecord>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(BranchRecord).findBy({ id: In(unique) });
    return new Map(rows.map((b) => [b.id, b]));
  }

  private async toDtos(members: MemberRecord[]): Promise<MemberDto[]> {
    if (members.length === 0) return [];
    const users = new Map<string, User>();
    const ids = members.map((m) => m.userId);
    for (let i = 0; i < ids.length; i += 500) {
      for (const u of await this.dataSource.getRepository(User).findBy({ id: In(ids.slice(i, i + 500)) })) users.set(u.id, u);
    }
    const branches = await this.branchMap(members.map((m) => m.branchId));
    return members.map((m) => toMemberDto(m, users.get(m.userId), branches.get(m.branchId)));
  }
}

function credential(member: MemberDto, password: string): MemberCredentialDto {
  return { memberId: member.id, name: member.name, branchName: member.branchName, username: member.username, password };
}
