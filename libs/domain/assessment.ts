/** An assessor's judgement of one assessment criterion against the candidate's evidence. */
export enum CriterionResult {
  Met = 'met',
  NotMet = 'not_met',
  InsufficientEvidence = 'insufficient_evidence',
}

/** The assessor's overall recommendation to the awarding body. */
export enum Recommendation {
  Award = 'award',
  PartialAward = 'partial_award',
  NotAward = 'not_award',
}

/** Why an assessor was put on a case. */
export enum AssessmentPurpose {
  Assessment = 'assessment',
  Moderation = 'moderation',
  Appeal = 'appeal',
}

/**
 * What became of an assessor's assignment to a case. One list for the TypeScript type and the database's check
 * ck_case_assessor_status; at most one assignment of a case is active at a time.
 */
export const ASSIGNMENT_STATUSES = ['active', 'completed', 'reassigned', 'conflict', 'withdrawn', 'lapsed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface OutcomeCriteria {
  learningOutcomeId: string;
  criterionIds: string[];
}

export interface CriterionJudgement {
  criterionId: string;
  result: CriterionResult;
}

/** A learning outcome is recognised when every one of its criteria is met. */
export function recognisedOutcomeIds(outcomes: OutcomeCriteria[], judgements: CriterionJudgement[]): string[] {
  const met = new Set(judgements.filter((j) => j.result === CriterionResult.Met).map((j) => j.criterionId));
  return outcomes
    .filter((o) => o.criterionIds.length > 0 && o.criterionIds.every((c) => met.has(c)))
    .map((o) => o.learningOutcomeId);
}

/** Criteria of the standard that a judgement set leaves out, and judged criteria the standard does not have. */
export function judgementCoverage(
  outcomes: OutcomeCriteria[],
  judgements: CriterionJudgement[],
): { missing: string[]; unknown: string[]; duplicated: string[] } {
  const expected = new Set(outcomes.flatMap((o) => o.criterionIds));
  const seen = new Set<string>();
  const duplicated: string[] = [];
  for (const j of judgements) {
    if (seen.has(j.criterionId)) duplicated.push(j.criterionId);
    seen.add(j.criterionId);
  }
  return {
    missing: [...expected].filter((c) => !seen.has(c)),
    unknown: [...seen].filter((c) => !expected.has(c)),
    duplicated,
  };
}

/** The recommendation that follows from the outcomes recognised. */
export function recommendationFor(recognised: number, total: number): Recommendation {
  if (total > 0 && recognised === total) return Recommendation.Award;
  if (recognised > 0) return Recommendation.PartialAward;
  return Recommendation.NotAward;
}

/**
 * What is wrong with an assessment, in sentences (empty when nothing is): each criterion of the standard judged
 * exactly once, no criterion of another standard, and a recommendation that follows from the judgements: an
 * award only when every learning outcome is recognised (each of its criteria met), a partial award only when some
 * but not all are, no "not award" when every one is. Checked by the API, the workflow's validator and the step's
 * write, so that the three always agree.
 */
export function assessmentProblems(outcomes: OutcomeCriteria[], judgements: CriterionJudgement[], recommendation: Recommendation): string[] {
  const coverage = judgementCoverage(outcomes, judgements);
  const problems: string[] = [];
  if (coverage.missing.length) problems.push(`judgements must cover every criterion of the standard; missing: ${coverage.missing.join(', ')}`);
  if (coverage.unknown.length) problems.push(`judgements name criteria that are not in this case's standard: ${coverage.unknown.join(', ')}`);
  if (coverage.duplicated.length) problems.push(`judgements judge a criterion more than once: ${[...new Set(coverage.duplicated)].join(', ')}`);
  if (problems.length) return problems;
  const recognised = recognisedOutcomeIds(outcomes, judgements).length;
  const total = outcomes.length;
  const tally = `${recognised} of the ${total} learning outcomes have every criterion met`;
  if (recommendation === Recommendation.Award && recognised < total) {
    problems.push(`an award needs every learning outcome recognised, and only ${tally}: recommend a partial award or not to award`);
  } else if (recommendation === Recommendation.PartialAward && (recognised === 0 || recognised === total)) {
    problems.push(`a partial award needs some but not all learning outcomes recognised, and ${tally}`);
  } else if (recommendation === Recommendation.NotAward && total > 0 && recognised === total) {
    problems.push(`${tally}: recommend an award, or judge as not met the criteria the evidence does not show`);
  }
  return problems;
}

/** Share of criteria met, 0..1. */
export function shareMet(judgements: CriterionJudgement[]): number {
  if (judgements.length === 0) return 0;
  return judgements.filter((j) => j.result === CriterionResult.Met).length / judgements.length;
}

/** Borderline: the share of criteria met lies in the body's band, or the assessor recommends a partial award. */
export function isBorderline(
  recommendation: Recommendation,
  share: number,
  band: { borderlineLow: number; borderlineHigh: number },
): boolean {
  return recommendation === Recommendation.PartialAward || (share >= band.borderlineLow && share <= band.borderlineHigh);
}

/**
 * Sampling for moderation, stable for a case: the same case is always picked or never, so a replayed
 * or retried decision agrees with the first one. FNV-1a over the case id, mapped to [0, 1).
 */
export function sampledForModeration(caseId: string, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  let hash = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    hash ^= caseId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x100000000 < rate;
}
