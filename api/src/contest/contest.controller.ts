import { Body, Controller, Get, Header, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createContestInputSchema, type ContestLookup, type ContestSummary, type ContestView, type LobbyView } from '@dangshi/protocol';
import { CurrentAuth, Public, Roles } from '../auth/decorators';
import type { Authenticated } from '../auth/auth.service';
import { jsonSchema, zodDto } from '../common/zod-dto';
import { ContestRouter } from './contest.router';
import { ContestService, type Viewer } from './contest.service';
import { contestView, lobbyView } from './engine/views';
import { contestResultsWorkbook } from './results.xlsx';

class CreateContestDto extends zodDto(createContestInputSchema) {}

const viewer = (auth: Authenticated): Viewer => ({ id: auth.user.id, role: auth.user.role, displayName: auth.user.displayName });

@ApiTags('contests')
@Controller('contests')
export class ContestController {
  constructor(
    private readonly contests: ContestService,
    private readonly router: ContestRouter,
  ) {}

  @Roles('host')
  @Post()
  @ApiBody({ schema: jsonSchema(createContestInputSchema) })
  create(@Body() input: CreateContestDto, @CurrentAuth() auth: Authenticated): Promise<ContestSummary> {
    return this.contests.create(input, viewer(auth));
  }

  @Roles('host')
  @Get()
  list(@CurrentAuth() auth: Authenticated): Promise<ContestSummary[]> {
    return this.contests.list(viewer(auth));
  }

  /** What the join page may know about a PIN before joining. */
  @Public()
  @Get('pin/:pin')
  lookup(@Param('pin') pin: string): Promise<ContestLookup> {
    return this.router.lookup(pin);
  }

  @Roles('host')
  @Get(':id')
  async get(@Param('id') id: string, @CurrentAuth() auth: Authenticated): Promise<{ view: ContestView; lobby: LobbyView }> {
    const state = await this.contests.get(id, viewer(auth));
    return { view: contestView(state, 'host', Date.now()), lobby: lobbyView(state) };
  }

  @Roles('host')
  @Get(':id/results.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async results(@Param('id') id: string, @CurrentAuth() auth: Authenticated, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const state = await this.contests.get(id, viewer(auth));
    const buffer = await contestResultsWorkbook(state);
    const name = `${state.settings.title}-${state.pin}.xlsx`;
    res.setHeader('Content-Disposition', `attachment; filename="contest-${state.pin}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return new StreamableFile(buffer);
  }
}
