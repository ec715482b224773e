// Branches (支部): list with their active member counts, create, rename, reorder, deactivate.
// A branch that ever had a member or a result is never deleted (history points at it); it can
// be deactivated instead, which hides it from rankings unless it scored in the window.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { BranchDto, BranchInput } from '@dangshi/protocol';
import { AppError } from '../common/app-error';
import { ResultRecord } from '../ranking/result.entity';
import { BranchRecord, MemberRecord, MembershipRecord } from './org.entities';

export function toBranchDto(row: BranchRecord, memberCount: number): BranchDto {
  return { id: row.id, name: row.name, secretary: row.secretary, displayOrder: row.displayOrder, active: row.active, memberCount };
}

/** Branch names compare without surrounding or doubled spaces (a roster's 支部 column is typed by hand). */
export function branchKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

@Injectable()
export class BranchesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every branch in display order, with how many active members each has. */
  async list(): Promise<BranchDto[]> {
    const [branches, counts] = await Promise.all([
      this.dataSource.getRepository(BranchRecord).find({ order: { displayOrder: 'ASC', name: 'ASC' } }),
      this.memberCounts(),
    ]);
    return branches.map((b) => toBranchDto(b, counts.get(b.id) ?? 0));
  }

  async memberCounts(): Promise<Map<string, number>> {
    const rows: { branchId: string; n: string | number }[] = await this.dataSource
      .getRepository(MemberRecord)
      .createQueryBuilder('m')
      .select('m.branch_id', 'branchId')
      .addSelect('COUNT(*)', 'n')
      .where('m.active = :active', { active: true })
      .groupBy('m.branch_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.branchId, Number(r.n)]));
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<BranchRecord> {
    const row = await manager.findOneBy(BranchRecord, { id });
    if (!row) throw new AppError('BRANCH_NOT_FOUND');
    return row;
  }

  async create(input: BranchInput, manager: EntityManager = this.dataSource.manager): Promise<BranchRecord> {
    const name = branchKey(input.name);
    await this.assertNameFree(manager, name);
    const now = Date.now();
    // A new branch goes to the end unless the admin says where.
    const last = await manager.getRepository(BranchRecord).createQueryBuilder('b').select('MAX(b.display_order)', 'max').getRawOne<{ max: number | string | null }>();
    const row = manager.create(BranchRecord, {
      id: randomUUID(),
      name,
      secretary: input.secretary?.trim() ?? '',
      displayOrder: input.displayOrder ?? (last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1),
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    });
    return manager.save(row);
  }

  async update(id: string, input: BranchInput): Promise<BranchRecord> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.get(id, manager);
      const name = branchKey(input.name);
      if (name !== row.name) await this.assertNameFree(manager, name);
      row.name = name;
      row.secretary = input.secretary?.trim() ?? '';
      if (input.displayOrder !== undefined) row.displayOrder = input.displayOrder;
      if (input.active !== undefined) row.active = input.active;
      row.updatedAt = Date.now();
      return manager.save(row);
    });
  }

  /** Only a branch nobody ever belonged to and nobody ever scored for. */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.get(id, manager);
      const used =
        (await manager.existsBy(MembershipRecord, { branchId: id })) ||
        (await manager.existsBy(MemberRecord, { branchId: id })) ||
        (await manager.existsBy(ResultRecord, { branchId: id }));
      if (used) throw new AppError('BRANCH_IN_USE');
      await manager.delete(BranchRecord, { id });
    });
  }

  private async assertNameFree(manager: EntityManager, name: string): Promise<void> {
    if (await manager.existsBy(BranchRecord, { name })) {
      throw new AppError('BRANCH_NAME_TAKEN', undefined, [{ path: 'name', message: `a branch named "${name}" exists` }]);
    }
  }
}
