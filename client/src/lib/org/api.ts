// The organisation endpoints the admin pages call, typed with the protocol's DTOs.
import type {
  BranchDto,
  BranchInput,
  MemberCreateInput,
  MemberCreatedDto,
  MemberCredentialDto,
  MemberDto,
  MemberListQuery,
  MembershipDto,
  OrgDto,
  OrgUpdateInput,
} from '@dangshi/protocol';
import { http } from '$lib/api/http';
import { queryString } from '$lib/api/query';

const member = (id: string) => `/api/org/members/${encodeURIComponent(id)}`;

export const orgApi = {
  get: () => http.get<OrgDto>('/api/org'),
  update: (input: OrgUpdateInput) => http.put<OrgDto>('/api/org', input),
  branches: () => http.get<BranchDto[]>('/api/org/branches'),
  createBranch: (input: BranchInput) => http.post<BranchDto>('/api/org/branches', input),
  updateBranch: (id: string, input: BranchInput) => http.put<BranchDto>(`/api/org/branches/${encodeURIComponent(id)}`, input),
  deleteBranch: (id: string) => http.delete(`/api/org/branches/${encodeURIComponent(id)}`),
  members: (query: MemberListQuery) => http.get<MemberDto[]>(`/api/org/members${queryString({ ...query })}`),
  createMember: (input: MemberCreateInput) => http.post<MemberCreatedDto>('/api/org/members', input),
  move: (id: string, branchId: string) => http.post<MemberDto>(`${member(id)}/move`, { branchId }),
  deactivate: (id: string) => http.post<MemberDto>(`${member(id)}/deactivate`),
  reactivate: (id: string) => http.post<MemberDto>(`${member(id)}/reactivate`),
  resetPassword: (id: string) => http.post<MemberCredentialDto>(`${member(id)}/reset-password`),
  history: (id: string) => http.get<MembershipDto[]>(`${member(id)}/history`),
};

/** A plain link downloads it: the session cookie goes along, and GET needs no CSRF token. */
export const ROSTER_TEMPLATE_URL = '/api/org/roster/template';
