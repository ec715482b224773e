// The two steps every socket handler shares: check the payload with the protocol's zod schema,
// and answer the client's ack with the result or a typed error (never a silent timeout).
import { Logger } from '@nestjs/common';
import type { ZodType } from 'zod';
import type { Ack } from '@dangshi/protocol';
import { AppError } from '../common/app-error';
import { toErrorAck, zodIssues } from '../common/error-mapping';

export function parsePayload<T>(schema: ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload);
  if (!result.success) throw new AppError('VALIDATION_FAILED', undefined, zodIssues(result.error));
  return result.data;
}

async function settle<T>(work: () => T | Promise<T>, context: string): Promise<Ack<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (!(error instanceof AppError)) new Logger(context).error(error instanceof Error ? error.stack : String(error));
    return toErrorAck(error);
  }
}

/** Runs a handler and sends its result (or its error) as the ack, when the client asked for one. */
export async function replyTo<T>(callback: unknown, work: () => T | Promise<T>, context = 'Socket'): Promise<void> {
  const result = await settle(work, context);
  if (typeof callback === 'function') (callback as (r: Ack<T>) => void)(result);
}
