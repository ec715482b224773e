// Column helpers that map to the same SQL on SQLite and PostgreSQL.
// Times are epoch milliseconds in a bigint column: portable, sortable, cheap to compare in SQL
// aggregates; the transformer turns PostgreSQL's string bigints back into numbers.
import { Column, type ColumnOptions } from 'typeorm';

const epochMs = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

export function EpochMsColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}) {
  return Column({ ...options, type: 'bigint', transformer: epochMs });
}
