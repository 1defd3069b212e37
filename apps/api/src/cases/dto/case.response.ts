import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AssessmentPurpose,
  CaseOutcome,
  CaseStage,
  CaseStatus,
  CriterionResult,
  DecisionResult,
  Recommendation,
  SelfAssessmentLevel,
} from '../../../../../libs/domain';
import type {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEntity,
  CredentialEntity,
  DecisionEntity,
  SelfAssessmentEntity,
} from '../../../../../libs/persistence/entities';
import { DEFAULT_TIME_ZONE, formatDeadline } from '../../../../../libs/calendar';
import { credentialState, CredentialState } from '../../credentials/dto/credential.response';
import type { UpdateResult } from '../../../../../workflows/types';
import { EvidenceResponse } from '../../evidence/dto/evidence.response';
import { AwardingBodySummary, LearningOutcomeResponse } from '../../standards/dto/standard.response';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export class StandardRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
}

export class CaseSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CaseStatus }) status: CaseStatus;
  @ApiProperty({ enum: CaseStage }) stage: CaseStage;
  @ApiPropertyOptional({ enum: CaseOutcome, nullable: true }) outcome: CaseOutcome | null;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty() candidateName: string;
  @ApiProperty({ type: StandardRef }) standard: StandardRef;
  @ApiProperty({ format: 'uuid' }) awardingBodyId: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) evidenceDueAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) assessmentDueAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) appealDeadline: string | null;
}

export class SelfAssessmentItemResponse {
  @ApiProperty({ format: 'uuid' }) learningOutcomeId: string;
  @ApiProperty({ enum: SelfAssessmentLevel }) level: SelfAssessmentLevel;
  @ApiProperty() statement: string;
}

export class JudgementResponse {
  @ApiProperty({ format: 'uuid' }) criterionId: string;
  @ApiProperty({ enum: CriterionResult }) result: CriterionResult;
  @ApiPropertyOptional({ nullable: true, type: Number }) score: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
}

export class AssessmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty({ enum: AssessmentPurpose }) purpose: AssessmentPurpose;
  @ApiProperty() round: number;
  @ApiProperty({ enum: Recommendation }) recommendation: Recommendation;
  @ApiProperty() comment: string;
  @ApiProperty({ type: [String] }) recognisedOutcomeIds: string[];
  @ApiProperty() recordedAt: string;
  @ApiProperty({ type: [JudgementResponse] }) judgements: JudgementResponse[];
}

export class DecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ enum: DecisionResult }) result: DecisionResult;
  @ApiProperty({ type: [String] }) recognisedOutcomeIds: string[];
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "the body admin who decided; null for the candidate (the body decides)" })
  decidedBy: string | null;
  @ApiProperty() decidedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revocationReason: string | null;
}

/** The case's latest micro-credential, in short: its signed forms and status are at /credentials/{id}. */
export class CredentialResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() issuedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ enum: CredentialState, description: 'revoked wins over suspended, suspended over expired' }) status: CredentialState;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revocationReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'suspended by the awarding body (reversible: null again once reinstated)' }) suspendedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the awarding body's reason for the suspension" }) suspensionReason: string | null;
  @ApiProperty({ type: [String], description: 'learning outcomes the credential recognises' }) learningOutcomeIds: string[];
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty() assessorName: string;
  @ApiProperty({ enum: AssessmentPurpose }) purpose: AssessmentPurpose;
  @ApiProperty() round: number;
  @ApiProperty() status: string;
  @ApiProperty() assignedAt: string;
}

/** Where the case stands, from its row in PostgreSQL (the system of record); deadlines are ISO instants. */
export class CaseStateResponse {
  @ApiProperty({ enum: CaseStatus }) status: CaseStatus;
  @ApiProperty({ enum: CaseStage }) stage: CaseStage;
  @ApiPropertyOptional({ enum: CaseOutcome, nullable: true }) outcome: CaseOutcome | null;
  @ApiPropertyOptional({ nullable: true, type: String }) evidenceDueAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) assessmentDueAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) appealDeadline: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reopenDeadline: string | null;
  @ApiProperty({ description: "the candidate's last change to the portfolio; the draft's inactivity is counted from it" }) lastActivityAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the time of the last status change' }) statusChangedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "why the process needs attention (body admins only; null otherwise)" })
  attentionReason: string | null;
}

/** The live state of a case's process in Temporal, for diagnostics (body admins). */
export class ProcessDiagnosticsResponse {
  @ApiProperty() workflowId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) runId: string | null;
  @ApiProperty({ description: 'RUNNING, COMPLETED, FAILED, TERMINATED, CONTINUED_AS_NEW… or NOT_FOUND' }) executionStatus: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) historyLength: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'the live query, when the workflow answers' })
  live: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the run recorded on the case row' }) recordedRunId: string | null;
}

/** The awarding body of the case's standard, with the zone its deadlines are kept in (which a candidate cannot read elsewhere). */
export class CaseAwardingBodyResponse extends AwardingBodySummary {
  @ApiProperty({ example: 'Europe/Dublin', description: "IANA time zone of the awarding body: the case's deadlines end at 23:59 local time there" })
  timeZone: string;
}

/** A deadline of the case: the instant, and how people read it in the awarding body's time zone. */
export class DeadlineResponse {
  @ApiProperty({ example: '2026-12-29T23:59:59.999Z', description: 'the instant (ISO 8601, UTC)' }) at: string;
  @ApiProperty({ example: '29 December 2026, 23:59 (Europe/Dublin)', description: "date, time and zone, in the awarding body's time zone" })
  local: string;
}

/** The case's open deadlines (null when not running), each as an instant and in the awarding body's words. */
export class CaseDeadlinesResponse {
  @ApiPropertyOptional({ type: DeadlineResponse, nullable: true, description: 'the candidate answers the evidence request by then, or the case is withdrawn' })
  evidenceDueAt: DeadlineResponse | null;
  @ApiPropertyOptional({ type: DeadlineResponse, nullable: true, description: "the assessor's target for the assessment; after it the case is reassigned" })
  assessmentDueAt: DeadlineResponse | null;
  @ApiPropertyOptional({ type: DeadlineResponse, nullable: true, description: 'the candidate may appeal until then' }) appealDeadline: DeadlineResponse | null;
  @ApiPropertyOptional({ type: DeadlineResponse, nullable: true, description: 'a lapsed case may be reopened until then' }) reopenDeadline: DeadlineResponse | null;
}

export class CaseStandardResponse extends StandardRef {
  @ApiProperty() eqfLevel: number;
  @ApiProperty({ type: CaseAwardingBodyResponse }) awardingBody: CaseAwardingBodyResponse;
  @ApiProperty({ type: [LearningOutcomeResponse] }) learningOutcomes: LearningOutcomeResponse[];
}

export class CriterionFeedbackResponse {
  @ApiProperty({ format: 'uuid' }) criterionId: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: CriterionResult }) result: CriterionResult;
  @ApiPropertyOptional({ nullable: true, type: String, description: "the assessor's comment on the criterion" }) comment: string | null;
}

/** What the decision says of one learning outcome, for the candidate (docs/visibility.md). */
export class OutcomeFeedbackResponse {
  @ApiProperty({ format: 'uuid' }) learningOutcomeId: string;
  @ApiProperty() code: string;
  @ApiProperty({ description: 'whether the decision that stands recognises this outcome' }) recognised: boolean;
  @ApiProperty({ type: [CriterionFeedbackResponse] }) criteria: CriterionFeedbackResponse[];
}

export class CaseDetailResponse extends CaseSummaryResponse {
  @ApiProperty({ type: CaseStateResponse }) state: CaseStateResponse;
  @ApiProperty({
    type: CaseDeadlinesResponse,
    description: "the deadlines of `state` (same instants), each also worded in the awarding body's time zone (`standard.awardingBody.timeZone`)",
  })
  deadlines: CaseDeadlinesResponse;
  @ApiProperty({ type: CaseStandardResponse }) declare standard: CaseStandardResponse;
  @ApiProperty({ type: [SelfAssessmentItemResponse] }) selfAssessment: SelfAssessmentItemResponse[];
  @ApiProperty({ type: [EvidenceResponse] }) evidence: EvidenceResponse[];
  @ApiProperty({ type: [AssignmentResponse] }) assessors: AssignmentResponse[];
  @ApiProperty({ type: [AssessmentResponse] }) assessments: AssessmentResponse[];
  @ApiProperty({ type: [DecisionResponse] }) decisions: DecisionResponse[];
  @ApiPropertyOptional({ type: CredentialResponse, nullable: true }) credential: CredentialResponse | null;
  @ApiProperty({ type: [OutcomeFeedbackResponse], description: 'after the decision, per learning outcome (the candidate and body admins; empty otherwise)' })
  feedback: OutcomeFeedbackResponse[];
}

export class CaseEventResponse {
  @ApiProperty() seq: number;
  @ApiProperty() type: string;
  @ApiPropertyOptional({ enum: CaseStatus, nullable: true }) fromStatus: CaseStatus | null;
  @ApiProperty({ enum: CaseStatus }) toStatus: CaseStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() occurredAt: string;
}

export class UpdateResultResponse {
  @ApiProperty({ enum: CaseStatus }) status: CaseStatus;
  @ApiProperty({ enum: CaseStage }) stage: CaseStage;
}

export function toCaseSummary(c: CaseEntity): CaseSummaryResponse {
  return {
    id: c.id,
    status: c.status,
    stage: c.stage,
    outcome: c.outcome,
    candidateId: c.candidateId,
    candidateName: c.candidate?.displayName ?? '',
    standard: { id: c.standardId, code: c.standard?.code ?? '', title: c.standard?.title ?? '' },
    awardingBodyId: c.awardingBodyId,
    createdAt: c.createdAt.toISOString(),
    submittedAt: iso(c.submittedAt),
    decidedAt: iso(c.decidedAt),
    evidenceDueAt: iso(c.evidenceDueAt),
    assessmentDueAt: iso(c.assessmentDueAt),
    appealDeadline: iso(c.appealDeadline),
  };
}

export function toCaseState(c: CaseEntity, options: { withAttention: boolean }): CaseStateResponse {
  return {
    status: c.status,
    stage: c.stage,
    outcome: c.outcome,
    evidenceDueAt: iso(c.evidenceDueAt),
    assessmentDueAt: iso(c.assessmentDueAt),
    appealDeadline: iso(c.appealDeadline),
    reopenDeadline: iso(c.reopenDeadline),
    lastActivityAt: c.lastActivityAt.toISOString(),
    statusChangedAt: iso(c.statusChangedAt),
    attentionReason: options.withAttention ? c.attentionReason : null,
  };
}

export function toCaseDeadlines(c: CaseEntity, timeZone: string): CaseDeadlinesResponse {
  const zone = timeZone || DEFAULT_TIME_ZONE;
  const deadline = (d: Date | null): DeadlineResponse | null => (d ? { at: d.toISOString(), local: formatDeadline(d, zone) } : null);
  return {
    evidenceDueAt: deadline(c.evidenceDueAt),
    assessmentDueAt: deadline(c.assessmentDueAt),
    appealDeadline: deadline(c.appealDeadline),
    reopenDeadline: deadline(c.reopenDeadline),
  };
}

export function toSelfAssessmentItem(s: SelfAssessmentEntity): SelfAssessmentItemResponse {
  return { learningOutcomeId: s.learningOutcomeId, level: s.level, statement: s.statement };
}

export function toAssessment(a: AssessmentEntity): AssessmentResponse {
  return {
    id: a.id,
    assessorId: a.assessorId,
    purpose: a.purpose,
    round: a.round,
    recommendation: a.recommendation,
    comment: a.comment,
    recognisedOutcomeIds: a.recognisedOutcomeIds,
    recordedAt: a.recordedAt.toISOString(),
    judgements: (a.judgements ?? []).map((j) => ({ criterionId: j.criterionId, result: j.result, score: j.score, comment: j.comment })),
  };
}

export function toDecision(d: DecisionEntity, options: { withDecidedBy: boolean }): DecisionResponse {
  return {
    id: d.id,
    sequence: d.sequence,
    result: d.result,
    recognisedOutcomeIds: d.recognisedOutcomeIds,
    reason: d.reason,
    decidedBy: options.withDecidedBy ? d.decidedBy : null,
    decidedAt: d.decidedAt.toISOString(),
    revokedAt: iso(d.revokedAt),
    revocationReason: d.revocationReason,
  };
}

export function toCredential(c: CredentialEntity, now: Date): CredentialResponse {
  return {
    id: c.id,
    title: c.elements.title,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: iso(c.validUntil),
    status: credentialState(c, now),
    revokedAt: iso(c.revokedAt),
    revocationReason: c.revocationReason,
    suspendedAt: iso(c.suspendedAt),
    suspensionReason: c.suspensionReason,
    learningOutcomeIds: c.elements.learningOutcomes.map((o) => o.id),
  };
}

export function toAssignment(a: CaseAssessorEntity): AssignmentResponse {
  return {
    assessorId: a.assessorId,
    assessorName: a.assessor?.displayName ?? '',
    purpose: a.purpose,
    round: a.round,
    status: a.status,
    assignedAt: a.assignedAt.toISOString(),
  };
}


export function toUpdateResult(r: UpdateResult): UpdateResultResponse {
  return { status: r.status, stage: r.stage };
}
