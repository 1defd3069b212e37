import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { RequestValidationError } from './api-error';

/** Every constraint failure as one sentence naming the field by its path (learningOutcomes.0.code ...). */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
      if (constraint === 'whitelistValidation') return `property ${path} is not accepted here`;
      // class-validator names the property without its parents; give the full path for nested fields
      return parent && message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : message;
    });
    return [...own, ...validationMessages(error.children ?? [], path)];
  });
}

/** Whitelisted, unknown fields refused, payloads transformed to their DTO classes, messages as sentences. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(validationMessages(errors)),
  });
}
