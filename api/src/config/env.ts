// The api's configuration, read once from the environment and validated with zod, so a bad
// value stops the start with a sentence that names the variable instead of failing later.
import { z } from 'zod';
import { resolve } from 'node:path';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const databaseUrl = z
  .string()
  .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be sqlite:<path> or postgres://user@host:port/db',
  })
  .refine((v) => !v.startsWith('sqlite:') || v.length > 'sqlite:'.length, {
    message: 'sqlite: needs a file path, e.g. sqlite:./data/contest.sqlite',
  });

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: databaseUrl.default('sqlite:./data/contest.sqlite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  ADMIN_USERNAME: z.string().trim().min(2).max(64).default('admin'),
  ADMIN_PASSWORD: z.string().min(8, 'must have at least 8 characters').max(200).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: bool.default(false),
  CLIENT_DIR: z.string().min(1).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Optional words a contest nickname may not contain, separated by commas (e.g. a profanity list). */
  NICKNAME_BLOCKLIST: z
    .string()
    .max(20_000)
    .transform((v) => v.split(/[,，\n]/).map((w) => w.trim().toLowerCase()).filter(Boolean))
    .default([]),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig extends Omit<Env, 'DATABASE_URL'> {
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };
  clientDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): AppConfig {
  // An empty variable means "not set": shells and .env files often export FOO= by accident.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const value = present[name];
        const shown = name.includes('PASSWORD') || value === undefined ? '' : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const { DATABASE_URL, ...rest } = result.data;
  const database = DATABASE_URL.startsWith('sqlite:')
    ? { type: 'sqlite' as const, path: resolve(cwd, DATABASE_URL.slice('sqlite:'.length)) }
    : { type: 'postgres' as const, url: DATABASE_URL };
  const clientDir = rest.CLIENT_DIR
    ? resolve(cwd, rest.CLIENT_DIR)
    : resolve(__dirname, '../../../client/build');
  return { ...rest, database, clientDir };
}
