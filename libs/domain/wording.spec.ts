import { AssessmentPurpose, Recommendation } from './assessment';
import { CaseOutcome, CaseStatus } from './case-status';
import { DecisionResult } from './decision';
import { Role } from './roles';
import { decisionWords, listWords, onlyWhile, outcomeWords, purposeWords, recommendationWords, rolePluralWords, roleWords, statusWords } from './wording';

describe('wording for people', () => {
  it('words every status, outcome, decision, recommendation and role without machine spelling', () => {
    const all = [
      ...Object.values(CaseStatus).map(statusWords),
      ...Object.values(CaseOutcome).map(outcomeWords),
      ...Object.values(DecisionResult).map(decisionWords),
      ...Object.values(Recommendation).map(recommendationWords),
      ...Object.values(AssessmentPurpose).map(purposeWords),
      ...Object.values(Role).map(rolePluralWords),
      ...Object.values(Role).map(roleWords),
    ];
    for (const words of all) expect(words).toMatch(/^[a-z][a-z ']+$/);
  });

  it('reads as a sentence', () => {
    expect(statusWords(CaseStatus.Moderation)).toBe('in moderation');
    expect(statusWords(CaseStatus.AwaitingDecision)).toBe('awaiting a decision');
    expect(decisionWords(DecisionResult.PartiallyAwarded)).toBe('partially awarded');
    expect(rolePluralWords(Role.BodyAdmin)).toBe('awarding body admins');
    expect(onlyWhile([CaseStatus.AssessorAssigned, CaseStatus.UnderAssessment, CaseStatus.Moderation])).toBe(
      'only while it is assigned to an assessor, under assessment or in moderation',
    );
    expect(listWords(['LO1', 'LO2'])).toBe('LO1 and LO2');
  });

  it('falls back to the value in plain words for a value it does not know', () => {
    expect(statusWords('some_new_status')).toBe('some new status');
  });
});
