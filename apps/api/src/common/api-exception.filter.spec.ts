import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
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
