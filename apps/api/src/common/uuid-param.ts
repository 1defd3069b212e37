import { Param, ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationError } from './api-error';

/** A path parameter that must be a UUID: a malformed one is a 400 naming the parameter, never a database error. */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new RequestValidationError([`${name} in the path must be a UUID`]) }));
