// Placeholder: the organisation's daily cap on practice points. QueryRunner Table API only, so SQLite and PostgreSQL get the same tables.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PracticeCap1764650000000 implements MigrationInterface {
  name = 'PracticeCap1764650000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
