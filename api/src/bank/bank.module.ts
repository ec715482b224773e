import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankController } from './bank.controller';
import { QuestionRecord, QuestionSetRecord, QuestionVersionRecord } from './bank.entities';
import { BankService } from './bank.service';
import { ShippedBankSync } from './shipped-bank.sync';

@Module({
  imports: [TypeOrmModule.forFeature([QuestionRecord, QuestionVersionRecord, QuestionSetRecord])],
  controllers: [BankController],
  providers: [BankService, ShippedBankSync],
  exports: [BankService],
})
export class BankModule {}
