// Placeholder: practice matches and their answers. QueryRunner Table API only, so SQLite and PostgreSQL get the same tables.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Matches1764800000000 implements MigrationInterface {
  name = 'Matches1764800000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
