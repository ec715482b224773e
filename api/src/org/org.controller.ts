// The organisation's settings and its branches. Reading them is open to every logged-in user
// (the rankings page names branches and uses the headline metric); changing them is admin only.
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { branchInputSchema, orgUpdateSchema, type BranchDto, type OrgDto } from '@dangshi/protocol';
import { Roles } from '../auth/decorators';
import { jsonSchema, zodDto } from '../common/zod-dto';
import { BranchesService, toBranchDto } from './branches.service';
import { OrgService, toOrgDto } from './org.service';

class OrgUpdateDto extends zodDto(orgUpdateSchema) {}
class BranchDtoIn extends zodDto(branchInputSchema) {}

@ApiTags('org')
@Controller('org')
export class OrgController {
  constructor(
    private readonly org: OrgService,
    private readonly branches: BranchesService,
  ) {}

  @Get()
  async get(): Promise<OrgDto> {
    return toOrgDto(await this.org.get());
  }

  @Roles('admin')
  @Put()
  @ApiBody({ schema: jsonSchema(orgUpdateSchema) })
  async update(@Body() input: OrgUpdateDto): Promise<OrgDto> {
    return toOrgDto(await this.org.update(input));
  }

  @Get('branches')
  listBranches(): Promise<BranchDto[]> {
    return this.branches.list();
  }

  @Roles('admin')
  @Post('branches')
  @ApiBody({ schema: jsonSchema(branchInputSchema) })
  async createBranch(@Body() input: BranchDtoIn): Promise<BranchDto> {
    return toBranchDto(await this.branches.create(input), 0);
  }

  @Roles('admin')
  @Put('branches/:id')
  @ApiBody({ schema: jsonSchema(branchInputSchema) })
  async updateBranch(@Param('id') id: string, @Body() input: BranchDtoIn): Promise<BranchDto> {
    const row = await this.branches.update(id, input);
    return toBranchDto(row, (await this.branches.memberCounts()).get(row.id) ?? 0);
  }

  /** Refused with BRANCH_IN_USE once the branch has any member or result: deactivate it then. */
  @Roles('admin')
  @Delete('branches/:id')
  @HttpCode(204)
  async removeBranch(@Param('id') id: string): Promise<void> {
    await this.branches.remove(id);
  }
}
