// multer's own failures (file too large, wrong field name, broken multipart) arrive as bare
// HTTP exceptions; an importer should hear IMPORT_FAILED with a sentence about the file instead.
// Listed before FileInterceptor so it wraps it and sees what multer throws.
import { HttpException, HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { IMPORT_MAX_BYTES } from '@dangshi/protocol';
import { AppError } from '../common/app-error';

export const UPLOAD_FIELD = 'file';

@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : undefined;
        if (status !== HttpStatus.PAYLOAD_TOO_LARGE && status !== HttpStatus.BAD_REQUEST) throw error;
        const message =
          status === HttpStatus.PAYLOAD_TOO_LARGE
            ? `the file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`
            : `send one file in the multipart field "${UPLOAD_FIELD}"`;
        throw new AppError('IMPORT_FAILED', message, [{ path: UPLOAD_FIELD, message }]);
      }),
    );
  }
}
