import { ValidationPipe } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import type { ValidationError, ValidationOptions } from 'class-validator';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../../../libs/calendar';
import { INVISIBLE_CONTROL, LINE_BREAK } from '../../../../libs/domain';
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
    // a field that breaks several constraints worded alike (a bound's min, max and type) is told once
    return [...new Set([...own, ...validationMessages(error.children ?? [], path)])];
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

/** The message of an optional text that was sent blank: absent (or null) is how a client says "none". */
export const OPTIONAL_NOT_BLANK = '$property must not be blank: leave it out when there is none';

/**
 * Text that must say something: more than white space (the services store it trimmed). Every required reason,
 * title, name, statement and message carries it, and optional texts that a client leaves out when there is
 * none. A missing value is empty too; one of another type is left to @IsString, so it gets one sentence.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => (typeof value === 'string' ? value.trim().length > 0 : value !== undefined && value !== null),
        defaultMessage: () => '$property must not be empty',
      },
    },
    options,
  );
}


/**
 * A finite number with at most `places` decimals (credits). class-validator's IsNumber({ maxDecimalPlaces }) reads
 * the decimals from the number's text and fails with a TypeError on exponent forms such as 1e-7 (a 500 for a
 * user's mistake); here the number is compared with itself rounded to `places` decimals.
 */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimal',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
        defaultMessage: () => `$property must be a number with at most ${places} decimals`,
      },
    },
    options,
  );
}

/**
 * Text that must stay on one line because it ends up where a line break does harm: a message's subject (a
 * standard's title), the greeting and the recipient of a message (a person's display name). Invisible controls
 * (INVISIBLE_CONTROL) are refused too. A value of another type is left to @IsString.
 */
export function IsSingleLine(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSingleLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || (!LINE_BREAK.test(value) && !INVISIBLE_CONTROL.test(value)),
        defaultMessage: (args) =>
          typeof args?.value === 'string' && !LINE_BREAK.test(args.value)
            ? '$property must be plain text: remove the control or direction-override characters'
            : '$property must be on one line: remove the line breaks',
      },
    },
    options,
  );
}

export const TIME_ZONE_MESSAGE = `timeZone must be an IANA time zone name such as ${DEFAULT_TIME_ZONE}, Europe/Helsinki or America/New_York`;

/** An IANA time zone name, as libs/calendar accepts it (one constraint, so a wrong value gets one sentence). */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  const validate = (value: unknown) => typeof value === 'string' && value.length <= 64 && isValidTimeZone(value);
  return ValidateBy({ name: 'isTimeZone', validator: { validate } }, options);
}
