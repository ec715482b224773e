import { HttpException, NotFoundException } from '@nestjs/common';
import { ERROR_CODES } from '@dangshi/protocol';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { HTTP_STATUS, localeFrom, toErrorAck, toErrorResponse } from './error-mapping';

describe('error mapping', () => {
  it('maps every protocol code to a 4xx/5xx status', () => {
    for (const code of ERROR_CODES) {
      expect(HTTP_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(HTTP_STATUS[code], code).toBeLessThan(600);
    }
  });

  it('turns an AppError into its status and a message in the asked language', () => {
    expect(toErrorResponse(new AppError('ACCOUNT_LOCKED'), 'zh')).toEqual({
      status: 423,
      body: { code: 'ACCOUNT_LOCKED', message: '密码错误次数过多，账号已暂时锁定，请15分钟后再试' },
    });
    expect(toErrorResponse(new AppError('ANSWER_TOO_LATE'), 'en')).toEqual({
      status: 409,
      body: { code: 'ANSWER_TOO_LATE', message: 'Time is up' },
    });
  });

  it('reports zod issues with their paths', () => {
    const result = z.object({ pin: z.string().length(6) }).safeParse({ pin: 12 });
    const { status, body } = toErrorResponse(result.error, 'en');
    expect(status).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues?.[0].path).toBe('pin');
  });

  it('maps Nest HTTP exceptions by status and hides unknown errors', () => {
    expect(toErrorResponse(new NotFoundException(), 'zh').body.code).toBe('NOT_FOUND');
    expect(toErrorResponse(new HttpException('slow down', 429), 'zh').body.code).toBe('RATE_LIMITED');
    const hidden = toErrorResponse(new Error('SQLITE_CORRUPT at /secret/path'), 'en');
    expect(hidden).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Something went wrong on the server' } });
  });

  it('builds failed socket acks with the same body', () => {
    expect(toErrorAck(new AppError('NICKNAME_TAKEN'))).toEqual({
      ok: false,
      error: { code: 'NICKNAME_TAKEN', message: '昵称已被使用，请换一个' },
    });
  });

  it('reads the locale from Accept-Language', () => {
    expect(localeFrom('en-US,en;q=0.9')).toBe('en');
    expect(localeFrom('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFrom(undefined)).toBe('zh');
  });
});
