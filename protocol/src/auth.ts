// Accounts, roles and the login contract shared by the api and the client.
import { z } from 'zod';

export const ROLES = ['admin', 'host', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const loginInputSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const PASSWORD_MIN_LENGTH = 8;

export const changePasswordInputSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(200),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export const createUserInputSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[\p{L}\p{N}_.@-]+$/u, 'letters, digits, _ . @ - only'),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(200),
});
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface SessionDto {
  user: UserDto;
  /** Echo this in the `x-csrf-token` header of every state-changing request. */
  csrfToken: string;
}

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'dsc_session';
