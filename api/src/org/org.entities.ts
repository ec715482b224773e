// The organisation, its branches (支部), members (党员) and their membership history.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BranchMetric } from '@dangshi/protocol';
import { EpochMsColumn } from '../database/columns';

/** The one row every install has (id 'default'), created on first start. */
export const ORG_ID = 'default';

@Entity('organisations')
export class OrganisationRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'headline_metric', type: 'varchar', length: 24 })
  headlineMetric: BranchMetric;

  @Column({ name: 'utc_offset_minutes', type: 'integer', default: 480 })
  utcOffsetMinutes: number;

  /** Ranking points a member may earn a day from practice and matches together (0: none). */
  @Column({ name: 'practice_daily_cap', type: 'integer', default: 200 })
  practiceDailyCap: number;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt: number;
}

@Entity('branches')
export class BranchRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 40, default: '' })
  secretary: string;

  @Column({ name: 'display_order', type: 'integer', default: 0 })
  displayOrder: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt: number;
}

@Entity('members')
export class MemberRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  /** 手机号 or 工号, also the login name. */
  @Column({ type: 'varchar', length: 32 })
  identifier: string;

  @Column({ name: 'branch_id', type: 'varchar', length: 36 })
  branchId: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @EpochMsColumn({ name: 'joined_at' })
  joinedAt: number;

  @EpochMsColumn({ name: 'created_at' })
  createdAt: number;

  @EpochMsColumn({ name: 'updated_at' })
  updatedAt: number;
}

/** One period of a member in a branch: [fromAt, toAt), toAt null while it lasts. */
@Entity('memberships')
export class MembershipRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'member_id', type: 'varchar', length: 36 })
  memberId: string;

  @Column({ name: 'branch_id', type: 'varchar', length: 36 })
  branchId: string;

  @EpochMsColumn({ name: 'from_at' })
  fromAt: number;

  @EpochMsColumn({ name: 'to_at', nullable: true })
  toAt: number | null;
}
