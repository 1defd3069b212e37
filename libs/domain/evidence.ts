export enum EvidenceKind {
  File = 'file',
  Url = 'url',
  Attestation = 'attestation',
}

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
