// DTO classes backed by a zod schema: the global ZodValidationPipe parses request bodies and
// queries with the schema the class carries, and OpenAPI gets its JSON schema from the same one.
import { z, type ZodType } from 'zod';

export interface ZodDtoClass<T> {
  new (): T;
  schema: ZodType<T>;
}

export function zodDto<S extends ZodType>(schema: S): ZodDtoClass<z.output<S>> {
  class Dto {
    static schema = schema;
  }
  return Dto as unknown as ZodDtoClass<z.output<S>>;
}

/** JSON schema for @ApiBody / @ApiResponse, from the same zod schema. */
export function jsonSchema(schema: ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
