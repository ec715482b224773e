import { ERROR_MESSAGES, type ErrorCode } from '@dangshi/protocol';

/** The one error type our code throws; the filter and the socket ack both understand it. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message ?? ERROR_MESSAGES[code].en);
    this.name = 'AppError';
  }
}
