// Practice over HTTP for any logged-in user; every route acts on the caller's own sessions.
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  practiceAnswerSchema,
  practiceStartSchema,
  practiceWrongQuerySchema,
  type ChallengeLeaderboardDto,
  type PracticeJudgementDto,
  type PracticeOverviewDto,
  type PracticeSessionDto,
  type PracticeWrongPageDto,
} from '@dangshi/protocol';
import type { Authenticated } from '../auth/auth.service';
import { CurrentAuth } from '../auth/decorators';
import { zodDto } from '../common/zod-dto';
import { PracticeService } from './practice.service';

class StartDto extends zodDto(practiceStartSchema) {}
class AnswerDto extends zodDto(practiceAnswerSchema) {}
class WrongQueryDto extends zodDto(practiceWrongQuerySchema) {}

@ApiTags('practice')
@Controller('practice')
export class PracticeController {
  constructor(private readonly practice: PracticeService) {}

  @Get()
  overview(@CurrentAuth() auth: Authenticated): Promise<PracticeOverviewDto> {
    return this.practice.overview(auth.user.id);
  }

  @Post('sessions')
  @HttpCode(200)
  start(@Body() input: StartDto, @CurrentAuth() auth: Authenticated): Promise<PracticeSessionDto> {
    return this.practice.start(auth.user.id, input);
  }

  @Get('sessions/:id')
  get(@Param('id') id: string, @CurrentAuth() auth: Authenticated): Promise<PracticeSessionDto> {
    return this.practice.get(auth.user.id, id);
  }

  @Post('sessions/:id/answers')
  @HttpCode(200)
  answer(@Param('id') id: string, @Body() input: AnswerDto, @CurrentAuth() auth: Authenticated): Promise<PracticeJudgementDto> {
    return this.practice.answer(auth.user.id, id, input);
  }

  /** 结束练习: ends the caller's session with the points of what was answered; idempotent. */
  @Post('sessions/:id/end')
  @HttpCode(200)
  end(@Param('id') id: string, @CurrentAuth() auth: Authenticated): Promise<PracticeSessionDto> {
    return this.practice.endEarly(auth.user.id, id);
  }

  /** The caller's wrong-answer book, a page at a time, with answers and explanations. */
  @Get('wrong')
  wrong(@Query() query: WrongQueryDto, @CurrentAuth() auth: Authenticated): Promise<PracticeWrongPageDto> {
    return this.practice.wrongPage(auth.user.id, query);
  }

  @Get('challenge/leaderboard')
  challengeBoard(): Promise<ChallengeLeaderboardDto> {
    return this.practice.challengeBoard();
  }
}
