// Setting up stage contests and taking their records home, for hosts and admins. Running a
// stage happens over the socket (stage.gateway.ts).
import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createStageInputSchema, stagePlayersQuerySchema, type StagePlayerDto, type StageSummaryDto } from '@dangshi/protocol';
import type { Authenticated } from '../auth/auth.service';
import { CurrentAuth, Roles } from '../auth/decorators';
import { jsonSchema, zodDto } from '../common/zod-dto';
import { attachment } from '../org/roster.controller';
import type { SocketUser } from '../realtime/socket-user';
import { auditCsv, auditXlsx } from './stage-audit-export';
import { StageSetupService } from './stage-setup.service';
import { StageService } from './stage.service';

class CreateStageDto extends zodDto(createStageInputSchema) {}
class StagePlayersQuery extends zodDto(stagePlayersQuerySchema) {}

const userOf = (auth: Authenticated): SocketUser => ({ id: auth.user.id, role: auth.user.role, displayName: auth.user.displayName });

/** 评分记录_<title>.csv, without characters file systems refuse. */
const fileName = (title: string, ext: string) => `评分记录_${title}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');

@ApiTags('stages')
@Roles('host')
@Controller('stages')
export class StageController {
  constructor(
    private readonly stages: StageService,
    private readonly setup: StageSetupService,
  ) {}

  @Post()
  @ApiBody({ schema: jsonSchema(createStageInputSchema) })
  create(@Body() input: CreateStageDto, @CurrentAuth() auth: Authenticated): Promise<StageSummaryDto> {
    return this.stages.create(input, userOf(auth));
  }

  @Get()
  list(@CurrentAuth() auth: Authenticated): Promise<StageSummaryDto[]> {
    return this.stages.list(userOf(auth));
  }

  /** The set-up form's player picker: names only, since hosts do not see the roster itself. */
  @Get('players')
  players(@Query() query: StagePlayersQuery): Promise<StagePlayerDto[]> {
    return this.setup.players(query.branchId);
  }

  /** With the team tokens: the set-up page shows each team device's link. */
  @Get(':id')
  get(@Param('id') id: string, @CurrentAuth() auth: Authenticated): Promise<StageSummaryDto> {
    return this.stages.summary(id, userOf(auth));
  }

  @Get(':id/audit.csv')
  async auditCsv(@Param('id') id: string, @CurrentAuth() auth: Authenticated, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { tables } = await this.stages.audit(id, userOf(auth));
    attachment(res, fileName(tables.title, 'csv'), 'text/csv; charset=utf-8');
    return new StreamableFile(auditCsv(tables));
  }

  @Get(':id/audit.xlsx')
  async auditXlsx(@Param('id') id: string, @CurrentAuth() auth: Authenticated, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { tables, state } = await this.stages.audit(id, userOf(auth));
    attachment(res, fileName(tables.title, 'xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return new StreamableFile(await auditXlsx(tables, state));
  }
}
