import { ApiProperty } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { listWords, rolePluralWords } from '../../../../libs/domain';
import { CommonErrorCode } from '../common/api-error';
import { codeForStatus } from '../common/api-exception.filter';
import type { ErrorBody } from '../common/api-exception.filter';
import { operationsOf } from './route-facts';
import type { RouteFacts } from './route-facts';

/** The body of every error answer (api-exception.filter.ts writes it). */
export class ApiErrorResponse implements ErrorBody {
  @ApiProperty({ example: 400, minimum: 400, maximum: 599, type: 'integer' }) statusCode: number;
  @ApiProperty({ example: 'Bad Request', description: "the status's standard reason phrase" }) error: string;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['title must be on one line: remove the line breaks'],
    description: 'what is wrong and what to do, in words for a person; a list when several fields are wrong',
  })
  message: string | string[];
  @ApiProperty({ example: 'request.invalid', description: 'stable, for programs: `area.reason` (auth.role_required, case.ended, process.rejected…)' })
  code: string;
}

export const SECURITY_SCHEMES = { bearer: 'bearer', cookie: 'vnfil_session' } as const;

interface Response {
  description?: string;
  content?: Record<string, { schema?: object; example?: unknown }>;
  headers?: Record<string, object>;
}

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses?: Record<string, Response>;
}

const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } } };

/** An answer every route may give, whatever it does (the input gate, the body parser, a fault of ours). */
const EVERY_ROUTE: Record<string, { description: string; code: string; message: string }> = {
  '400': {
    description: 'the input is invalid: a field, query or path parameter breaks a rule (the message names it), or the JSON is malformed',
    code: CommonErrorCode.Validation,
    message: 'standardId must be a UUID',
  },
  '413': { description: 'the request body is larger than the API takes', code: CommonErrorCode.TooLarge, message: 'the request body is larger than the limit of 256 kB' },
  '415': {
    description: 'a body sent as something other than application/json (multipart/form-data on upload routes)',
    code: CommonErrorCode.UnsupportedMediaType,
    message: 'send the body as application/json',
  },
  '500': { description: 'a fault on our side (logged); nothing the caller can fix', code: CommonErrorCode.Internal, message: 'something went wrong on our side; the error has been logged' },
};

function errorExample(status: string, code: string, message: string): ErrorBody {
  return { statusCode: Number(status), error: STATUS_CODES[Number(status)] ?? 'Error', message, code };
}

/** Every route needs a session (the bearer token or the cookie) unless it is public. */
export function declareSecurity(document: OpenAPIObject, facts: Map<string, RouteFacts>): OpenAPIObject {
  for (const { op, route } of operationsOf<Operation>(document, facts)) {
    if (route.isPublic) delete op.security;
    else op.security = [{ [SECURITY_SCHEMES.bearer]: [] }, { [SECURITY_SCHEMES.cookie]: [] }];
  }
  return document;
}

/** The example of an error a route's decorator declares: the first code its description names, else the status's. */
function declaredExample(status: string, description: string): ErrorBody {
  const code = /\bcode ([a-z_]+\.[a-z_]+)/.exec(description)?.[1] ?? codeForStatus(Number(status));
  return errorExample(status, code, description.split(/; |, or /)[0] ?? description);
}

/**
 * Declares on every operation each status it can answer besides its own (which its decorators declare), from
 * the route's facts: 400/413/415/500 everywhere; 401 unless public; 403 with its
 * roles; 404 where the path names a record; 429 and 503 where sign-in attempts are limited and hashed. Every 4xx and 5xx gets the
 * error body's schema (and an example), so a client can read `code` on any failure.
 */
export function declareErrorResponses(document: OpenAPIObject, facts: Map<string, RouteFacts>): OpenAPIObject {
  for (const { path, op, route } of operationsOf<Operation>(document, facts)) {
    const responses = op.responses!;
    // the examples of the answers added here; those a decorator declared get theirs from their description
    const examples = new Map<string, ErrorBody>();
    const add = (status: string, description: string, code: string, message: string, headers?: Record<string, object>) => {
      const declared = responses[status];
      responses[status] = {
        ...declared,
        description: declared?.description ?? description,
        ...(headers || declared?.headers ? { headers: { ...headers, ...declared?.headers } } : {}),
      };
      if (!declared) examples.set(status, errorExample(status, code, message));
    };
    for (const [status, answer] of Object.entries(EVERY_ROUTE)) add(status, answer.description, answer.code, answer.message);
    if (op.security?.length) {
      add('401', 'not signed in, or the session has ended or expired: sign in again', 'auth.not_signed_in', 'sign in first: send Authorization: Bearer <token> or the vnfil_session cookie');
    }
    if (route.roles.length) {
      const who = listWords(route.roles.map(rolePluralWords), 'or');
      add('403', `only for ${who}`, 'auth.role_required', `this action is for ${who}; you are signed in as a candidate`);
    }
    if (path.includes('{')) {
      const record = path.startsWith('/standards') ? 'standard' : /^\/(credentials|verify)\//.test(path) ? 'credential' : path.startsWith('/bodies') ? 'awarding_body' : 'case';
      add('404', 'no such record, or one the caller may not see (the same answer for both)', `${record}.not_found`, `no ${record} with this id`);
    }
    if (route.guards.includes('AuthThrottlerGuard')) {
      add('429', 'too many attempts for this account or from this address', 'auth.too_many_attempts', 'too many sign-in attempts: wait 60 seconds, then try again', RETRY_AFTER);
      // these routes hash a password, and hashing is bounded (PasswordHasher)
      add('503', 'too many sign-ins and sign-ups are being checked right now', 'auth.busy', 'too many sign-ins and sign-ups are being checked right now: try again in a few seconds', RETRY_AFTER);
    }
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) < 400) continue;
      const example = examples.get(status) ?? declaredExample(status, response.description ?? '');
      if (Number(status) === 503 || Number(status) === 409) response.headers = { ...RETRY_AFTER, ...response.headers };
      response.content ??= { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorResponse' }, example } };
      // a body declared as one of several (the error body among them) still gets the error's example
      const json = response.content['application/json'] as { schema?: { oneOf?: { $ref?: string }[] }; example?: unknown } | undefined;
      if (json && json.example === undefined && json.schema?.oneOf?.some((s) => s.$ref === '#/components/schemas/ApiErrorResponse')) json.example = example;
    }
  }
  return document;
}
