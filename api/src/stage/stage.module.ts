import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankModule } from '../bank/bank.module';
import { OrgModule } from '../org/org.module';
import { RankingModule } from '../ranking/ranking.module';
import { StageSetupService } from './stage-setup.service';
import { StageBroadcaster } from './stage.broadcaster';
import { StageController } from './stage.controller';
import { STAGE_ENTITIES } from './stage.entities';
import { StageGateway } from './stage.gateway';
import { StageRouter } from './stage.router';
import { StageService } from './stage.service';

/** The on-stage knowledge contest (知识竞赛): set-up, rounds, buzzers, judges, scoreboard. */
@Module({
  imports: [TypeOrmModule.forFeature(STAGE_ENTITIES), BankModule, OrgModule, RankingModule],
  controllers: [StageController],
  providers: [StageSetupService, StageService, StageRouter, StageBroadcaster, StageGateway],
  exports: [StageService],
})
export class StageModule {}
