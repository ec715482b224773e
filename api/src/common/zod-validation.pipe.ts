import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { AppError } from './app-error';
import { zodIssues } from './error-mapping';

/** Registered once (APP_PIPE): parses any parameter whose DTO class carries a zod schema. */
@Injectable()
export class ZodValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = (metadata.metatype as { schema?: ZodType } | undefined)?.schema;
    if (!schema || typeof schema.safeParse !== 'function') return value;
    const result = schema.safeParse(value);
    if (!result.success) throw new AppError('VALIDATION_FAILED', undefined, zodIssues(result.error));
    return result.data;
  }
}
