// A member is a login account (users, role member or host) plus the member row and its first
// membership period. They are written together inside the caller's transaction, so an import or
// an add never leaves an account without its member or the other way round. (AuthService's
// createUser writes on its own connection, outside any transaction, hence this helper.)
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { MemberRole } from '@dangshi/protocol';
import * as argon2 from 'argon2';
import { generatePassword } from '../auth/password';
import { User } from '../auth/user.entity';
import { MemberRecord, MembershipRecord } from './org.entities';

/** Initial passwords: read off a sheet and typed on a phone, so readable characters and short. */
export const INITIAL_PASSWORD_LENGTH = 10;

export interface NewMember {
  name: string;
  identifier: string;
  branchId: string;
  role: MemberRole;
  passwordHash: string;
}

export function newPassword(): string {
  return generatePassword(INITIAL_PASSWORD_LENGTH);
}

/**
 * Initial passwords are hashed with OWASP's minimum argon2id settings (19 MiB, 2 passes) rather
 * than the library default the account's own password gets (64 MiB, 3 passes): about nine times
 * faster, so a roster of 500 takes seconds, not a minute. They are random (10 characters of 54,
 * ~57 bits), live only until the first login, and verify like any other hash (the parameters
 * are in the hash string); the member's own password is hashed at full strength.
 */
export function hashInitialPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** Hashes many passwords a few at a time: argon2 runs on libuv's small thread pool anyway. */
export async function hashAll(passwords: readonly string[], parallel = 4): Promise<string[]> {
  const out: string[] = new Array(passwords.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, passwords.length) }, async () => {
      while (next < passwords.length) {
        const i = next++;
        out[i] = await hashInitialPassword(passwords[i]);
      }
    }),
  );
  return out;
}

/** Rows per INSERT: below both dialects' bound-parameter limits. */
const CHUNK = 200;

/** Inserts the accounts, members and first membership periods; returns the members in input order. */
export async function insertMembers(manager: EntityManager, members: readonly NewMember[], now = Date.now()): Promise<MemberRecord[]> {
  const users: User[] = [];
  const rows: MemberRecord[] = [];
  const periods: MembershipRecord[] = [];
  for (const m of members) {
    const user = manager.create(User, {
      id: randomUUID(),
      username: m.identifier,
      displayName: m.name,
      role: m.role,
      passwordHash: m.passwordHash,
      // The initial password was shown to the admin: the member picks their own at first login.
      mustChangePassword: true,
      active: true,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    });
    const member = manager.create(MemberRecord, {
      id: randomUUID(),
      userId: user.id,
      name: m.name,
      identifier: m.identifier,
      branchId: m.branchId,
      active: true,
      joinedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    users.push(user);
    rows.push(member);
    periods.push(manager.create(MembershipRecord, { id: randomUUID(), memberId: member.id, branchId: m.branchId, fromAt: now, toAt: null }));
  }
  for (let i = 0; i < users.length; i += CHUNK) await manager.insert(User, users.slice(i, i + CHUNK));
  for (let i = 0; i < rows.length; i += CHUNK) await manager.insert(MemberRecord, rows.slice(i, i + CHUNK));
  for (let i = 0; i < periods.length; i += CHUNK) await manager.insert(MembershipRecord, periods.slice(i, i + CHUNK));
  return rows;
}
