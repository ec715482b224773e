// Members as the admin manages them. Every password in an answer here is shown once: it is
// stored only as an argon2 hash.
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  memberCreateSchema,
  memberListQuerySchema,
  memberMoveSchema,
  type MemberCreatedDto,
  type MemberCredentialDto,
  type MemberDto,
  type MembershipDto,
} from '@dangshi/protocol';
import { Roles } from '../auth/decorators';
import { jsonSchema, zodDto } from '../common/zod-dto';
import { MembersService } from './members.service';

class MemberCreateDto extends zodDto(memberCreateSchema) {}
class MemberMoveDto extends zodDto(memberMoveSchema) {}
class MemberListDto extends zodDto(memberListQuerySchema) {}

@ApiTags('org')
@Roles('admin')
@Controller('org/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  list(@Query() query: MemberListDto): Promise<MemberDto[]> {
    return this.members.list(query);
  }

  /** Creates the login (the phone or staff number) with an initial password, returned once. */
  @Post()
  @ApiBody({ schema: jsonSchema(memberCreateSchema) })
  create(@Body() input: MemberCreateDto): Promise<MemberCreatedDto> {
    return this.members.create(input);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<MemberDto> {
    return this.members.get(id);
  }

  @Get(':id/history')
  history(@Param('id') id: string): Promise<MembershipDto[]> {
    return this.members.history(id);
  }

  @Post(':id/move')
  @HttpCode(200)
  @ApiBody({ schema: jsonSchema(memberMoveSchema) })
  move(@Param('id') id: string, @Body() input: MemberMoveDto): Promise<MemberDto> {
    return this.members.move(id, input.branchId);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@Param('id') id: string): Promise<MemberDto> {
    return this.members.deactivate(id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@Param('id') id: string): Promise<MemberDto> {
    return this.members.reactivate(id);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  resetPassword(@Param('id') id: string): Promise<MemberCredentialDto> {
    return this.members.resetPassword(id);
  }
}
