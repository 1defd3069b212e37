import { assessmentProblems, CriterionResult, isBorderline, recognisedOutcomeIds, Recommendation, recommendationFor, sampledForModeration } from './assessment';

describe('assessment rules', () => {
  const outcomes = [
    { learningOutcomeId: 'lo1', criterionIds: ['c1', 'c2'] },
    { learningOutcomeId: 'lo2', criterionIds: ['c3'] },
  ];

  it('recognises a learning outcome only when every criterion is met', () => {
    const judgements = [
      { criterionId: 'c1', result: CriterionResult.Met },
      { criterionId: 'c2', result: CriterionResult.InsufficientEvidence },
      { criterionId: 'c3', result: CriterionResult.Met },
    ];
    expect(recognisedOutcomeIds(outcomes, judgements)).toEqual(['lo2']);
    expect(recommendationFor(1, 2)).toBe(Recommendation.PartialAward);
    expect(recommendationFor(2, 2)).toBe(Recommendation.Award);
    expect(recommendationFor(0, 2)).toBe(Recommendation.NotAward);
  });

  it('flags partial awards and shares in the band as borderline', () => {
    const band = { borderlineLow: 0.4, borderlineHigh: 0.6 };
    expect(isBorderline(Recommendation.Award, 1, band)).toBe(false);
    expect(isBorderline(Recommendation.NotAward, 0.5, band)).toBe(true);
    expect(isBorderline(Recommendation.PartialAward, 0.9, band)).toBe(true);
  });

  it('samples a case the same way every time, at about the rate asked', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `case-${i}`);
    const picked = ids.filter((id) => sampledForModeration(id, 0.25)).length;
    expect(picked / ids.length).toBeGreaterThan(0.2);
    expect(picked / ids.length).toBeLessThan(0.3);
    expect(ids.map((id) => sampledForModeration(id, 0.25))).toEqual(ids.map((id) => sampledForModeration(id, 0.25)));
    expect(sampledForModeration('x', 0)).toBe(false);
    expect(sampledForModeration('x', 1)).toBe(true);
  });

  it('accepts only a recommendation that follows from the judgements, once every criterion is judged once', () => {
    const judge = (...met: boolean[]) => ['c1', 'c2', 'c3'].map((criterionId, i) => ({ criterionId, result: met[i] ? CriterionResult.Met : CriterionResult.NotMet }));
    const all = judge(true, true, true);
    const lo2Only = judge(false, true, true);
    const none = judge(false, false, false);
    expect(assessmentProblems(outcomes, all, Recommendation.Award)).toEqual([]);
    expect(assessmentProblems(outcomes, lo2Only, Recommendation.PartialAward)).toEqual([]);
    expect(assessmentProblems(outcomes, lo2Only, Recommendation.NotAward)).toEqual([]);
    expect(assessmentProblems(outcomes, none, Recommendation.NotAward)).toEqual([]);
    expect(assessmentProblems(outcomes, none, Recommendation.Award)).toEqual([
      'an award needs every learning outcome recognised, and only 0 of the 2 learning outcomes have every criterion met: recommend a partial award or not to award',
    ]);
    expect(assessmentProblems(outcomes, lo2Only, Recommendation.Award)).toHaveLength(1);
    expect(assessmentProblems(outcomes, none, Recommendation.PartialAward)).toEqual([
      'a partial award needs some but not all learning outcomes recognised, and 0 of the 2 learning outcomes have every criterion met',
    ]);
    expect(assessmentProblems(outcomes, all, Recommendation.PartialAward)).toHaveLength(1);
    expect(assessmentProblems(outcomes, all, Recommendation.NotAward)).toEqual([
      '2 of the 2 learning outcomes have every criterion met: recommend an award, or judge as not met the criteria the evidence does not show',
    ]);
    // coverage first: a recommendation is judged only against a complete set of judgements
    expect(assessmentProblems(outcomes, all.slice(1), Recommendation.NotAward)).toEqual(['judgements must cover every criterion of the standard; missing: c1']);
  });
});
