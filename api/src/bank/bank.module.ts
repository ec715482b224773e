import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankExportService } from './bank-export.service';
import { BankImportService } from './bank-import.service';
import { BankTransferController } from './bank-transfer.controller';
import { BankController } from './bank.controller';
import { QuestionRecord, QuestionSetRecord, QuestionVersionRecord } from './bank.entities';
import { BankService } from './bank.service';
import { QuestionReportRecord } from './question-report.entity';
import { QuestionReportsController } from './question-reports.controller';
import { QuestionReportsService } from './question-reports.service';
import { ReportRateLimit } from './report-rate-limit';
import { ShippedBankSync } from './shipped-bank.sync';

@Module({
  imports: [TypeOrmModule.forFeature([QuestionRecord, QuestionVersionRecord, QuestionSetRecord, QuestionReportRecord])],
  // The transfer and reports controllers first: their fixed paths (bank/import, bank/reports)
  // must not be shadowed by a parameterised route of the bank controller.
  controllers: [BankTransferController, QuestionReportsController, BankController],
  providers: [BankService, ShippedBankSync, BankImportService, BankExportService, QuestionReportsService, ReportRateLimit],
  exports: [BankService],
})
export class BankModule {}
