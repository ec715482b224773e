// One vitest config, one project per tier: `npm test` runs unit + medium (no services needed);
// test:cluster runs the medium suite again on PostgreSQL plus the cluster tests; test:browser
// drives Debian's Chromium against a real server.
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// swc keeps Nest's decorator metadata, which esbuild silently drops (DI would break).
const nest = () => swc.vite({ jsc: { target: 'es2022' } });

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [nest()],
        test: {
          name: 'unit',
          include: ['{protocol,question-bank,api,client}/src/**/*.spec.ts', 'bench/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [nest()],
        test: {
          name: 'medium',
          include: ['api/test/**/*.medium.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { TEST_DATABASE: 'sqlite' },
        },
      },
      {
        plugins: [nest()],
        test: {
          name: 'cluster',
          include: ['api/test/**/*.medium.spec.ts', 'api/test/**/*.cluster.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          env: { TEST_DATABASE: 'postgres' },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser.spec.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
