import { CaseStatus, portfolioOpen } from './case-status';

describe('portfolioOpen', () => {
  const now = new Date('2025-03-31T21:59:59.500Z');
  it('is open in a draft and before an evidence request deadline, closed after it and in other statuses', () => {
    expect(portfolioOpen(CaseStatus.Draft, null, now)).toBe(true);
    expect(portfolioOpen(CaseStatus.EvidenceRequested, new Date('2025-03-31T22:00:00Z'), now)).toBe(true);
    expect(portfolioOpen(CaseStatus.EvidenceRequested, new Date('2025-03-31T21:59:59Z'), now)).toBe(false);
    expect(portfolioOpen(CaseStatus.EvidenceRequested, now, now)).toBe(false);
    expect(portfolioOpen(CaseStatus.Submitted, null, now)).toBe(false);
    expect(portfolioOpen(CaseStatus.Withdrawn, null, now)).toBe(false);
  });
});
