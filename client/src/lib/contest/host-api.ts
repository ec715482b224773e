// The host's HTTP calls (contests and the bank's sets and categories), typed by the protocol.
// The live contest itself runs over the socket; HTTP is for lists, creation and archives.
import type {
  CategoryCount,
  ContestSummary,
  CreateContestInput,
  HostWatchResult,
  QuestionSetDto,
} from '@dangshi/protocol';
import { http } from '$lib/api/http';

const contestPath = (id: string) => `/api/contests/${encodeURIComponent(id)}`;

export const hostApi = {
  contests: () => http.get<ContestSummary[]>('/api/contests'),
  /** The stored view of a contest: also works once the live run has been forgotten. */
  contest: (id: string) => http.get<HostWatchResult>(contestPath(id)),
  create: (input: CreateContestInput) => http.post<ContestSummary>('/api/contests', input),
  sets: () => http.get<QuestionSetDto[]>('/api/bank/sets'),
  categories: () => http.get<CategoryCount[]>('/api/bank/categories'),
};

/** A plain link (not fetch): the browser downloads it with the session cookie and its file name. */
export function resultsUrl(contestId: string): string {
  return `${contestPath(contestId)}/results.xlsx`;
}
