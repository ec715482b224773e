// The judges' score adjustment as data: what the form holds, what it sends, and what is wrong
// with it in words, checked before sending (the engine refuses the same: STAGE_BAD_DELTA,
// STAGE_REASON_REQUIRED).
import type { MessageKey } from '$lib/i18n';
import type { JudgeCommand } from './stage-feed.svelte';

export interface AdjustForm {
  teamId: string;
  /** null while the field is empty. */
  delta: number | null;
  reason: string;
}

export const emptyAdjust = (): AdjustForm => ({ teamId: '', delta: null, reason: '' });

export function checkAdjust(form: AdjustForm): { field: 'team' | 'delta' | 'reason'; key: MessageKey }[] {
  const issues: { field: 'team' | 'delta' | 'reason'; key: MessageKey }[] = [];
  if (!form.teamId) issues.push({ field: 'team', key: 'stage.judge.adjustTeamMissing' });
  const d = form.delta;
  if (d === null || !Number.isInteger(d) || d === 0 || d < -100 || d > 100) issues.push({ field: 'delta', key: 'stage.judge.adjustDeltaInvalid' });
  if (!form.reason.trim()) issues.push({ field: 'reason', key: 'stage.judge.adjustReasonMissing' });
  return issues;
}

export function adjustCommand(form: AdjustForm): JudgeCommand {
  return { action: 'adjust', teamId: form.teamId, delta: form.delta ?? 0, reason: form.reason.trim() };
}

/** An undo's reason is optional: an empty one is not sent. */
export function undoCommand(reason: string): JudgeCommand {
  const text = reason.trim();
  return text ? { action: 'undo', reason: text } : { action: 'undo' };
}
