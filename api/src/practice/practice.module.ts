import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankModule } from '../bank/bank.module';
import { RankingModule } from '../ranking/ranking.module';
import { DailyAllowance } from './daily-allowance';
import { PracticeController } from './practice.controller';
import { PRACTICE_ENTITIES } from './practice.entities';
import { PracticeService } from './practice.service';

/** Daily quiz, category practice, challenge and the wrong-answer book; points go to the rankings. */
@Module({
  imports: [TypeOrmModule.forFeature(PRACTICE_ENTITIES), BankModule, RankingModule],
  controllers: [PracticeController],
  providers: [PracticeService, DailyAllowance],
  exports: [DailyAllowance],
})
export class PracticeModule {}
