import { Body, Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './api-error';

/** A step that takes no input refuses any field sent to it, as DTO routes refuse unknown fields. */
@Injectable()
export class NoFieldsPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw new RequestValidationError(['this step takes no request body']);
    const fields = Object.keys(value);
    if (fields.length) throw new RequestValidationError(fields.map((f) => `property ${f} is not accepted here`));
    return {};
  }
}

/** The (empty) body of a step that takes no input. */
export const NoBody = () => Body(NoFieldsPipe);
