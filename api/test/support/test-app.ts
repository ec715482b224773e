// Boots the real application (all modules, real database, real HTTP and socket server) on a
// random port, the way main.ts does, for medium tests.
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SESSION_COOKIE, CSRF_HEADER, type SessionDto } from '@dangshi/protocol';
import { createApp } from '../../src/app.factory';
import { parseConfig, type AppConfig } from '../../src/config/env';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN_PASSWORD = 'admin-test-password';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  config: AppConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, database?: TestDatabase): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD,
    DATABASE_URL: db.url,
    CLIENT_DIR: '/nonexistent-client-build',
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    database: db,
    close: async () => {
      await app.close();
      if (!database) await db.drop();
    },
  };
}

/** A tiny HTTP client that keeps the session cookie and sends the CSRF header like the page does. */
export class HttpSession {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (this.csrf && method !== 'GET') headers[CSRF_HEADER] = this.csrf;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (setCookie) {
      const value = setCookie.split(';')[0].slice(SESSION_COOKIE.length + 1);
      this.cookie = value || undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body);

  async login(username: string, password: string): Promise<{ status: number; body: any }> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status === 200) this.csrf = (res.body as SessionDto).csrfToken;
    return res;
  }
}
