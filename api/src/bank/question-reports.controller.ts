// 纠错 over HTTP: anyone who saw a question may report it; hosts and admins work the queue.
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  errorReportInputSchema,
  reportListQuerySchema,
  reportResolveInputSchema,
  type Page,
  type QuestionReportDto,
} from '@dangshi/protocol';
import type { Authenticated } from '../auth/auth.service';
import { CurrentAuth, Public, Roles } from '../auth/decorators';
import { jsonSchema, zodDto } from '../common/zod-dto';
import { QuestionReportsService } from './question-reports.service';

class ReportDto extends zodDto(errorReportInputSchema) {}
class ReportListDto extends zodDto(reportListQuerySchema) {}
class ResolveDto extends zodDto(reportResolveInputSchema) {}

@ApiTags('bank')
@Roles('host')
@Controller('bank/reports')
export class QuestionReportsController {
  constructor(private readonly reports: QuestionReportsService) {}

  /** Public: members report from their phones, logged in or not (then the report is anonymous). */
  @Public()
  @Post()
  @ApiBody({ schema: jsonSchema(errorReportInputSchema) })
  create(@Body() body: ReportDto, @Req() req: Request, @CurrentAuth() auth: Authenticated | undefined): Promise<{ id: string }> {
    return this.reports.create(body, { userId: auth?.user.id ?? null, ip: req.ip ?? null });
  }

  @Get()
  list(@Query() query: ReportListDto): Promise<Page<QuestionReportDto>> {
    return this.reports.list(query as ReportListDto & { page: number; pageSize: number });
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(reportResolveInputSchema) })
  resolve(@Param('id') id: string, @Body() body: ResolveDto, @CurrentAuth() auth: Authenticated): Promise<QuestionReportDto> {
    return this.reports.resolve(id, body, auth.user.id);
  }
}
