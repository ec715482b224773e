// The ranking and report endpoints, typed with the protocol's DTOs.
import type {
  AnnualReportDto,
  BranchRankingDto,
  IndividualRankingDto,
  RankedContestDto,
  RankingExportFormat,
  RankingQuery,
} from '@dangshi/protocol';
import { http } from '$lib/api/http';
import { queryString } from '$lib/api/query';

export const rankingApi = {
  individual: (query: RankingQuery) => http.get<IndividualRankingDto>(`/api/rankings/individual${queryString({ ...query })}`),
  branches: (query: RankingQuery) => http.get<BranchRankingDto>(`/api/rankings/branches${queryString({ ...query })}`),
  contests: () => http.get<RankedContestDto[]>('/api/rankings/contests'),
  annual: (year?: number) => http.get<AnnualReportDto>(`/api/reports/annual${queryString({ year })}`),
};

/** A plain link downloads the file with the session cookie; the headings follow the UI language. */
export function exportUrl(tab: 'individual' | 'branch', format: RankingExportFormat, query: RankingQuery, lang: 'zh' | 'en'): string {
  return `/api/rankings/export${queryString({ ...query, tab, format, lang })}`;
}
