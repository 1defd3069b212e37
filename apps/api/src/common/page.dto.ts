import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { Type as ClassType } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { CURSOR_MAX_LENGTH, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from './keyset';
import type { PageRequest } from './keyset';
import type { ValidationArguments } from 'class-validator';
import { IsNotBlank } from './validation';

/** A query parameter's refusal: "given once" when it was repeated (`?sort=a&sort=b`), else what it must be. */
export const queryMessage =
  (name: string, must: string) =>
  (args: ValidationArguments): string =>
    Array.isArray(args.value) ? `${name} must be given once` : `${name} must be ${must}`;

/** The refusal of a sort that is not one of the list's. */
export const sortMessage = (sorts: object) => queryMessage('sort', `one of ${Object.values(sorts).join(', ')}`);

const LIMIT_MESSAGE = queryMessage('limit', `a whole number from 1 to ${PAGE_LIMIT_MAX}`);

const CURSOR_DESCRIPTION =
  'Opaque: the nextCursor of the previous page of this list, with the same sort (and, to continue the same list, the same filters). ' +
  'Leave it out for the first page. A cursor that this list did not give out is refused with 400 request.invalid_cursor.';

/** A query value sent once or repeated (`?status=a&status=b`), or comma-separated (`?status=a,b`), as a list. */
export const QueryList = () =>
  Transform(({ value }: { value: unknown }) =>
    value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])),
  );

/** `true` or `false` in the query string as a boolean; anything else is left for @IsBoolean to refuse. */
export const QueryBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** The paging parameters every list takes. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT, type: 'integer', description: 'items per page', example: 50 })
  @ValidateIf((o: PageQueryDto) => o.limit !== undefined)
  // digits only: '1e2', ' 5' and '5.0' stay strings and are refused
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value))
  @ValidateBy({ name: 'isPageLimit', validator: { validate: (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= PAGE_LIMIT_MAX } }, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: CURSOR_DESCRIPTION, maxLength: CURSOR_MAX_LENGTH, pattern: '^[A-Za-z0-9_-]+$', example: 'eyJrIjpbIjIwMjYtMTEtMjkiXX0' })
  @ValidateIf((o: PageQueryDto) => o.cursor !== undefined)
  @IsString({ message: 'cursor must be given once' })
  @MaxLength(CURSOR_MAX_LENGTH, { message: 'cursor is not one this list gave out (too long)' })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not one this list gave out (not base64url)' })
  cursor?: string;
}

/** A free-text search parameter: 1 to 100 characters, not only spaces. */
export class SearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'case-insensitive text to look for; what it searches is said in the operation', example: 'spreadsheet' })
  @ValidateIf((o: SearchQueryDto) => o.q !== undefined)
  @IsString({ message: 'q must be given once' })
  @IsNotBlank({ message: 'q must not be blank: leave it out to list everything' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;
}

export function pageRequest(query: PageQueryDto): PageRequest {
  return { limit: query.limit ?? PAGE_LIMIT_DEFAULT, ...(query.cursor !== undefined ? { cursor: query.cursor } : {}) };
}

/** The page fields of every list's answer; `items` is added per list (ApiPageResponse). */
export class CursorPageResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` (with the same sort and filters) to get the next page; null on the last page.',
  })
  nextCursor: string | null;
}

/** 200 with `{ items: Model[], nextCursor }` in the OpenAPI document. */
export function ApiPageResponse(model: ClassType<unknown>, description?: string) {
  return applyDecorators(
    ApiExtraModels(CursorPageResponse, model),
    ApiOkResponse({
      description: description ?? `one page of ${model.name.replace(/Response$/, '')} items, in the requested sort`,
      schema: {
        allOf: [
          { $ref: getSchemaPath(CursorPageResponse) },
          { type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(model) } } } },
        ],
      },
    }),
  );
}
