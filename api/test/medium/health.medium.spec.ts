import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerInfo, ServerToClientEvents } from '@dangshi/protocol';
import { startTestApp, type TestApp } from '../support/test-app';
import { testDatabaseKind } from '../support/test-database';

describe('the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('reports health with the database dialect in use', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: testDatabaseKind() });
  });

  it('exposes Prometheus metrics that count requests', async () => {
    await fetch(`${t.url}/api/health`);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('serves the OpenAPI document with the auth endpoints', async () => {
    const doc = (await (await fetch(`${t.url}/api/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health', '/api/users']));
    expect((await fetch(`${t.url}/api/docs`)).status).toBe(200);
  });

  it('answers unknown api paths with a NOT_FOUND error body, in the asked language', async () => {
    const res = await fetch(`${t.url}/api/no-such-thing`, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: 'Not found' });
  });

  it('sends security headers with a same-origin Content-Security-Policy', async () => {
    const res = await fetch(`${t.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('greets a websocket client with the server clock and answers pings', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(t.url, {
      transports: ['websocket'],
      forceNew: true,
    });
    try {
      const hello = await new Promise<ServerInfo>((resolve) => socket.once('server:hello', resolve));
      expect(Math.abs(hello.serverNow - Date.now())).toBeLessThan(5_000);
      const ack = await socket.timeout(5_000).emitWithAck('server:ping');
      expect(ack.ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('refuses the long-polling transport (websocket only, no sticky sessions needed)', async () => {
    const res = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(400);
  });
});
