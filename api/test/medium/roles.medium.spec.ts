import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, HttpSession, startTestApp, type TestApp } from '../support/test-app';

describe('roles and first-login password change', () => {
  let t: TestApp;
  let admin: HttpSession;
  beforeAll(async () => {
    t = await startTestApp();
    admin = new HttpSession(t.url);
    await admin.login('admin', ADMIN_PASSWORD);
    for (const [username, role] of [
      ['host1', 'host'],
      ['member1', 'member'],
    ]) {
      const res = await admin.post('/api/users', { username, displayName: username, role, password: 'first-password' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  async function loggedIn(username: string): Promise<HttpSession> {
    const s = new HttpSession(t.url);
    expect((await s.login(username, 'first-password')).body.user.mustChangePassword).toBe(true);
    expect((await s.post('/api/auth/password', { currentPassword: 'first-password', newPassword: 'second-password' })).status).toBe(204);
    return s;
  }

  it('lets nobody in anonymously', async () => {
    expect((await new HttpSession(t.url).get('/api/users')).body.code).toBe('UNAUTHENTICATED');
  });

  it('makes a new account change its password before anything else', async () => {
    const s = new HttpSession(t.url);
    await s.login('member1', 'first-password');
    const res = await s.get('/api/users');
    expect(res).toMatchObject({ status: 403, body: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    const short = await s.post('/api/auth/password', { currentPassword: 'first-password', newPassword: 'short' });
    expect(short.body.code).toBe('VALIDATION_FAILED');
    const wrongCurrent = await s.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'long-enough-1' });
    expect(wrongCurrent.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('keeps admin-only endpoints from hosts and members', async () => {
    const host = await loggedIn('host1');
    const member = await loggedIn('member1');
    expect(await host.get('/api/users')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await member.get('/api/users')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const list = await admin.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.map((u: { username: string; role: string }) => `${u.username}:${u.role}`)).toEqual([
      'admin:admin',
      'host1:host',
      'member1:member',
    ]);
    // After the change the old password no longer works.
    expect((await new HttpSession(t.url).login('member1', 'first-password')).body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a taken username and a bad role', async () => {
    const dup = await admin.post('/api/users', { username: 'host1', displayName: 'x', role: 'host', password: 'whatever-123' });
    expect(dup).toMatchObject({ status: 409, body: { code: 'USERNAME_TAKEN' } });
    const bad = await admin.post('/api/users', { username: 'x1', displayName: 'x', role: 'king', password: 'whatever-123' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});
