import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { BankModule } from '../bank/bank.module';
import { ContestBroadcaster } from './contest.broadcaster';
import { ContestController } from './contest.controller';
import { ContestEvents } from './contest.events';
import { ContestRouter } from './contest.router';
import { ContestAnswerRecord, ContestPlayerRecord, ContestRecord } from './contest.entities';
import { ContestGateway } from './contest.gateway';
import { ContestService } from './contest.service';

@Module({
  imports: [TypeOrmModule.forFeature([ContestRecord, ContestPlayerRecord, ContestAnswerRecord]), BankModule, AuthModule],
  controllers: [ContestController],
  providers: [ContestService, ContestRouter, ContestBroadcaster, ContestGateway, ContestEvents],
  exports: [ContestService, ContestEvents],
})
export class ContestModule {}
