import { Module } from '@nestjs/common';

/** Real-time practice matches (双人对战, 四人赛): matchmaking, invites, server-timed questions. */
@Module({})
export class MatchModule {}
