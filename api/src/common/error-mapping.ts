// The one place where error codes become HTTP statuses and socket acks.
import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_MESSAGES, type Ack, type ErrorBody, type ErrorCode } from '@dangshi/protocol';
import { ZodError } from 'zod';
import { AppError } from './app-error';

export type Locale = 'zh' | 'en';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  CSRF_FAILED: HttpStatus.FORBIDDEN,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  ACCOUNT_LOCKED: HttpStatus.LOCKED,
  ACCOUNT_DISABLED: HttpStatus.FORBIDDEN,
  PASSWORD_CHANGE_REQUIRED: HttpStatus.FORBIDDEN,
  USERNAME_TAKEN: HttpStatus.CONFLICT,
  QUESTION_NOT_FOUND: HttpStatus.NOT_FOUND,
  IMPORT_FAILED: HttpStatus.UNPROCESSABLE_ENTITY,
  CONTEST_NOT_FOUND: HttpStatus.NOT_FOUND,
  NOT_HOST: HttpStatus.FORBIDDEN,
  LOBBY_LOCKED: HttpStatus.CONFLICT,
  NICKNAME_TAKEN: HttpStatus.CONFLICT,
  NICKNAME_INVALID: HttpStatus.BAD_REQUEST,
  PLAYER_NOT_FOUND: HttpStatus.NOT_FOUND,
  PLAYER_KICKED: HttpStatus.FORBIDDEN,
  WRONG_PHASE: HttpStatus.CONFLICT,
  ANSWER_TOO_LATE: HttpStatus.CONFLICT,
  ANSWER_DUPLICATE: HttpStatus.CONFLICT,
  ANSWER_WRONG_QUESTION: HttpStatus.CONFLICT,
  ANSWER_INVALID: HttpStatus.BAD_REQUEST,
  ANSWER_NOT_OPEN: HttpStatus.CONFLICT,
  LOBBY_CLOSED: HttpStatus.CONFLICT,
  TEAM_REQUIRED: HttpStatus.BAD_REQUEST,
  MEMBERS_ONLY: HttpStatus.FORBIDDEN,
  BRANCH_NOT_FOUND: HttpStatus.NOT_FOUND,
  BRANCH_NAME_TAKEN: HttpStatus.CONFLICT,
  BRANCH_IN_USE: HttpStatus.CONFLICT,
  BRANCH_INACTIVE: HttpStatus.CONFLICT,
  MEMBER_NOT_FOUND: HttpStatus.NOT_FOUND,
  MEMBER_EXISTS: HttpStatus.CONFLICT,
  MEMBER_INACTIVE: HttpStatus.CONFLICT,
  STAGE_NOT_FOUND: HttpStatus.NOT_FOUND,
  STAGE_TEAM_TOKEN: HttpStatus.FORBIDDEN,
  STAGE_WRONG_PHASE: HttpStatus.CONFLICT,
  STAGE_TEAM_NOT_FOUND: HttpStatus.NOT_FOUND,
  STAGE_NOT_YOUR_TURN: HttpStatus.CONFLICT,
  STAGE_ALREADY_WRONG: HttpStatus.CONFLICT,
  STAGE_ALREADY_BUZZED: HttpStatus.CONFLICT,
  STAGE_FALSE_START_LOCKED: HttpStatus.CONFLICT,
  STAGE_BUZZ_CLOSED: HttpStatus.CONFLICT,
  STAGE_RISK_VALUE: HttpStatus.BAD_REQUEST,
  STAGE_TOO_LATE: HttpStatus.CONFLICT,
  STAGE_ALREADY_ANSWERED: HttpStatus.CONFLICT,
  STAGE_NO_ANSWER: HttpStatus.CONFLICT,
  STAGE_ALREADY_JUDGED: HttpStatus.CONFLICT,
  STAGE_UNJUDGED: HttpStatus.CONFLICT,
  STAGE_REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  STAGE_BAD_DELTA: HttpStatus.BAD_REQUEST,
  STAGE_NOTHING_TO_UNDO: HttpStatus.CONFLICT,
  STAGE_NOT_ENOUGH_QUESTIONS: HttpStatus.UNPROCESSABLE_ENTITY,
  MATCH_NOT_FOUND: HttpStatus.NOT_FOUND,
  MATCH_ALREADY_WAITING: HttpStatus.CONFLICT,
  MATCH_NOT_WAITING: HttpStatus.CONFLICT,
  MATCH_INVITE_INVALID: HttpStatus.NOT_FOUND,
  MATCH_FULL: HttpStatus.CONFLICT,
  MATCH_NOT_PLAYER: HttpStatus.FORBIDDEN,
  MATCH_OVER: HttpStatus.CONFLICT,
};

/** Codes for errors Nest or its libraries raise with a bare HTTP status. */
const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'VALIDATION_FAILED',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
};

export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Any thrown value → (status, body). Unknown errors become INTERNAL with no details leaked. */
export function toErrorResponse(error: unknown, locale: Locale): { status: number; body: ErrorBody } {
  let code: ErrorCode = 'INTERNAL';
  let issues: ErrorBody['issues'];
  if (error instanceof AppError) {
    code = error.code;
    issues = error.issues;
  } else if (error instanceof ZodError) {
    code = 'VALIDATION_FAILED';
    issues = zodIssues(error);
  } else if (error instanceof HttpException) {
    code = CODE_FOR_STATUS[error.getStatus()] ?? (error.getStatus() < 500 ? 'VALIDATION_FAILED' : 'INTERNAL');
  }
  const body: ErrorBody = { code, message: ERROR_MESSAGES[code][locale] };
  if (issues?.length) body.issues = issues;
  return { status: HTTP_STATUS[code], body };
}

/** Any thrown value → a failed socket ack. */
export function toErrorAck(error: unknown, locale: Locale = 'zh'): Ack<never> {
  return { ok: false, error: toErrorResponse(error, locale).body };
}

export function localeFrom(acceptLanguage: string | string[] | undefined): Locale {
  const value = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return value?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}
