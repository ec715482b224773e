// Micro-bench of the answer writer on SQLite: how many answer rows per second it commits in
// batches (PERFORMANCE.md: persist_rows_per_s ≥ 20,000).
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'api/package.json'));
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require(join(ROOT, 'api/dist/database/data-source-options.js'));
const { BatchWriter } = require(join(ROOT, 'api/dist/contest/batch-writer.js'));
const { ContestAnswerRecord, ContestRecord } = require(join(ROOT, 'api/dist/contest/contest.entities.js'));

const ROWS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'dsc-persist-'));
const ds = await new DataSource(dataSourceOptions({ type: 'sqlite', path: join(dir, 'p.sqlite') })).initialize();
await ds.runMigrations();
await ds.getRepository(ContestRecord).insert({
  id: 'bench', pin: '000000', title: 'persist', hostId: 'x', phase: 'question', questionCount: 1, playerCount: ROWS,
  snapshot: '{}', snapshotSeq: 0, createdAt: 0, updatedAt: 0, endedAt: null,
});
const writer = new BatchWriter(ds, ContestAnswerRecord, 'AnswerWriter');
const rows = Array.from({ length: ROWS }, (_, i) =>
  Object.assign(new ContestAnswerRecord(), {
    contestId: 'bench', playerId: `p${i}`, questionIndex: 0, questionId: 'q', questionVersion: 1, clientAnswerId: `c${i}`,
    response: '{"kind":"choice","options":[1]}', fraction: 1, points: 875, streakAfter: 1, elapsedMs: 5000, receivedAt: Date.now(),
  }),
);
const started = process.hrtime.bigint();
// Answers arrive spread over event-loop turns, as from sockets: 100 per turn.
const acks = [];
for (let i = 0; i < ROWS; i += 100) {
  for (const row of rows.slice(i, i + 100)) acks.push(writer.write(row));
  await new Promise((r) => setImmediate(r));
}
await Promise.all(acks);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const count = (await ds.query('SELECT COUNT(*) AS n FROM contest_answers'))[0].n;
await ds.destroy();
rmSync(dir, { recursive: true, force: true });
if (Number(count) !== ROWS) throw new Error(`wrote ${count} of ${ROWS}`);
process.send?.({ rowsPerSecond: ROWS / seconds });
if (!process.send) console.log(`${Math.round(ROWS / seconds)} rows/s`);
