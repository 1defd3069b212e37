import { AssessmentPurpose, Recommendation } from './assessment';
import { CaseOutcome, CaseStatus } from './case-status';
import { DecisionResult } from './decision';
import { Role } from './roles';

/**
 * How people read the machine values of a case in a sentence. Every message built for people (refusals,
 * event reasons, e-mails) words a status, outcome, decision or recommendation from here; the API's machine
 * fields (`status`, `code`…) keep the enum values.
 */

/** Completes "the case is …". */
const STATUS_WORDS: Record<CaseStatus, string> = {
  [CaseStatus.Draft]: 'a draft',
  [CaseStatus.Submitted]: 'submitted',
  [CaseStatus.Screening]: 'being screened',
  [CaseStatus.AwaitingAdmissibility]: 'awaiting an admissibility decision',
  [CaseStatus.EvidenceRequested]: 'waiting for the evidence requested',
  [CaseStatus.AwaitingAssessor]: 'waiting for an assessor',
  [CaseStatus.AssessorAssigned]: 'assigned to an assessor',
  [CaseStatus.UnderAssessment]: 'under assessment',
  [CaseStatus.Moderation]: 'in moderation',
  [CaseStatus.AwaitingDecision]: 'awaiting a decision',
  [CaseStatus.Awarded]: 'awarded',
  [CaseStatus.NotAwarded]: 'not awarded',
  [CaseStatus.Appealed]: 'appealed',
  [CaseStatus.Lapsed]: 'lapsed',
  [CaseStatus.NeedsAttention]: 'waiting for an admin to look at a fault',
  [CaseStatus.Withdrawn]: 'withdrawn',
  [CaseStatus.Closed]: 'closed',
};

const OUTCOME_WORDS: Record<CaseOutcome, string> = {
  [CaseOutcome.Awarded]: 'awarded',
  [CaseOutcome.PartiallyAwarded]: 'partially awarded',
  [CaseOutcome.NotAwarded]: 'not awarded',
  [CaseOutcome.Inadmissible]: 'not admissible',
  [CaseOutcome.Withdrawn]: 'withdrawn',
  [CaseOutcome.Lapsed]: 'lapsed',
  [CaseOutcome.ClosedByBody]: 'closed by the awarding body',
};

const DECISION_WORDS: Record<DecisionResult, string> = {
  [DecisionResult.Awarded]: 'awarded',
  [DecisionResult.PartiallyAwarded]: 'partially awarded',
  [DecisionResult.NotAwarded]: 'not awarded',
};

const RECOMMENDATION_WORDS: Record<Recommendation, string> = {
  [Recommendation.Award]: 'award',
  [Recommendation.PartialAward]: 'partial award',
  [Recommendation.NotAward]: 'do not award',
};

const PURPOSE_WORDS: Record<AssessmentPurpose, string> = {
  [AssessmentPurpose.Assessment]: 'assessment',
  [AssessmentPurpose.Moderation]: 'moderation',
  [AssessmentPurpose.Appeal]: 'reassessment on appeal',
};

/** People of a role, in the plural ("this action is for awarding body admins"). */
const ROLE_PLURAL: Record<Role, string> = {
  [Role.Candidate]: 'candidates',
  [Role.Assessor]: 'assessors',
  [Role.BodyAdmin]: 'awarding body admins',
};

/** One person of a role ("you are signed in as a candidate"). */
const ROLE_SINGULAR: Record<Role, string> = {
  [Role.Candidate]: 'a candidate',
  [Role.Assessor]: 'an assessor',
  [Role.BodyAdmin]: 'an awarding body admin',
};

/** Words for a value, or the value itself when it is not one we know (a row written by a later version). */
function wordsOf<K extends string>(table: Record<K, string>, value: K | string): string {
  return (table as Record<string, string>)[value] ?? String(value).replace(/_/g, ' ');
}

/** "in moderation", "awaiting a decision": completes "the case is …". */
export function statusWords(status: CaseStatus | string): string {
  return wordsOf(STATUS_WORDS, status);
}

/** "partially awarded", "closed by the awarding body". */
export function outcomeWords(outcome: CaseOutcome | string): string {
  return wordsOf(OUTCOME_WORDS, outcome);
}

/** "partially awarded". */
export function decisionWords(result: DecisionResult | string): string {
  return wordsOf(DECISION_WORDS, result);
}

/** "partial award", "do not award". */
export function recommendationWords(recommendation: Recommendation | string): string {
  return wordsOf(RECOMMENDATION_WORDS, recommendation);
}

/** Why an assessor holds the case: "assessment", "moderation", "reassessment on appeal". */
export function purposeWords(purpose: AssessmentPurpose | string): string {
  return wordsOf(PURPOSE_WORDS, purpose);
}

export function rolePluralWords(role: Role | string): string {
  return wordsOf(ROLE_PLURAL, role);
}

export function roleWords(role: Role | string): string {
  return wordsOf(ROLE_SINGULAR, role);
}

/** "a, b or c". */
export function listWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "the case is in moderation". */
export function caseIs(status: CaseStatus | string): string {
  return `the case is ${statusWords(status)}`;
}

/** "while the case is awaiting a decision", "while it is assigned to an assessor, under assessment or in moderation". */
export function onlyWhile(allowed: readonly (CaseStatus | string)[]): string {
  return `only while it is ${listWords(allowed.map(statusWords), 'or')}`;
}
