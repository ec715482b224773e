// The judges' score log and buzz log in words: reason and kind labels, where an entry happened,
// and which entry "undo" would reverse (the same rule as the engine's undoTarget), so the
// confirmation names it before anything is sent.
import type { StageAuditEntryDto, StageBuzzLogEntryDto } from '@dangshi/protocol';
import type { MessageKey } from '$lib/i18n';

export const REASON_KEYS: Record<StageAuditEntryDto['reason'], MessageKey> = {
  right: 'stage.reason.right',
  wrong: 'stage.reason.wrong',
  falseStart: 'stage.reason.falseStart',
  adjust: 'stage.reason.adjust',
  undo: 'stage.reason.undo',
};

export const BUZZ_KIND_KEYS: Record<StageBuzzLogEntryDto['kind'], MessageKey> = {
  first: 'stage.buzzKind.first',
  simultaneous: 'stage.buzzKind.simultaneous',
  falseStart: 'stage.buzzKind.falseStart',
};

/** The latest entry that is not an undo and not yet undone. */
export function undoTarget(log: readonly StageAuditEntryDto[]): StageAuditEntryDto | null {
  const undone = new Set(log.filter((e) => e.reason === 'undo').map((e) => e.ref));
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i]!;
    if (entry.reason !== 'undo' && !undone.has(entry.seq)) return entry;
  }
  return null;
}

/** Seqs of entries that a later undo reversed (struck through in the table). */
export function undoneSeqs(log: readonly StageAuditEntryDto[]): Set<number> {
  return new Set(log.flatMap((e) => (e.reason === 'undo' && e.ref !== null ? [e.ref] : [])));
}

/** The round by its title (as the judges saw it on stage) and the 1-based question; null before the first question. */
export function whereOf(
  entry: Pick<StageAuditEntryDto, 'round' | 'question'>,
  rounds: readonly { title: string }[],
): { title: string; question: number } | null {
  if (entry.round === null || entry.question === null) return null;
  return { title: rounds[entry.round]?.title ?? String(entry.round + 1), question: entry.question + 1 };
}

/** 19:42:07 — the log is read during one evening, the date adds nothing. */
export function clockTime(ms: number, locale: string): string {
  return new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
