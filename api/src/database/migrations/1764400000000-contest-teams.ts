// Team mode: the team (branch) each contest player chose.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ContestTeams1764400000000 implements MigrationInterface {
  name = 'ContestTeams1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('contest_players', new TableColumn({ name: 'team', type: 'integer', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('contest_players', 'team');
  }
}
