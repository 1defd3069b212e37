import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { AssessmentMethodType, CriterionResult, SessionStatus } from '../../../../../libs/domain';
import { formatDeadline } from '../../../../../libs/calendar';
import type { AssessmentSessionEntity } from '../../../../../libs/persistence/entities';
import { ViewerKind } from '../../cases/case-access.policy';
import type { CaseViewer } from '../../cases/case-access.policy';

export class SessionAttendeeResponse {
  @ApiProperty() name: string;
  @ApiProperty() role: string;
}

export class SessionJudgementResponse {
  @ApiProperty({ format: 'uuid' }) criterionId: string;
  @ApiProperty({ enum: CriterionResult }) result: CriterionResult;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

/** A session of the case; what the assessor recorded of it is not the candidate's to read (docs/visibility.md). */
export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '1, 2, … in the order the sessions were proposed' }) sequence: number;
  @ApiProperty() methodCode: string;
  @ApiProperty({ enum: AssessmentMethodType }) methodType: AssessmentMethodType;
  @ApiProperty({ enum: SessionStatus }) status: SessionStatus;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ description: "the candidate's IANA time zone, in which the time was chosen", example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ description: 'the start as a local date and time in timeZone', example: '2027-01-14T10:30' }) startsAtLocal: string;
  @ApiProperty({ description: 'the start as people read it, with the zone named', example: '14 January 2027, 10:30 (Europe/Paris)' }) when: string;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ nullable: true, type: String }) onlineUrl: string | null;
  @ApiProperty({ type: [SessionAttendeeResponse] }) attendees: SessionAttendeeResponse[];
  @ApiProperty({ nullable: true, type: String, description: "the candidate's note when asking for another time" }) candidateNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the assessor; null for the candidate' }) assessorId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the assessor's record of it; null for the candidate" }) outcomeNote: string | null;
  @ApiPropertyOptional({ type: [SessionJudgementResponse], description: 'judgements recorded after it; empty for the candidate' }) judgements: SessionJudgementResponse[];
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) answeredAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt: string | null;
  @ApiProperty({ description: 'GET it for the calendar invitation (.ics)', example: '/cases/7d1f…/sessions/0b8e…/invitation.ics' }) invitation: string;
}

export class SessionListResponse {
  @ApiProperty({ type: [SessionResponse] }) items: SessionResponse[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSession(s: AssessmentSessionEntity, viewer: CaseViewer): SessionResponse {
  const candidate = viewer.kind === ViewerKind.Candidate;
  return {
    id: s.id,
    sequence: s.sequence,
    methodCode: s.methodCode,
    methodType: s.methodType,
    status: s.status,
    startsAt: s.startsAt.toISOString(),
    endsAt: new Date(s.startsAt.getTime() + s.durationMinutes * 60_000).toISOString(),
    durationMinutes: s.durationMinutes,
    timeZone: s.timeZone,
    startsAtLocal: DateTime.fromJSDate(s.startsAt, { zone: s.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm"),
    when: formatDeadline(s.startsAt, s.timeZone),
    location: s.location,
    onlineUrl: s.onlineUrl,
    attendees: s.attendees.map((a) => ({ name: a.name, role: a.role })),
    candidateNote: s.candidateNote,
    assessorId: candidate ? null : s.assessorId,
    outcomeNote: candidate ? null : s.outcomeNote,
    judgements: candidate ? [] : s.judgements.map((j) => ({ criterionId: j.criterionId, result: j.result as CriterionResult, comment: j.comment })),
    proposedAt: s.proposedAt.toISOString(),
    answeredAt: iso(s.answeredAt),
    endedAt: iso(s.endedAt),
    invitation: `/cases/${s.caseId}/sessions/${s.id}/invitation.ics`,
  };
}
