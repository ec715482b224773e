import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContestModule } from '../contest/contest.module';
import { OrgModule } from '../org/org.module';
import { RankingController } from './ranking.controller';
import { RankingService } from './ranking.service';
import { ReportService } from './report.service';
import { ResultRecord } from './result.entity';
import { ResultsService } from './results.service';

/** The results every scored activity writes, and the rankings and report read from them. */
@Module({
  imports: [TypeOrmModule.forFeature([ResultRecord]), OrgModule, ContestModule],
  controllers: [RankingController],
  providers: [ResultsService, RankingService, ReportService],
  exports: [ResultsService],
})
export class RankingModule {}
