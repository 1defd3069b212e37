import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CaseFailure, CaseStatus } from '../../../../libs/domain';
import { StepAccepted } from '../common/api-error';
import { CaseError } from '../cases/cases.errors';
import { CredentialError } from '../credentials/credentials.errors';
import { stepRefusal } from './step-refusal';

const refused = (type: CaseFailure) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message: 'in English', nonRetryable: true }));

describe('stepRefusal', () => {
  it('words each refusal of the process by its failure type, with the JSON API’s status', () => {
    expect(stepRefusal(refused(CaseFailure.NotAllowedInStatus))).toEqual({ status: 409, key: 'step.refused.movedOn' });
    expect(stepRefusal(refused(CaseFailure.DeadlinePassed))).toEqual({ status: 409, key: 'step.refused.deadline' });
    expect(stepRefusal(refused(CaseFailure.AlreadyUsed))).toEqual({ status: 409, key: 'step.refused.alreadyUsed' });
    expect(stepRefusal(refused(CaseFailure.InvalidInput))).toEqual({ status: 409, key: 'step.refused.invalid' });
    expect(stepRefusal(refused(CaseFailure.NotTheActor))).toEqual({ status: 409, key: 'step.refused.notTheActor' });
    expect(stepRefusal(refused(CaseFailure.ConflictOfInterest))).toEqual({ status: 409, key: 'step.refused.conflict' });
  });

  it('tells a step still running, an ended assignment and a case that ended apart', () => {
    expect(stepRefusal(new StepAccepted('c', 'u'))).toEqual({ status: 202, key: 'step.pending' });
    expect(stepRefusal(CaseError.notAssigned())).toEqual({ status: 403, key: 'step.notAssigned' });
    expect(stepRefusal(CaseError.ended(CaseStatus.Withdrawn))).toEqual({ status: 409, key: 'step.refused.movedOn' });
  });

  it('says a suspended or revoked credential cannot be shared, not that the case moved on', () => {
    expect(stepRefusal(CredentialError.notShareable('c', 'suspended'))).toEqual({ status: 409, key: 'step.refused.notShareable' });
    expect(stepRefusal(CredentialError.notShareable('c', 'revoked'))).toEqual({ status: 409, key: 'step.refused.notShareable' });
  });

  it('leaves faults, unknown cases and strangers to the error pages', () => {
    expect(stepRefusal(new Error('boom'))).toBeNull();
    expect(stepRefusal(CaseError.notFound())).toBeNull();
  });
});
