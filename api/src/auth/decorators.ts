import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@dangshi/protocol';
import type { Authenticated } from './auth.service';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const PENDING_OK_KEY = 'auth:pending-password-ok';

/** Reachable without logging in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Reachable by a user who still has to change the first-login password. */
export const AllowPendingPasswordChange = () => SetMetadata(PENDING_OK_KEY, true);
/** Only these roles (admin is always allowed). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthedRequest {
  auth?: Authenticated;
}

/** The logged-in user and session of this request (set by SessionGuard). */
export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().auth;
});
