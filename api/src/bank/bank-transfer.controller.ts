// Moving questions in and out of the bank as files: import (preview or commit) and export.
import { Controller, Get, HttpCode, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { bankExportQuerySchema, bankImportQuerySchema, IMPORT_MAX_BYTES, type ImportResultDto } from '@dangshi/protocol';
import type { Authenticated } from '../auth/auth.service';
import { CurrentAuth, Roles } from '../auth/decorators';
import { AppError } from '../common/app-error';
import { zodDto } from '../common/zod-dto';
import { BankExportService } from './bank-export.service';
import { BankImportService } from './bank-import.service';
import { UPLOAD_FIELD, UploadErrorsInterceptor } from './upload-errors.interceptor';

class ImportQueryDto extends zodDto(bankImportQuerySchema) {}
class ExportQueryDto extends zodDto(bankExportQuerySchema) {}

/** The part of multer's file object we use (memory storage). */
interface UploadedImport {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('bank')
@Roles('host')
@Controller('bank')
export class BankTransferController {
  constructor(
    private readonly importer: BankImportService,
    private readonly exporter: BankExportService,
  ) {}

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    UploadErrorsInterceptor,
    // utf8: browsers send Chinese file names as raw UTF-8, which multer would read as latin1.
    FileInterceptor(UPLOAD_FIELD, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' }),
  )
  import(
    @UploadedFile() file: UploadedImport | undefined,
    @Query() query: ImportQueryDto,
    @CurrentAuth() auth: Authenticated,
  ): Promise<ImportResultDto> {
    if (!file) {
      const message = `no file: send it in the multipart field "${UPLOAD_FIELD}"`;
      throw new AppError('IMPORT_FAILED', message, [{ path: UPLOAD_FIELD, message }]);
    }
    return this.importer.run({ name: file.originalname, data: file.buffer }, query, auth.user.id);
  }

  @Get('export')
  async export(@Query() query: ExportQueryDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const file = await this.exporter.export(query.format, query.category);
    res.setHeader('Content-Type', file.contentType);
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
    res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    return new StreamableFile(file.data);
  }
}
