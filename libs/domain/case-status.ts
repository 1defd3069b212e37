/**
 * Where a candidate's case stands. The four European validation stages
 * (identification, documentation, assessment, certification) group the statuses.
 */
export enum CaseStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Screening = 'screening',
  AwaitingAdmissibility = 'awaiting_admissibility',
  EvidenceRequested = 'evidence_requested',
  /** No eligible assessor is free: the body's admins were told once and may assign one by hand. */
  AwaitingAssessor = 'awaiting_assessor',
  AssessorAssigned = 'assessor_assigned',
  UnderAssessment = 'under_assessment',
  Moderation = 'moderation',
  AwaitingDecision = 'awaiting_decision',
  Awarded = 'awarded',
  NotAwarded = 'not_awarded',
  Appealed = 'appealed',
  Lapsed = 'lapsed',
  /** The process hit a fault a person must look at; a body admin retries it or closes the case. */
  NeedsAttention = 'needs_attention',
  Withdrawn = 'withdrawn',
  Closed = 'closed',
}

export enum CaseStage {
  Identification = 'identification',
  Documentation = 'documentation',
  Assessment = 'assessment',
  Certification = 'certification',
}

/** Final outcome of a case once it can no longer change. */
export enum CaseOutcome {
  Awarded = 'awarded',
  PartiallyAwarded = 'partially_awarded',
  NotAwarded = 'not_awarded',
  Inadmissible = 'inadmissible',
  Withdrawn = 'withdrawn',
  Lapsed = 'lapsed',
  /** Closed by the awarding body after its process needed attention. */
  ClosedByBody = 'closed_by_body',
}

const STAGE_OF: Record<CaseStatus, CaseStage> = {
  [CaseStatus.Draft]: CaseStage.Identification,
  [CaseStatus.Lapsed]: CaseStage.Identification,
  [CaseStatus.Submitted]: CaseStage.Documentation,
  [CaseStatus.Screening]: CaseStage.Documentation,
  [CaseStatus.AwaitingAdmissibility]: CaseStage.Documentation,
  [CaseStatus.EvidenceRequested]: CaseStage.Documentation,
  [CaseStatus.AwaitingAssessor]: CaseStage.Assessment,
  [CaseStatus.AssessorAssigned]: CaseStage.Assessment,
  [CaseStatus.UnderAssessment]: CaseStage.Assessment,
  [CaseStatus.Moderation]: CaseStage.Assessment,
  [CaseStatus.Appealed]: CaseStage.Assessment,
  [CaseStatus.AwaitingDecision]: CaseStage.Certification,
  [CaseStatus.Awarded]: CaseStage.Certification,
  [CaseStatus.NotAwarded]: CaseStage.Certification,
  [CaseStatus.Withdrawn]: CaseStage.Certification,
  [CaseStatus.NeedsAttention]: CaseStage.Identification,
  [CaseStatus.Closed]: CaseStage.Certification,
};

/** The stage a status belongs to; a withdrawn or parked case keeps the stage it was in (see stageAfter). */
export function stageOf(status: CaseStatus): CaseStage {
  return STAGE_OF[status];
}

/** The stage after a transition: withdrawal and parking for attention do not move a case through the stages. */
export function stageAfter(from: CaseStage, to: CaseStatus): CaseStage {
  return to === CaseStatus.Withdrawn || to === CaseStatus.NeedsAttention ? from : stageOf(to);
}

/** Statuses in which the case's workflow has ended. */
export const FINAL_STATUSES: readonly CaseStatus[] = [CaseStatus.Withdrawn, CaseStatus.Closed];

/** Statuses in which the candidate may change the self-assessment and the evidence portfolio. */
export const CANDIDATE_EDITABLE_STATUSES: readonly CaseStatus[] = [CaseStatus.Draft, CaseStatus.EvidenceRequested];

/** The candidate may withdraw at any point before the awarding body's decision. */
export const WITHDRAWABLE_STATUSES: readonly CaseStatus[] = [
  CaseStatus.Draft,
  CaseStatus.Submitted,
  CaseStatus.Screening,
  CaseStatus.AwaitingAdmissibility,
  CaseStatus.EvidenceRequested,
  CaseStatus.AwaitingAssessor,
  CaseStatus.AssessorAssigned,
  CaseStatus.UnderAssessment,
  CaseStatus.Moderation,
  CaseStatus.AwaitingDecision,
  CaseStatus.Lapsed,
  CaseStatus.NeedsAttention,
];

export function isFinal(status: CaseStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canCandidateEdit(status: CaseStatus): boolean {
  return CANDIDATE_EDITABLE_STATUSES.includes(status);
}

/**
 * Whether the candidate may change the portfolio at `now`: in an editable status and, when evidence was
 * requested, before its deadline (after it the case is withdrawn, even if the process has not written so yet).
 */
export function portfolioOpen(status: CaseStatus, evidenceDueAt: Date | null, now: Date): boolean {
  if (!canCandidateEdit(status)) return false;
  return status !== CaseStatus.EvidenceRequested || evidenceDueAt === null || evidenceDueAt.getTime() > now.getTime();
}

export function canWithdraw(status: CaseStatus): boolean {
  return WITHDRAWABLE_STATUSES.includes(status);
}
