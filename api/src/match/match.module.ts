import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PracticeModule } from '../practice/practice.module';
import { RankingModule } from '../ranking/ranking.module';
import { MatchMembers } from './match-members';
import { MatchQuestions } from './match-questions';
import { MatchTiming } from './match-timing';
import { MatchBroadcaster } from './match.broadcaster';
import { MATCH_ENTITIES } from './match.entities';
import { MatchGateway } from './match.gateway';
import { MatchLobby } from './match.lobby';
import { MatchRouter } from './match.router';
import { MatchService } from './match.service';
import { MatchStore } from './match.store';

/** Real-time practice matches (双人对战, 四人赛): matchmaking, invites, server-timed questions. */
@Module({
  imports: [TypeOrmModule.forFeature(MATCH_ENTITIES), PracticeModule, RankingModule],
  providers: [MatchTiming, MatchMembers, MatchQuestions, MatchStore, MatchBroadcaster, MatchService, MatchLobby, MatchRouter, MatchGateway],
  exports: [MatchTiming],
})
export class MatchModule {}
