import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_MAX_LENGTH } from './idempotency-key';

const STATE_CHANGING = ['post', 'put', 'patch', 'delete'] as const;

interface Operation {
  security?: unknown[];
  parameters?: unknown[];
  responses?: Record<string, { description?: string }>;
}

/**
 * Documents the Idempotency-Key header, and the answers it brings, on every state-changing operation that
 * needs a session (those the interceptor serves; login and register are public and ignore the header).
 */
export function documentIdempotencyKeys(document: OpenAPIObject, keyTtlHours: number): OpenAPIObject {
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    IdempotencyKey: {
      name: IDEMPOTENCY_KEY_HEADER,
      in: 'header',
      required: false,
      description:
        `A key of the client's choice (a UUID is best) that makes a retry safe: the first request with it runs, and its final answer ` +
        `(status and JSON body, 2xx other than 202, or 4xx) is replayed to every retry with the same key by the same user for ` +
        `${keyTtlHours} hours, with the header Idempotent-Replayed: true. Reused with another method, path or body: 422. ` +
        `While the first request runs: 409 with Retry-After. A 5xx is not kept: a retry runs again. On a case step, the key is also ` +
        `the step's identity in the case's process, so the step is applied once.`,
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, pattern: '^[\\x21-\\x7E]+$' },
      example: '2ec55294-a27f-42a2-940b-48b8846f10fd',
    },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of STATE_CHANGING) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op?.security?.length) continue;
      op.parameters = [...(op.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
      const responses = (op.responses ??= {});
      responses['400'] = { ...responses['400'], description: joined(responses['400']?.description, 'invalid input, or a malformed Idempotency-Key header') };
      responses['409'] = { ...responses['409'], description: joined(responses['409']?.description, 'a request with this Idempotency-Key is still in progress (retry after Retry-After)') };
      responses['422'] = { description: 'this Idempotency-Key was already used for another request (method, path or body)' };
    }
  }
  return document;
}

function joined(existing: string | undefined, added: string): string {
  return existing ? `${existing}; or ${added}` : added;
}
