import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@dangshi/protocol';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

describe('login, sessions and lock-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(async () => t?.close());

  it('logs the admin in with the right password and sets an httpOnly session cookie', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: false });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('returns the session from /me and forgets it after logout', async () => {
    const s = new HttpSession(t.url);
    await s.login('admin', ADMIN_PASSWORD);
    const me = await s.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('admin');
    expect((await s.post('/api/auth/logout')).status).toBe(204);
    expect((await s.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a cookie-authenticated state change without the CSRF token', async () => {
    const s = new HttpSession(t.url);
    await s.login('admin', ADMIN_PASSWORD);
    const token = s.csrf;
    s.csrf = undefined;
    const res = await s.post('/api/auth/logout');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_FAILED');
    s.csrf = 'forged-token-forged-token';
    expect((await s.post('/api/auth/logout')).body.code).toBe('CSRF_FAILED');
    s.csrf = token;
    expect((await s.get('/api/auth/me')).status).toBe(200);
  });

  it('rejects a wrong password and an unknown user with the same error', async () => {
    const wrong = await new HttpSession(t.url).login('admin', 'not-the-password');
    const unknown = await new HttpSession(t.url).login('nobody', 'not-the-password');
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
  });

  it('says clearly what is missing from a malformed login', async () => {
    const res = await new HttpSession(t.url).post('/api/auth/login', { username: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'password' })]);
  });

  it('locks an account after too many wrong passwords, even against the right one', async () => {
    const admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const created = await admin.post('/api/users', {
      username: 'lockme',
      displayName: '测试',
      role: 'member',
      password: 'right-password-1',
    });
    expect(created.status).toBe(201);
    const s = new HttpSession(t.url);
    expect((await s.login('lockme', 'wrong-1')).body.code).toBe('INVALID_CREDENTIALS');
    expect((await s.login('lockme', 'wrong-2')).body.code).toBe('INVALID_CREDENTIALS');
    const third = await s.login('lockme', 'wrong-3');
    expect(third).toMatchObject({ status: 423, body: { code: 'ACCOUNT_LOCKED' } });
    expect((await s.login('lockme', 'right-password-1')).body.code).toBe('ACCOUNT_LOCKED');
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(async () => t?.close());

  it('answers RATE_LIMITED once an address tries too often in a minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await new HttpSession(t.url).login('admin', `guess-${i}`)).status);
    expect(codes).toEqual([401, 401, 401, 429]);
    const res = await new HttpSession(t.url).login('admin', ADMIN_PASSWORD);
    expect(res).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
  });
});
