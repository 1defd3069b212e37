import { plainToInstance } from 'class-transformer';
import type { ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { ValidationError } from 'class-validator';

/** A field's mistake, in the page's language, shown next to the field and in the error summary. */
export interface FieldError {
  field: string;
  message: string;
  /** The id the error summary links to, when not `field-<field>` (two forms on a page with the same field). */
  anchor?: string;
}

/** A form read back: the typed values when every rule holds, else the mistakes and the values as sent (kept in the form). */
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; values: Record<string, string>; lists?: Record<string, string[]> };

/** Fields a form always carries besides its own (the anti-forgery token). */
const FORM_MECHANICS = new Set(['_csrf']);

/** A form field sent twice or with brackets: no form of ours does that. */
export class MalformedFormError extends Error {
  override name = 'MalformedFormError';
}

/**
 * Reads an application/x-www-form-urlencoded body into `type` and checks it with class-validator (whitelist:
 * a field the form does not have makes it malformed). The rules' messages are catalogue keys; their
 * `context` gives the values the sentence needs (`{{min}}`). `translate` puts them in the page's language.
 */
export async function readForm<T extends object>(
  type: ClassConstructor<T>,
  body: unknown,
  fields: readonly (keyof T & string)[],
  translate: (key: string, values: Record<string, unknown>) => string,
  /** Fields that may come several times (checkboxes): always read as lists. */
  lists: readonly (keyof T & string)[] = [],
): Promise<FormResult<T>> {
  const values: Record<string, string> = {};
  const listed: Record<string, string[]> = Object.fromEntries(lists.map((l) => [l, []]));
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (FORM_MECHANICS.has(key)) continue;
    if ((lists as readonly string[]).includes(key)) {
      const many = Array.isArray(value) ? value : [value];
      if (!many.every((v): v is string => typeof v === 'string')) throw new MalformedFormError(`the form's ${key} is not a list of values`);
      listed[key] = many;
      continue;
    }
    if (!(fields as readonly string[]).includes(key) || typeof value !== 'string') throw new MalformedFormError(`the form has no field ${key}, or sent it more than once`);
    values[key] = value;
  }
  const dto = plainToInstance(type, { ...values, ...listed });
  const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true, validationError: { target: false, value: false } });
  if (!problems.length) return { ok: true, value: dto };
  // in the order of the form's fields, as a reader meets them
  const order = (field: string) => [...fields, ...lists].indexOf(field as keyof T & string);
  return { ok: false, values, lists: listed, errors: problems.map((p) => fieldError(p, translate)).sort((a, b) => order(a.field) - order(b.field)) };
}

function fieldError(problem: ValidationError, translate: (key: string, values: Record<string, unknown>) => string): FieldError {
  const [constraint, key] = Object.entries(problem.constraints ?? {})[0] ?? ['invalid', ''];
  const context = (problem.contexts?.[constraint] ?? {}) as Record<string, unknown>;
  try {
    return { field: problem.property, message: translate(key, context) };
  } catch {
    // a rule without words for people guards a field the page itself fills in (a token, a path): not a person's mistake
    throw new MalformedFormError(`the form's ${problem.property} is not valid`);
  }
}

/** The same mistakes, by field, for the templates (`errors.email`). */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}
