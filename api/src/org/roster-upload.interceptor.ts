// multer's own failures (file too large, wrong field, broken multipart) arrive as bare HTTP
// exceptions; the roster page should hear IMPORT_FAILED with a `file.<kind>` issue instead.
// Listed before FileInterceptor so it wraps it and sees what multer throws.
import { HttpException, HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { ROSTER_MAX_BYTES } from '@dangshi/protocol';
import { fileProblem } from './roster-file';

export const ROSTER_FIELD = 'file';

@Injectable()
export class RosterUploadInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : undefined;
        if (status === HttpStatus.PAYLOAD_TOO_LARGE) throw fileProblem('tooLarge', `the file is larger than ${ROSTER_MAX_BYTES / 1024 / 1024} MB`);
        if (status === HttpStatus.BAD_REQUEST) throw fileProblem('empty', `send one file in the multipart field "${ROSTER_FIELD}"`);
        throw error;
      }),
    );
  }
}
