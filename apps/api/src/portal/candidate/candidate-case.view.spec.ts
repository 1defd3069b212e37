import { CaseStatus, DecisionResult, EvidenceKind } from '../../../../../libs/domain';
import type { CaseDetailResponse, CaseEventResponse } from '../../cases/dto/case.response';
import { candidateCaseView, daysLeft, renewalOffer } from './candidate-case.view';

const LO1 = { id: 'lo-1', code: 'LO1', description: 'Clean a data set', criteria: [{ id: 'c1', code: 'LO1.1', description: 'Removes duplicates' }] };
const LO2 = { id: 'lo-2', code: 'LO2', description: 'Build a pivot table', criteria: [] };

function detail(overrides: Partial<CaseDetailResponse['state']> = {}, more: Partial<CaseDetailResponse> = {}): CaseDetailResponse {
  return {
    id: 'case-1',
    status: overrides.status ?? CaseStatus.Draft,
    decidedAt: null,
    standard: { id: 's-1', code: 'S', title: 'Spreadsheets', eqfLevel: 4, awardingBody: { id: 'b', name: 'Body', timeZone: 'Europe/Paris' }, learningOutcomes: [LO1, LO2] },
    state: { status: CaseStatus.Draft, stage: 'documentation', outcome: null, evidenceDueAt: null, assessmentDueAt: null, appealDeadline: null, reopenDeadline: null, lastActivityAt: '', statusChangedAt: null, attentionReason: null, ...overrides },
    selfAssessment: [{ learningOutcomeId: 'lo-1', level: 'confident', statement: 'at work' }],
    evidence: [{ id: 'e1', kind: EvidenceKind.Url, title: 'Dashboard', learningOutcomeIds: ['lo-1'], downloadPath: null, url: 'https://x.example', attestorName: null }],
    decisions: [],
    feedback: [],
    credential: null,
    ...more,
  } as unknown as CaseDetailResponse;
}

const event = (toStatus: CaseStatus, data: Record<string, unknown> = {}): CaseEventResponse =>
  ({ seq: 1, type: 'status_changed', fromStatus: null, toStatus, actorId: null, reason: 'r', data, occurredAt: '2027-01-01T00:00:00Z' }) as CaseEventResponse;

describe('candidateCaseView', () => {
  const now = new Date('2027-01-10T09:00:00Z');

  it('shows a draft as editable, with what each outcome says, backs and lacks', () => {
    const view = candidateCaseView(detail(), [event(CaseStatus.Draft)], now);
    expect(view).toMatchObject({ editable: true, statusKey: 'status.draft', nowKey: 'candidate.guidance.draft.now', lacking: ['LO2'], lackingCodes: 'LO2', canWithdraw: true });
    expect(view.outcomes.map((o) => [o.code, o.level, o.evidenceCount, o.lacksEvidence])).toEqual([
      ['LO1', 'confident', 1, false],
      ['LO2', '', 0, true],
    ]);
    expect(view.outcomes[0]!.levels.find((l) => l.selected)?.value).toBe('confident');
  });

  it('counts the days left to answer an evidence request and shows the assessor’s words', () => {
    const view = candidateCaseView(
      detail({ status: CaseStatus.EvidenceRequested, evidenceDueAt: '2027-01-13T22:59:59.999Z' }),
      [event(CaseStatus.EvidenceRequested, { assessorMessage: 'Add the chart pack.', learningOutcomeIds: ['lo-2', 'lo-unknown'] })],
      now,
    );
    expect(view.evidenceRequest).toEqual({ message: 'Add the chart pack.', aboutCodes: 'LO2', dueAt: '2027-01-13T22:59:59.999Z', daysLeft: 4 });
    expect(view.editable).toBe(true);
    expect(view.timeline[0]!.message).toBe('Add the chart pack.');
  });

  it('offers an appeal of a decision that did not award, until its deadline only', () => {
    const decided = (deadline: string) =>
      candidateCaseView(
        detail({ status: CaseStatus.NotAwarded, appealDeadline: deadline }, { decidedAt: '2027-01-01T00:00:00Z', decisions: [{ result: DecisionResult.NotAwarded, reason: 'r', decidedAt: 'd', revokedAt: null }] } as never),
        [],
        now,
      );
    expect(decided('2027-02-01T00:00:00Z').appeal).toEqual({ until: '2027-02-01T00:00:00Z' });
    expect(decided('2027-01-09T00:00:00Z').appeal).toBeNull();
    expect(decided('2027-02-01T00:00:00Z')).toMatchObject({ editable: false, canWithdraw: false, decision: { resultKey: 'candidate.decision.not_awarded' } });
  });

  it('rounds the days left up and never below zero', () => {
    expect(daysLeft('2027-01-10T09:00:01Z', now)).toBe(1);
    expect(daysLeft('2027-01-09T00:00:00Z', now)).toBe(0);
  });

  it('offers to reopen a lapsed case until its reopen deadline, and nothing else of the kind', () => {
    const lapsed = (deadline: string | null) => candidateCaseView(detail({ status: CaseStatus.Lapsed, reopenDeadline: deadline }), [], now);
    expect(lapsed('2027-01-12T22:59:59.999Z').reopen).toEqual({ until: '2027-01-12T22:59:59.999Z', daysLeft: 3 });
    expect(lapsed('2027-01-10T08:00:00Z').reopen).toBeNull();
    expect(lapsed(null).reopen).toBeNull();
    expect(lapsed('2027-01-12T22:59:59.999Z')).toMatchObject({ nowKey: 'candidate.guidance.lapsed.now', canWithdraw: false, editable: false });
    // a draft carries no reopen deadline worth showing, whatever the row says
    expect(candidateCaseView(detail({ status: CaseStatus.Draft, reopenDeadline: '2027-01-12T22:59:59.999Z' }), [], now).reopen).toBeNull();
  });

  it('says a suspended or revoked credential, with its date and reason, and no longer guides to share it', () => {
    const held = { id: 'cred-1', title: 'Spreadsheets', issuedAt: '2027-01-02T00:00:00Z', validUntil: null, status: 'active', revokedAt: null, revocationReason: null, suspendedAt: null, suspensionReason: null, learningOutcomeIds: [] };
    const awarded = (credential: Record<string, unknown>) => candidateCaseView(detail({ status: CaseStatus.Awarded }, { credential } as never), [], now);
    expect(awarded(held)).toMatchObject({ nowKey: 'candidate.guidance.awarded.now', nextKey: 'candidate.guidance.awarded.next', credential: { standing: null, shareable: true } });
    expect(awarded({ ...held, status: 'suspended', suspendedAt: '2027-01-09T10:00:00Z', suspensionReason: 'An inquiry is open.' })).toMatchObject({
      nowKey: 'candidate.credentialGuidance.suspended.now',
      nextKey: 'candidate.credentialGuidance.suspended.next',
      credential: { standing: { state: 'suspended', saidKey: 'candidate.credential.suspended', at: '2027-01-09T10:00:00Z', reason: 'An inquiry is open.' }, shareable: false },
    });
    expect(awarded({ ...held, status: 'revoked', revokedAt: '2027-01-09T11:00:00Z', revocationReason: 'Issued in error.' })).toMatchObject({
      nowKey: 'candidate.credentialGuidance.revoked.now',
      credential: { standing: { state: 'revoked', saidKey: 'candidate.credential.revoked', reason: 'Issued in error.' }, shareable: false },
    });
  });
});

describe('renewalOffer', () => {
  const now = new Date('2027-01-10T09:00:00Z');
  const credential = (over: Partial<Parameters<typeof renewalOffer>[0]> = {}) => ({
    id: 'cred-1',
    caseId: 'case-1',
    title: 'Spreadsheets',
    validUntil: '2027-02-01T09:00:00Z',
    status: 'active',
    signed: true,
    ...over,
  });

  it('offers a credential expiring within the reminder days, or expired, whose case has ended', () => {
    expect(renewalOffer(credential(), false, now, 60)).toEqual({ credentialId: 'cred-1', caseId: 'case-1', title: 'Spreadsheets', validUntil: '2027-02-01T09:00:00Z', expired: false, daysLeft: 22 });
    expect(renewalOffer(credential({ validUntil: '2027-01-01T00:00:00Z', status: 'expired' }), false, now, 60)).toMatchObject({ expired: true, daysLeft: 0 });
  });

  it('offers nothing too early, without an end of validity, unsigned, suspended, revoked, or while its case is open', () => {
    expect(renewalOffer(credential(), false, now, 10)).toBeNull();
    expect(renewalOffer(credential({ validUntil: null }), false, now, 60)).toBeNull();
    expect(renewalOffer(credential({ signed: false }), false, now, 60)).toBeNull();
    expect(renewalOffer(credential({ status: 'suspended' }), false, now, 60)).toBeNull();
    expect(renewalOffer(credential({ status: 'revoked' }), false, now, 60)).toBeNull();
    expect(renewalOffer(credential({ caseId: null }), false, now, 60)).toBeNull();
    expect(renewalOffer(credential(), true, now, 60)).toBeNull();
  });
});
