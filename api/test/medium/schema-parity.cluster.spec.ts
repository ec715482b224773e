import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { describeSchema, type TableShape } from '../support/schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

async function migratedSchema(kind: 'sqlite' | 'postgres', dbs: TestDatabase[]): Promise<TableShape[]> {
  const db = await createTestDatabase(kind);
  dbs.push(db);
  const ds = await new DataSource(dataSourceOptions(db.config)).initialize();
  try {
    await ds.runMigrations();
    return await describeSchema(ds);
  } finally {
    await ds.destroy();
  }
}

describe('the same migrations on SQLite and PostgreSQL', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('create identical tables, columns, indexes and foreign keys', async () => {
    const sqlite = await migratedSchema('sqlite', dbs);
    const postgres = await migratedSchema('postgres', dbs);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
  });
});
