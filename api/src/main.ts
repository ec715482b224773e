import 'reflect-metadata';
import { ConfigError, parseConfig } from './config/env';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md, section Configuration.\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  // Past this, a stuck shutdown gives up rather than hanging a deploy forever.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref());
  }
  await app.listen(config.PORT, config.HOST);
  const shownHost = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  process.stdout.write(`党史知识竞赛 is serving at http://${shownHost}:${config.PORT} (database: ${config.database.type})\n`);
}

void main();
