// The question-bank endpoints the admin pages call, typed with the protocol's DTOs.
import type {
  CategoryCount,
  ExportFormatName,
  Page,
  QuestionData,
  QuestionDto,
  QuestionReportDto,
  QuestionSearch,
  QuestionStatusName,
  QuestionVersionDto,
  ReportListQuery,
  ReportResolveInput,
} from '@dangshi/protocol';
import { TEMPLATE_CATEGORY } from '@dangshi/protocol';
import { http } from '$lib/api/http';
import { queryString } from '$lib/api/query';

/** Query string from the set values only, so defaults stay with the api. */

const question = (id: string) => `/api/bank/questions/${encodeURIComponent(id)}`;

export const bankApi = {
  search: (query: QuestionSearch) => http.get<Page<QuestionDto>>(`/api/bank/questions${queryString({ ...query })}`),
  get: (id: string) => http.get<QuestionDto>(question(id)),
  versions: (id: string) => http.get<QuestionVersionDto[]>(`${question(id)}/versions`),
  create: (data: QuestionData) => http.post<QuestionDto>('/api/bank/questions', data),
  update: (id: string, data: QuestionData) => http.put<QuestionDto>(question(id), data),
  setStatus: (id: string, status: QuestionStatusName) => http.post<QuestionDto>(`${question(id)}/status`, { status }),
  categories: () => http.get<CategoryCount[]>('/api/bank/categories'),
  reports: (query: ReportListQuery) => http.get<Page<QuestionReportDto>>(`/api/bank/reports${queryString({ ...query })}`),
  resolveReport: (id: string, input: ReportResolveInput) =>
    http.post<QuestionReportDto>(`/api/bank/reports/${encodeURIComponent(id)}/resolve`, input),
};

/** A plain link downloads it: the session cookie goes along, and GET needs no CSRF token. */
export function exportUrl(format: ExportFormatName, category?: string): string {
  return `/api/bank/export${queryString({ format, category })}`;
}

export const TEMPLATE_URL = exportUrl('excel', TEMPLATE_CATEGORY);
