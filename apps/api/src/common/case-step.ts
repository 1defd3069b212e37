import { applyDecorators } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiProperty, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { StepAcceptedBody } from './api-error';

export class StepAcceptedResponse implements StepAcceptedBody {
  @ApiProperty({ enum: ['accepted'] }) status: 'accepted';
  @ApiProperty({ format: 'uuid', description: "the step's id in the case's process (the Temporal update id)" }) updateId: string;
  @ApiProperty({ example: '/cases/7d1f.../steps/0b8e...', description: 'where the result can be fetched; also the Location header' })
  location: string;
}

const LOCATION_HEADER = { Location: { description: 'GET /cases/{id}/steps/{updateId}: the result once ready', schema: { type: 'string' } } };
const RETRY_AFTER_HEADER = { 'Retry-After': { description: 'seconds to wait before asking again', schema: { type: 'integer' } } };

/**
 * OpenAPI of a human step sent to the case's workflow: the step's result within the answer deadline
 * (UPDATE_ANSWER_DEADLINE_MS), else 202 when the process accepted it, else 503.
 */
export const CaseStep = () =>
  applyDecorators(
    ApiAcceptedResponse({
      type: StepAcceptedResponse,
      description:
        "the case's process accepted the step but its result was not ready in time: GET the Location until it answers 200 " +
        '(or the refusal), or retry this request with the same Idempotency-Key; not stored as the final answer of the key',
      headers: { ...LOCATION_HEADER, ...RETRY_AFTER_HEADER },
    }),
    ApiConflictResponse({
      description:
        "the case's process refused the step at this point (code process.rejected; the message says why), the case has ended " +
        '(code case.ended: withdrawn or closed), or its process is not running (code process.not_running)',
    }),
    ApiServiceUnavailableResponse({
      description: "the case's process did not take the step in time (engine or worker unavailable): retry after Retry-After with the same Idempotency-Key",
      headers: RETRY_AFTER_HEADER,
    }),
  );
