// Imports a roster (花名册): a dry run checks every row and reports; a commit creates the
// members of every good row (and, when asked, the branches the file names that do not exist)
// in ONE transaction, so a failure leaves the organisation exactly as it was. The initial
// passwords are returned once and never stored in clear.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { MemberCredentialDto, RosterImportResultDto } from '@dangshi/protocol';
import { User } from '../auth/user.entity';
import { BranchesService, branchKey } from './branches.service';
import { hashAll, insertMembers, newPassword } from './member-accounts';
import { isUniqueViolation } from './members.service';
import { BranchRecord, MemberRecord } from './org.entities';
import { checkRoster, cleanPhone, findHeader, type RosterCheck } from './roster-check';
import { fileProblem, readRosterFile, type GridRow } from './roster-file';

export interface RosterImportRequest {
  dryRun: boolean;
  createBranches: boolean;
}

const LOOKUP_CHUNK = 500;
/** The preview carries this many rows back (the issues always come in full). */
const PREVIEW_ROWS = 1000;

@Injectable()
export class RosterImportService {
  private readonly logger = new Logger('RosterImport');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly branches: BranchesService,
  ) {}

  async run(file: { name: string; data: Uint8Array }, request: RosterImportRequest): Promise<RosterImportResultDto> {
    const grid = await readRosterFile(file.name, file.data);
    if (grid.length === 0) throw fileProblem('noRows', 'the file has no rows');
    const checked = await this.check(grid, request.createBranches);
    const fresh = checked.rows.filter((r) => r.status === 'new');
    const result: RosterImportResultDto = {
      dryRun: request.dryRun,
      createBranches: request.createBranches,
      total: checked.rows.length,
      created: fresh.length,
      duplicates: checked.rows.filter((r) => r.status === 'duplicate').length,
      skipped: checked.rows.filter((r) => r.status === 'error').length,
      rows: checked.rows.slice(0, PREVIEW_ROWS).map(({ branchKey: _key, ...row }) => row),
      issues: checked.issues,
      missingBranches: checked.missingBranches,
      createdBranches: [],
      credentials: [],
    };
    if (request.dryRun || fresh.length === 0) return result;

    // Hashing is slow (argon2) and needs no lock: done before the transaction opens.
    const passwords = fresh.map(() => newPassword());
    const hashes = await hashAll(passwords);
    try {
      await this.dataSource.transaction(async (manager) => {
        const byKey = new Map((await manager.find(BranchRecord)).map((b) => [b.name, b]));
        for (const name of new Set(fresh.filter((r) => r.newBranch).map((r) => r.branchKey))) {
          if (byKey.has(name)) continue;
          byKey.set(name, await this.branches.create({ name, secretary: '' }, manager));
          result.createdBranches.push(name);
        }
        const created = await insertMembers(
          manager,
          fresh.map((r, i) => ({ name: r.name, identifier: r.identifier, branchId: byKey.get(r.branchKey)!.id, role: r.role, passwordHash: hashes[i] })),
        );
        result.credentials = created.map(
          (m, i): MemberCredentialDto => ({ memberId: m.id, name: m.name, branchName: fresh[i].branch, username: m.identifier, password: passwords[i] }),
        );
      });
    } catch (error) {
      // The transaction rolled back: nothing of this file was written. Say so plainly.
      this.logger.error(`roster import of ${file.name} rolled back: ${error instanceof Error ? error.message : String(error)}`);
      // Someone added one of these numbers between the check and the commit.
      if (isUniqueViolation(error)) throw fileProblem('changed', 'a number in the file became a member meanwhile; preview again');
      throw fileProblem('database', 'the database refused the write; nothing was imported');
    }
    this.logger.log(`imported ${result.created} members (${result.createdBranches.length} new branches)`);
    return result;
  }

  private async check(grid: GridRow[], createBranches: boolean): Promise<RosterCheck> {
    // The numbers in the file first, then one IN (…) lookup per chunk of them.
    const { headerIndex, columns } = findHeader(grid);
    const numbers = new Set<string>();
    for (const row of grid.slice(headerIndex + 1)) {
      if (columns.phone !== null) numbers.add(cleanPhone((row.cells[columns.phone] ?? '').trim()));
      if (columns.staff !== null) numbers.add((row.cells[columns.staff] ?? '').trim());
    }
    numbers.delete('');
    const list = [...numbers].filter((n) => n.length <= 64);
    const members = new Set<string>();
    const usernames = new Set<string>();
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const part = list.slice(i, i + LOOKUP_CHUNK);
      for (const m of await this.dataSource.getRepository(MemberRecord).find({ select: ['identifier'], where: { identifier: In(part) } })) members.add(m.identifier);
      for (const u of await this.dataSource.getRepository(User).find({ select: ['username'], where: { username: In(part) } })) usernames.add(u.username);
    }
    for (const m of members) usernames.delete(m);
    const branches = new Map((await this.dataSource.getRepository(BranchRecord).find()).map((b) => [b.name, { id: b.id, active: b.active }]));
    return checkRoster(grid, { branches, members, usernames, createBranches }, branchKey);
  }
}
