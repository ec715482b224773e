import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { BankModule } from '../bank/bank.module';
import { ContestBroadcaster } from './contest.broadcaster';
import { ContestController } from './contest.controller';
import { ContestAnswerRecord, ContestPlayerRecord, ContestRecord } from './contest.entities';
import { ContestGateway } from './contest.gateway';
import { ContestService } from './contest.service';

@Module({
  imports: [TypeOrmModule.forFeature([ContestRecord, ContestPlayerRecord, ContestAnswerRecord]), BankModule, AuthModule],
  controllers: [ContestController],
  providers: [ContestService, ContestBroadcaster, ContestGateway],
  exports: [ContestService],
})
export class ContestModule {}
