import { CaseStatus } from './case-status';

export enum EvidenceKind {
  File = 'file',
  Url = 'url',
  Attestation = 'attestation',
  /** An Open Badges 3.0 (or other VC 2.0) credential issued elsewhere, verified when added (prior learning). */
  Credential = 'credential',
}

/** Case statuses in which an assessor may record that a prior credential recognises a learning outcome. */
export const RECOGNITION_STATUSES: readonly CaseStatus[] = [CaseStatus.UnderAssessment, CaseStatus.Moderation];

/** Days before a credential's validUntil its holder is reminded, unless configured otherwise. */
export const DEFAULT_EXPIRY_REMINDER_DAYS = 60;

/** Candidate's own judgement of a learning outcome in the self-assessment. */
export enum SelfAssessmentLevel {
  NotYet = 'not_yet',
  Partly = 'partly',
  Confident = 'confident',
  Expert = 'expert',
}

/** Learning outcomes with no evidence mapped to them: the completeness check of screening. */
export function outcomesWithoutEvidence(outcomeIds: string[], evidence: { learningOutcomeIds: string[] }[]): string[] {
  const covered = new Set(evidence.flatMap((e) => e.learningOutcomeIds));
  return outcomeIds.filter((id) => !covered.has(id));
}
