import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { questionSearchSchema, type CategoryCount, type Page, type QuestionDto, type QuestionSetDto } from '@dangshi/protocol';
import { CurrentAuth, Roles } from '../auth/decorators';
import type { Authenticated } from '../auth/auth.service';
import { zodDto } from '../common/zod-dto';
import { BankService, toQuestionDto } from './bank.service';

class SearchDto extends zodDto(questionSearchSchema) {}
class CreateSetDto extends zodDto(
  z.object({
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).optional(),
    questionIds: z.array(z.string().min(1).max(64)).min(1).max(500).optional(),
    /** A random set: `count` questions drawn afresh at each use from these categories/difficulties. */
    random: z
      .object({
        count: z.number().int().min(1).max(100),
        categories: z.array(z.string().max(40)).max(20).default([]),
        difficulty: z.array(z.number().int().min(1).max(3)).max(3).default([]),
      })
      .optional(),
  }).refine((v) => Boolean(v.questionIds) !== Boolean(v.random), { message: 'give questionIds or random, not both' }),
) {}
class StatusDto extends zodDto(z.object({ status: z.enum(['draft', 'reviewed', 'retired']) })) {}

@ApiTags('bank')
@Roles('host')
@Controller('bank')
export class BankController {
  constructor(private readonly bank: BankService) {}

  @Get('questions')
  search(@Query() query: SearchDto): Promise<Page<QuestionDto>> {
    return this.bank.search(query as SearchDto & { page: number; pageSize: number });
  }

  @Get('categories')
  categories(): Promise<CategoryCount[]> {
    return this.bank.categories();
  }

  @Get('questions/:id')
  async get(@Param('id') id: string): Promise<QuestionDto> {
    return toQuestionDto(await this.bank.get(id));
  }

  @Get('questions/:id/versions')
  versions(@Param('id') id: string) {
    return this.bank.versions(id);
  }

  /** The body is a question in the bank's schema (validated by question-bank's zod schema). */
  @Post('questions')
  create(@Body() body: unknown, @CurrentAuth() auth: Authenticated): Promise<QuestionDto> {
    return this.bank.create(body, auth.user.id);
  }

  @Put('questions/:id')
  update(@Param('id') id: string, @Body() body: unknown, @CurrentAuth() auth: Authenticated): Promise<QuestionDto> {
    return this.bank.update(id, body, auth.user.id);
  }

  @Post('questions/:id/status')
  setStatus(@Param('id') id: string, @Body() body: StatusDto, @CurrentAuth() auth: Authenticated): Promise<QuestionDto> {
    return this.bank.setStatus(id, body.status, auth.user.id);
  }

  @Get('sets')
  sets(): Promise<QuestionSetDto[]> {
    return this.bank.listSets();
  }

  @Post('sets')
  createSet(@Body() body: CreateSetDto, @CurrentAuth() auth: Authenticated): Promise<QuestionSetDto> {
    return this.bank.createSet(body, auth.user.id);
  }
}
