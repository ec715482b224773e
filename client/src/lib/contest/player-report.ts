// 纠错: a player reports an error in the question just revealed. Checked here with the
// protocol's own schema so the user learns about a too-short reason before any request.
import { errorReportInputSchema, type ErrorReportInput } from '@dangshi/protocol';
import { http } from '$lib/api/http';

export const REPORT_MIN = 2;
export const REPORT_MAX = 300;

/** Counted like the server's schema (trimmed, UTF-16 units; every common 汉字 is one). */
export function reasonLength(reason: string): number {
  return reason.trim().length;
}

export type ReasonProblem = 'tooShort' | 'tooLong' | null;

export function reasonProblem(reason: string): ReasonProblem {
  const n = reasonLength(reason);
  if (n < REPORT_MIN) return 'tooShort';
  if (n > REPORT_MAX) return 'tooLong';
  return null;
}

export interface ReportTarget {
  questionId: string;
  questionVersion: number;
}

export async function sendErrorReport(target: ReportTarget, reason: string, pin: string): Promise<void> {
  const body: ErrorReportInput = errorReportInputSchema.parse({
    questionId: target.questionId,
    questionVersion: target.questionVersion,
    reason,
    context: `contest ${pin}`,
  });
  await http.post('/api/bank/reports', body);
}
