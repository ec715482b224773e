// Members for browser tests, made the way an organisation makes them: the admin adds a branch
// and members through the org API, each member's first password is changed (POST
// /api/auth/password), and a phone logs in through the real login page.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface ApiSession {
  cookie: string;
  csrf: string;
  userId: string;
}

export interface Member {
  name: string;
  username: string;
  password: string;
}

export async function apiLogin(url: string, username: string, password: string): Promise<ApiSession> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status, `login ${username}`).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dsc_session='))!.split(';')[0]!.slice('dsc_session='.length);
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

export async function apiCall<T = any>(url: string, who: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: `dsc_session=${who.cookie}`, 'x-csrf-token': who.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** One branch and its members, each with a changed first password (so no forced change page). */
export async function createMembers(url: string, adminPassword: string, branchName: string, people: { name: string; phone: string }[], password: string): Promise<Member[]> {
  const admin = await apiLogin(url, 'admin', adminPassword);
  const branch = await apiCall<{ id: string }>(url, admin, 'POST', '/api/org/branches', { name: branchName });
  const members: Member[] = [];
  for (const p of people) {
    const created = await apiCall<{ credential: { username: string; password: string } }>(url, admin, 'POST', '/api/org/members', {
      name: p.name,
      identifier: p.phone,
      branchId: branch.id,
    });
    const first = await apiLogin(url, created.credential.username, created.credential.password);
    await apiCall(url, first, 'POST', '/api/auth/password', { currentPassword: created.credential.password, newPassword: password });
    members.push({ name: p.name, username: created.credential.username, password });
  }
  return members;
}

/** Logs in through the login page and lands on `next`. */
export async function loginPage(page: Page, baseUrl: string, member: Member, next = '/'): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-username').fill(member.username);
  await page.getByTestId('login-password').fill(member.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === new URL(next, baseUrl).pathname);
}
