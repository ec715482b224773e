// A dialect-neutral description of the tables the migrations made, to compare SQLite with
// PostgreSQL and to check that `down` removes what `up` created.
import type { DataSource } from 'typeorm';

const TYPE_FAMILY: Record<string, string> = {
  'character varying': 'varchar',
  varchar: 'varchar',
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bool: 'boolean',
  boolean: 'boolean',
  text: 'text',
  real: 'real',
  'double precision': 'real',
  float: 'real',
};

/** Our tables only: not the migrations log, not SQLite's or PostgreSQL's own catalogues. */
function isOurTable(name: string): boolean {
  const bare = name.replace(/^public\./, '');
  return bare !== 'migrations' && !bare.includes('.') && !bare.startsWith('sqlite_');
}

export interface TableShape {
  name: string;
  columns: string[];
  indices: string[];
  foreignKeys: string[];
}

export async function describeSchema(dataSource: DataSource): Promise<TableShape[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const names = (await runner.getTables()).map((t) => t.name).filter(isOurTable);
    const tables = await runner.getTables(names);
    return tables
      .map((t) => ({
        name: t.name.replace(/^public\./, ''),
        columns: t.columns
          .map((c) => {
            const type = TYPE_FAMILY[c.type.toLowerCase()] ?? c.type.toLowerCase();
            return `${c.name} ${type}${c.length ? `(${c.length})` : ''}${c.isNullable ? ' null' : ''}${c.isPrimary ? ' pk' : ''}`;
          })
          .sort(),
        indices: t.indices
          .map((i) => `${i.name}(${[...i.columnNames].sort().join(',')})${i.isUnique ? ' unique' : ''}`)
          .sort(),
        foreignKeys: t.foreignKeys
          .map((f) => `${f.columnNames.join(',')}->${f.referencedTableName.replace(/^public\./, '')}(${f.referencedColumnNames.join(',')}) ${f.onDelete ?? ''}`.trim())
          .sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    await runner.release();
  }
}
