import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { describeSchema } from '../support/schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: TestDatabase | undefined;
  let ds: DataSource | undefined;
  afterEach(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  it('run up to the latest and back down to an empty database', async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.config)).initialize();
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    const tables = (await describeSchema(ds)).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions']));
    expect(await ds.showMigrations()).toBe(false);

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await describeSchema(ds)).toEqual([]);

    // …and up again: `down` left nothing behind that would make `up` fail.
    expect(await ds.runMigrations()).toHaveLength(MIGRATIONS.length);
  });
});
