import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NotJsonObjectError, UnsupportedMediaTypeError } from './api-error';
import { describeError } from './api-exception.filter';

describe('describeError: how the case process answers become HTTP', () => {
  it("passes a validator's refusal on as a 409 with its sentence", () => {
    const refused = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ message: 'the case is a draft: a decision is allowed only while it is awaiting a decision' }));
    expect(describeError(refused)?.body).toMatchObject({ statusCode: 409, code: 'process.rejected', message: 'the case is a draft: a decision is allowed only while it is awaiting a decision' });
  });

  it("says plainly when the case's run ended before it took the step, instead of Temporal's wording", () => {
    const ended = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ message: 'Workflow Update failed because the Workflow completed before the Update completed.' }),
    );
    expect(describeError(ended)?.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'process.moved_on',
      message: "the case's process moved on before it could take this step; reload the case and try again",
    });
  });
});

describe('describeError: every error body has a code', () => {
  it("gives Nest's and Express's own errors a code from their status", () => {
    const parseFailed = Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400, type: 'entity.parse.failed', expose: true });
    expect(describeError(parseFailed)?.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the request body is not valid JSON', code: 'request.malformed_json' });
    expect(describeError(new BadRequestException('Unexpected token } in JSON at position 10'))?.body).toMatchObject({ code: 'request.malformed_json' });
    expect(describeError(new NotFoundException('Cannot GET /nowhere'))?.body).toMatchObject({ statusCode: 404, code: 'request.no_route', message: 'no such route: GET /nowhere' });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(describeError(tooLarge)?.body).toMatchObject({ statusCode: 413, code: 'request.too_large' });
    expect(describeError(new HttpException('teapot', 418))?.body).toMatchObject({ statusCode: 418, code: 'http.418' });
    // Express's router, for a path whose %-escapes are not UTF-8
    const undecodable = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400, expose: true });
    expect(describeError(undecodable)?.body).toMatchObject({ statusCode: 400, code: 'request.invalid', message: 'the path is not valid: %E0%A4%A is not percent-encoded UTF-8' });
  });

  it('answers the refusals of the request gate as 415 and 400 with their codes', () => {
    expect(describeError(new UnsupportedMediaTypeError())?.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'send the body as application/json',
      code: 'request.unsupported_media_type',
    });
    expect(describeError(new NotJsonObjectError())?.body).toMatchObject({ statusCode: 400, message: 'the request body must be a JSON object', code: 'request.not_json_object' });
  });
});
