// Rankings for every logged-in user (members see where they and their branch stand); exports
// and the annual report for hosts and admins.
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  annualReportQuerySchema,
  rankingExportQuerySchema,
  rankingQuerySchema,
  type AnnualReportDto,
  type BranchRankingDto,
  type IndividualRankingDto,
  type RankedContestDto,
} from '@dangshi/protocol';
import type { Authenticated } from '../auth/auth.service';
import { CurrentAuth, Roles } from '../auth/decorators';
import { zodDto } from '../common/zod-dto';
import { OrgService } from '../org/org.service';
import { attachment } from '../org/roster.controller';
import { branchTable, exportFileName, individualTable, toCsv, toXlsx } from './ranking-export';
import { RankingService } from './ranking.service';
import { ReportService } from './report.service';

class RankingQueryDto extends zodDto(rankingQuerySchema) {}
class RankingExportDto extends zodDto(rankingExportQuerySchema) {}
class ReportQueryDto extends zodDto(annualReportQuerySchema) {}

@ApiTags('rankings')
@Controller()
export class RankingController {
  constructor(
    private readonly rankings: RankingService,
    private readonly reports: ReportService,
    private readonly org: OrgService,
  ) {}

  @Get('rankings/individual')
  individual(@Query() query: RankingQueryDto, @CurrentAuth() auth: Authenticated): Promise<IndividualRankingDto> {
    return this.rankings.individual(query, auth.user.id);
  }

  @Get('rankings/branches')
  branches(@Query() query: RankingQueryDto): Promise<BranchRankingDto> {
    return this.rankings.branches(query);
  }

  @Get('rankings/contests')
  contests(): Promise<RankedContestDto[]> {
    return this.rankings.contests();
  }

  /** The whole ranking (not cut to a page) as XLSX or CSV. */
  @Roles('host')
  @Get('rankings/export')
  async export(@Query() query: RankingExportDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { utcOffsetMinutes } = await this.org.get();
    const ranking =
      query.tab === 'individual' ? await this.rankings.individual({ ...query, limit: 5000 }, null) : await this.rankings.branches(query);
    const table =
      'headline' in ranking ? branchTable(ranking, utcOffsetMinutes, query.lang) : individualTable(ranking, utcOffsetMinutes, query.lang);
    const name = exportFileName(table, ranking.window, utcOffsetMinutes, query.format);
    if (query.format === 'csv') {
      attachment(res, name, 'text/csv; charset=utf-8');
      return new StreamableFile(toCsv(table));
    }
    attachment(res, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return new StreamableFile(await toXlsx(table));
  }

  @Roles('host')
  @Get('reports/annual')
  annual(@Query() query: ReportQueryDto): Promise<AnnualReportDto> {
    return this.reports.annual(query.year);
  }
}
