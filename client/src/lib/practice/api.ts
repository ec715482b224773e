// The practice endpoints, typed with the protocol's DTOs.
import type {
  AnswerResponse,
  ChallengeLeaderboardDto,
  PracticeJudgementDto,
  PracticeOverviewDto,
  PracticeSessionDto,
  PracticeStartInput,
  PracticeWrongPageDto,
} from '@dangshi/protocol';
import { http } from '$lib/api/http';

export const practiceApi = {
  overview: () => http.get<PracticeOverviewDto>('/api/practice'),
  start: (input: PracticeStartInput) => http.post<PracticeSessionDto>('/api/practice/sessions', input),
  session: (id: string) => http.get<PracticeSessionDto>(`/api/practice/sessions/${encodeURIComponent(id)}`),
  answer: (id: string, body: { clientAnswerId: string; position: number; response: AnswerResponse }) =>
    http.post<PracticeJudgementDto>(`/api/practice/sessions/${encodeURIComponent(id)}/answers`, body),
  /** 结束练习: idempotent, so a retry after a lost reply is safe. */
  end: (id: string) => http.post<PracticeSessionDto>(`/api/practice/sessions/${encodeURIComponent(id)}/end`),
  wrongBook: (page: number, pageSize: number) => http.get<PracticeWrongPageDto>(`/api/practice/wrong?page=${page}&pageSize=${pageSize}`),
  challengeBoard: () => http.get<ChallengeLeaderboardDto>('/api/practice/challenge/leaderboard'),
};
