import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, '/srv/app');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = parseConfig({}, '/srv/app');
    expect(config.PORT).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: '/srv/app/data/contest.sqlite' });
    expect(config.LOGIN_MAX_FAILURES).toBe(5);
    expect(config.COOKIE_SECURE).toBe(false);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads a PostgreSQL url and coerces numbers and booleans', () => {
    const config = parseConfig(
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', PORT: '8080', COOKIE_SECURE: 'true' },
      '/srv/app',
    );
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.PORT).toBe(8080);
    expect(config.COOKIE_SECURE).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ PORT: '', ADMIN_PASSWORD: '' }, '/srv/app').PORT).toBe(3000);
  });

  it('names the variable and the bad value', () => {
    const problems = problemsOf({ PORT: 'eighty' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PORT: .*\(got "eighty"\)$/);
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('sqlite:<path> or postgres://');
  });

  it('rejects a sqlite url without a path and a short admin password, without echoing the password', () => {
    const problems = problemsOf({ DATABASE_URL: 'sqlite:', ADMIN_PASSWORD: 'short' });
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('needs a file path');
    const password = problems.find((p) => p.startsWith('ADMIN_PASSWORD'));
    expect(password).toContain('at least 8 characters');
    expect(password).not.toContain('short"');
  });

  it('splits the nickname blocklist on ASCII and Chinese commas and newlines', () => {
    expect(parseConfig({ NICKNAME_BLOCKLIST: 'Foo, 坏词，bar\n' }, '/srv').NICKNAME_BLOCKLIST).toEqual(['foo', '坏词', 'bar']);
    expect(parseConfig({}, '/srv').NICKNAME_BLOCKLIST).toEqual([]);
  });

  it('rejects a redis url of the wrong scheme', () => {
    expect(problemsOf({ REDIS_URL: 'http://localhost:6379' })[0]).toMatch(/^REDIS_URL: must start with redis:\/\//);
  });
});
