import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/auth.service';
import { documentIdempotencyKeys } from '../idempotency/idempotency.openapi';
import { ApiErrorResponse, declareErrorResponses, declareSecurity, SECURITY_SCHEMES } from './error-responses';
import { routeFacts } from './route-facts';
import { applyValidatorConstraints } from './validator-constraints';

/**
 * The API's OpenAPI 3.0 document, served at /docs-json: what @nestjs/swagger reads from the controllers and
 * DTOs, plus what it cannot know by itself, taken from the same metadata the pipeline enforces: the validators'
 * constraints, the Idempotency-Key header, and every error status each route can answer with its body schema.
 */
export function buildOpenApiDocument(app: INestApplication, options: { idempotencyKeyTtlHours: number }): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('vnfil API')
      .setDescription(
        'Validation of non-formal and informal learning: candidates build a case on a standard, assessors judge it, the awarding body decides. ' +
          'Errors are { statusCode, error, message, code } (ApiErrorResponse). Every signed-in POST, PUT, PATCH and DELETE takes an Idempotency-Key header: ' +
          'a retry with the same key gets the first answer. A case step whose result is late answers 202 with a Location to fetch it from. ' +
          'A method a path does not take answers 405 with an Allow header; a path that does not exist, 404.',
      )
      .setVersion('1')
      .addBearerAuth(undefined, SECURITY_SCHEMES.bearer)
      .addCookieAuth(SESSION_COOKIE, undefined, SECURITY_SCHEMES.cookie)
      .build(),
    { extraModels: [ApiErrorResponse] },
  );
  const facts = routeFacts(app);
  declareSecurity(document, facts);
  applyValidatorConstraints(document, facts);
  documentIdempotencyKeys(document, options.idempotencyKeyTtlHours);
  return declareErrorResponses(document, facts);
}
