// One global guard for HTTP: reads the session cookie, enforces login, roles and CSRF.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { CSRF_HEADER, SESSION_COOKIE, type Role } from '@dangshi/protocol';
import { AppError } from '../common/app-error';
import { AuthService } from './auth.service';
import { PENDING_OK_KEY, PUBLIC_KEY, ROLES_KEY, type AuthedRequest } from './decorators';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & AuthedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const auth = await this.auth.authenticate(token);
    // The cookie authenticates this request, so a state change must prove it came from our page.
    // A public route (login) just ignores a cookie that fails the check instead of refusing.
    const csrfOk =
      !auth ||
      SAFE_METHODS.has(request.method) ||
      (typeof request.headers[CSRF_HEADER] === 'string' &&
        sameToken(request.headers[CSRF_HEADER] as string, auth.session.csrfToken));
    if (auth && csrfOk) request.auth = auth;
    if (isPublic) return true;
    if (!auth) throw new AppError('UNAUTHENTICATED');
    if (!csrfOk) throw new AppError('CSRF_FAILED');
    if (auth.user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PENDING_OK_KEY, targets)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && auth.user.role !== 'admin' && !roles.includes(auth.user.role)) throw new AppError('FORBIDDEN');
    return true;
  }
}
