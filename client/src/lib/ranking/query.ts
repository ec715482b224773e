// Query strings and the ranking window a page shows, kept in the URL so a link (or a reload)
// shows the same table. Pure.
import { RANKING_WINDOWS, type RankingQuery, type RankingWindowKind } from '@dangshi/protocol';

/** Query string from the set values only, so defaults stay with the api. */

export interface WindowChoice {
  kind: RankingWindowKind;
  from: string;
  to: string;
  contestId: string;
}

export const DEFAULT_WINDOW: WindowChoice = { kind: 'month', from: '', to: '', contestId: '' };

export function windowFromSearch(search: URLSearchParams): WindowChoice {
  const kind = search.get('window');
  return {
    kind: kind && (RANKING_WINDOWS as readonly string[]).includes(kind) ? (kind as RankingWindowKind) : DEFAULT_WINDOW.kind,
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    contestId: search.get('contestId') ?? '',
  };
}

/** The api query for a choice; only the fields its kind uses. */
export function rankingQuery(choice: WindowChoice): RankingQuery {
  if (choice.kind === 'custom') return { window: 'custom', from: choice.from, to: choice.to };
  if (choice.kind === 'contest') return { window: 'contest', contestId: choice.contestId };
  return { window: choice.kind };
}

/** Whether the choice can be asked for yet (a custom window needs both dates in order…). */
export function windowProblem(choice: WindowChoice): 'datesNeeded' | 'datesOrder' | 'contestNeeded' | null {
  if (choice.kind === 'custom') {
    if (!choice.from || !choice.to) return 'datesNeeded';
    if (choice.from > choice.to) return 'datesOrder';
  }
  if (choice.kind === 'contest' && !choice.contestId) return 'contestNeeded';
  return null;
}

/** Today's date in the organisation's time zone as YYYY-MM-DD (for date pickers). */
export function localDate(t: number, offsetMinutes: number): string {
  return new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
