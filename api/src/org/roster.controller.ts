// Roster (花名册) files: the template, and the import (a preview unless dryRun=false).
import { Controller, Get, HttpCode, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ROSTER_MAX_BYTES, rosterImportQuerySchema, type RosterImportResultDto } from '@dangshi/protocol';
import { Roles } from '../auth/decorators';
import { zodDto } from '../common/zod-dto';
import { BranchesService } from './branches.service';
import { fileProblem } from './roster-file';
import { RosterImportService } from './roster-import.service';
import { rosterTemplate } from './roster-template';
import { ROSTER_FIELD, RosterUploadInterceptor } from './roster-upload.interceptor';

class RosterQueryDto extends zodDto(rosterImportQuerySchema) {}

export function attachment(res: Response, fileName: string, contentType: string): void {
  res.setHeader('Content-Type', contentType);
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
}

@ApiTags('org')
@Roles('admin')
@Controller('org/roster')
export class RosterController {
  constructor(
    private readonly importer: RosterImportService,
    private readonly branches: BranchesService,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    RosterUploadInterceptor,
    // utf8: browsers send Chinese file names as raw UTF-8, which multer would read as latin1.
    FileInterceptor(ROSTER_FIELD, { limits: { fileSize: ROSTER_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' }),
  )
  import(@UploadedFile() file: { originalname: string; buffer: Buffer } | undefined, @Query() query: RosterQueryDto): Promise<RosterImportResultDto> {
    if (!file) throw fileProblem('empty', `no file: send it in the multipart field "${ROSTER_FIELD}"`);
    return this.importer.run({ name: file.originalname, data: file.buffer }, query);
  }

  @Get('template')
  async template(@Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const names = (await this.branches.list()).filter((b) => b.active).map((b) => b.name);
    attachment(res, '党员花名册模板.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return new StreamableFile(await rosterTemplate(names));
  }
}
