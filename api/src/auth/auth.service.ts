// Accounts: login with lock-out, cookie sessions, password changes, user creation.
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import type { CreateUserInput, SessionDto } from '@dangshi/protocol';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { AppError } from '../common/app-error';
import { hashPassword, verifyPassword } from './password';
import { Session } from './session.entity';
import { toUserDto, User } from './user.entity';

export interface Authenticated {
  user: User;
  session: Session;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AuthService {
  // Verified against when the username is unknown, so timing does not reveal which names exist.
  private dummyHash: Promise<string> | undefined;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, now = Date.now()): Promise<{ token: string; session: SessionDto }> {
    const user = await this.users.findOneBy({ username });
    if (!user) {
      this.dummyHash ??= hashPassword('not-a-real-password');
      await verifyPassword(await this.dummyHash, password);
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (user.lockedUntil !== null && user.lockedUntil > now) throw new AppError('ACCOUNT_LOCKED');
    if (!(await verifyPassword(user.passwordHash, password))) {
      user.failedLogins += 1;
      if (user.failedLogins >= this.config.LOGIN_MAX_FAILURES) {
        user.lockedUntil = now + this.config.LOGIN_LOCK_MINUTES * 60_000;
        user.failedLogins = 0;
      }
      user.updatedAt = now;
      await this.users.save(user);
      throw new AppError(user.lockedUntil !== null && user.lockedUntil > now ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
    }
    if (!user.active) throw new AppError('ACCOUNT_DISABLED');
    if (user.failedLogins !== 0 || user.lockedUntil !== null) {
      user.failedLogins = 0;
      user.lockedUntil = null;
      user.updatedAt = now;
      await this.users.save(user);
    }
    await this.sessions.delete({ expiresAt: LessThan(now) });
    const token = randomBytes(32).toString('base64url');
    const session = await this.sessions.save(
      this.sessions.create({
        id: sha256(token),
        userId: user.id,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        expiresAt: now + this.config.SESSION_TTL_HOURS * 3_600_000,
      }),
    );
    return { token, session: { user: toUserDto(user), csrfToken: session.csrfToken } };
  }

  /** The user behind a session cookie, or null when the token is unknown, expired or disabled. */
  async authenticate(token: string | undefined, now = Date.now()): Promise<Authenticated | null> {
    if (!token) return null;
    const session = await this.sessions.findOneBy({ id: sha256(token) });
    if (!session || session.expiresAt <= now) return null;
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user || !user.active) return null;
    return { user, session };
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }

  async changePassword(user: User, currentPassword: string, newPassword: string, keepSessionId: string): Promise<void> {
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError('INVALID_CREDENTIALS');
    user.passwordHash = await hashPassword(newPassword);
    user.mustChangePassword = false;
    user.updatedAt = Date.now();
    await this.users.save(user);
    // Other devices signed in with the old password are signed out.
    await this.sessions
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId AND id <> :keep', { userId: user.id, keep: keepSessionId })
      .execute();
  }

  async createUser(input: CreateUserInput & { mustChangePassword?: boolean }): Promise<User> {
    if (await this.users.existsBy({ username: input.username })) throw new AppError('USERNAME_TAKEN');
    const now = Date.now();
    return this.users.save(
      this.users.create({
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        mustChangePassword: input.mustChangePassword ?? true,
        active: true,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  listUsers(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC' } });
  }

  countUsers(): Promise<number> {
    return this.users.count();
  }
}
