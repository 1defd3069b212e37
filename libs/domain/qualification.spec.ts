import { qualificationDefinitionProblems, qualificationProgress, QualificationRule } from './qualification';

describe('qualification rules', () => {
  const held = (standardId: string, credits: number | null, credentialId = `c-${standardId}-${credits}`) => ({ credentialId, standardId, credits });

  it('all_of is met only with a credential for every component standard', () => {
    const requirement = { rule: QualificationRule.AllOf, creditsRequired: null, componentStandardIds: ['a', 'b'] };
    expect(qualificationProgress(requirement, [held('a', 5)])).toMatchObject({ met: false, componentsMet: ['a'], componentsMissing: ['b'] });
    const both = qualificationProgress(requirement, [held('b', null), held('a', 5), held('x', 50)]);
    expect(both).toMatchObject({ met: true, componentsMet: ['a', 'b'], componentsMissing: [], creditsEarned: 5 });
    expect(both.countedCredentialIds).toEqual(['c-a-5', 'c-b-null']);
  });

  it('credit_total counts one credential per component standard, and only component standards', () => {
    const requirement = { rule: QualificationRule.CreditTotal, creditsRequired: 10, componentStandardIds: ['a', 'b', 'c'] };
    // two credentials on the same standard count once (the larger), a standard outside the set not at all
    expect(qualificationProgress(requirement, [held('a', 6), held('a', 4), held('x', 100)])).toMatchObject({ met: false, creditsEarned: 6 });
    expect(qualificationProgress(requirement, [held('a', 6), held('c', 4)])).toMatchObject({ met: true, creditsEarned: 10, componentsMissing: ['b'] });
    expect(qualificationProgress({ ...requirement, creditsRequired: 0.3 }, [held('a', 0.1), held('b', 0.2)])).toMatchObject({ met: true, creditsEarned: 0.3 });
  });

  it('is never met by an empty definition', () => {
    expect(qualificationProgress({ rule: QualificationRule.AllOf, creditsRequired: null, componentStandardIds: [] }, []).met).toBe(false);
  });

  it('refuses a definition that contradicts its rule', () => {
    expect(qualificationDefinitionProblems({ rule: QualificationRule.CreditTotal, creditsRequired: null, componentStandardIds: ['a'] })).toHaveLength(1);
    expect(qualificationDefinitionProblems({ rule: QualificationRule.AllOf, creditsRequired: 5, componentStandardIds: ['a'] })).toHaveLength(1);
    expect(qualificationDefinitionProblems({ rule: QualificationRule.AllOf, creditsRequired: null, componentStandardIds: ['a', 'a'] })).toHaveLength(1);
    expect(qualificationDefinitionProblems({ rule: QualificationRule.CreditTotal, creditsRequired: 30, componentStandardIds: ['a', 'b'] })).toEqual([]);
  });
});
