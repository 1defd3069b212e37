import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AssessmentPurpose, CaseStatus } from '../../../../../libs/domain';
import type { CaseAssessorEntity, ConflictOfInterestEntity } from '../../../../../libs/persistence/entities';
import { StandardRef } from '../../cases/dto/case.response';

export class QueueItemResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: CaseStatus }) status: CaseStatus;
  @ApiProperty() candidateName: string;
  @ApiProperty({ type: StandardRef }) standard: StandardRef;
  @ApiProperty({ enum: AssessmentPurpose }) purpose: AssessmentPurpose;
  @ApiProperty() round: number;
  @ApiProperty() assignedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) dueAt: string | null;
}

export class ConflictResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assessorId: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty() reason: string;
  @ApiProperty() declaredAt: string;
  @ApiProperty({ description: 'false when the same declaration already existed' }) created: boolean;
  @ApiProperty({ type: [String], description: 'open cases of the candidate that this assessor held and must leave' }) affectedCaseIds: string[];
}

export function toQueueItem(a: CaseAssessorEntity): QueueItemResponse {
  const kase = a.case!;
  return {
    caseId: a.caseId,
    status: kase.status,
    candidateName: kase.candidate?.displayName ?? '',
    standard: { id: kase.standardId, code: kase.standard?.code ?? '', title: kase.standard?.title ?? '' },
    purpose: a.purpose,
    round: a.round,
    assignedAt: a.assignedAt.toISOString(),
    dueAt: kase.assessmentDueAt ? kase.assessmentDueAt.toISOString() : null,
  };
}

export function toConflict(c: ConflictOfInterestEntity, created: boolean, affectedCaseIds: string[]): ConflictResponse {
  return { id: c.id, assessorId: c.assessorId, candidateId: c.candidateId, reason: c.reason, declaredAt: c.declaredAt.toISOString(), created, affectedCaseIds };
}
