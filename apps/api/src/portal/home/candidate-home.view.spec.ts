import { CaseStatus } from '../../../../../libs/domain';
import type { CaseSummaryResponse } from '../../cases/dto/case.response';
import { homeCaseView } from './candidate-home.view';

const summary = (status: CaseStatus, over: Partial<CaseSummaryResponse> = {}): CaseSummaryResponse =>
  ({
    id: 'case-1',
    status,
    standard: { id: 's', code: 'S', title: 'Spreadsheets' },
    createdAt: '2027-01-01T00:00:00Z',
    submittedAt: null,
    decidedAt: null,
    evidenceDueAt: null,
    assessmentDueAt: null,
    appealDeadline: null,
    ...over,
  }) as CaseSummaryResponse;

describe('homeCaseView', () => {
  const now = new Date('2027-01-10T09:00:00Z');

  it('says what to do now and counts down the deadline the candidate has to meet', () => {
    expect(homeCaseView(summary(CaseStatus.EvidenceRequested, { evidenceDueAt: '2027-01-13T22:59:59.999Z', assessmentDueAt: '2027-01-20T00:00:00Z' }), now)).toEqual({
      path: '/portal/cases/case-1',
      standardTitle: 'Spreadsheets',
      statusKey: 'status.evidence_requested',
      nowKey: 'candidate.guidance.evidence_requested.now',
      updatedAt: '2027-01-01T00:00:00Z',
      deadline: { key: 'home.deadline.evidence', at: '2027-01-13T22:59:59.999Z', daysLeft: 4 },
      credential: null,
    });
    expect(homeCaseView(summary(CaseStatus.NotAwarded, { appealDeadline: '2027-02-01T00:00:00Z', decidedAt: '2027-01-02T00:00:00Z' }), now)).toMatchObject({
      updatedAt: '2027-01-02T00:00:00Z',
      deadline: { key: 'home.deadline.appeal', daysLeft: 22 },
    });
    expect(homeCaseView(summary(CaseStatus.Lapsed), now, '2027-01-11T09:00:00Z').deadline).toEqual({ key: 'home.deadline.reopen', at: '2027-01-11T09:00:00Z', daysLeft: 1 });
  });

  it('says a credential the body suspended or revoked, with its date and reason, instead of suggesting to share it', () => {
    const held = { revokedAt: null, revocationReason: null, suspendedAt: null, suspensionReason: null };
    expect(homeCaseView(summary(CaseStatus.Awarded), now, null, held)).toMatchObject({ nowKey: 'candidate.guidance.awarded.now', credential: null });
    const suspended = { ...held, suspendedAt: '2027-01-09T10:00:00Z', suspensionReason: 'An inquiry is open.' };
    expect(homeCaseView(summary(CaseStatus.Awarded), now, null, suspended)).toMatchObject({
      nowKey: 'candidate.credentialGuidance.suspended.now',
      credential: { state: 'suspended', saidKey: 'candidate.credential.suspended', at: '2027-01-09T10:00:00Z', reason: 'An inquiry is open.' },
    });
    // revoked wins over a suspension; a closed case says it too
    const revoked = { ...suspended, revokedAt: '2027-01-09T11:00:00Z', revocationReason: 'Issued in error.' };
    expect(homeCaseView(summary(CaseStatus.Closed), now, null, revoked)).toMatchObject({
      nowKey: 'candidate.credentialGuidance.revoked.now',
      credential: { state: 'revoked', at: '2027-01-09T11:00:00Z', reason: 'Issued in error.' },
    });
    // a change through the VC API records no reason of the admin's: none is shown
    expect(homeCaseView(summary(CaseStatus.Awarded), now, null, { ...held, suspendedAt: '2027-01-09T10:00:00Z', suspensionReason: 'status changed through the VC API' }).credential?.reason).toBeNull();
  });

  it('shows no deadline that is not the candidate’s, or has passed', () => {
    // the assessor's due date is theirs to meet, not the candidate's
    expect(homeCaseView(summary(CaseStatus.UnderAssessment, { assessmentDueAt: '2027-01-20T00:00:00Z' }), now).deadline).toBeNull();
    expect(homeCaseView(summary(CaseStatus.EvidenceRequested, { evidenceDueAt: '2027-01-09T00:00:00Z' }), now).deadline).toBeNull();
    expect(homeCaseView(summary(CaseStatus.Lapsed), now, null).deadline).toBeNull();
    // an award's appeal window is not offered as something to do
    expect(homeCaseView(summary(CaseStatus.Awarded, { appealDeadline: '2027-02-01T00:00:00Z' }), now).deadline).toBeNull();
  });
});
