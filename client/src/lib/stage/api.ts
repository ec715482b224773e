// The stage contest's HTTP calls (set-up, lists, the team links, the audit exports), typed by
// the protocol. The contest itself runs over the socket (stage-feed.svelte.ts).
import type { CreateStageInput, StagePlayerDto, StageSummaryDto } from '@dangshi/protocol';
import { http } from '$lib/api/http';

const stagePath = (id: string) => `/api/stages/${encodeURIComponent(id)}`;

export const stageApi = {
  list: () => http.get<StageSummaryDto[]>('/api/stages'),
  /** With the team tokens: host and admin only. */
  get: (id: string) => http.get<StageSummaryDto>(stagePath(id)),
  create: (input: CreateStageInput) => http.post<StageSummaryDto>('/api/stages', input),
  /** A branch's active members (names only): who may play in its team. */
  players: (branchId: string) => http.get<StagePlayerDto[]>(`/api/stages/players?branchId=${encodeURIComponent(branchId)}`),
};

/** Plain links (not fetch): the browser downloads them with the session cookie and file name. */
export function auditUrl(stageId: string, format: 'csv' | 'xlsx'): string {
  return `${stagePath(stageId)}/audit.${format}`;
}
