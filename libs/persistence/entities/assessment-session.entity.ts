import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { AssessmentMethodType, SessionStatus } from '../../domain';
import type { SessionAttendee } from '../../domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/** A judgement the assessor records on a criterion after a session (not the assessment itself). */
export interface SessionJudgement {
  criterionId: string;
  result: string;
  comment: string | null;
}

/**
 * A session of a case's assessment (interview, observation, simulation, jury): proposed by the assessor, answered
 * by the candidate, and, once its time has come, recorded as held, missed by the candidate or postponed. Written
 * only by the case's process, in the step that changes it (1765600000000).
 */
@Entity('assessment_session')
@Index('uq_assessment_session_case_sequence', ['caseId', 'sequence'], { unique: true })
// at most one session to take place per case
@Index('uq_assessment_session_case_pending', ['caseId'], { unique: true, where: `status IN ('proposed', 'confirmed')` })
@Index('ix_assessment_session_assessor', ['assessorId', 'startsAt'])
@Check('ck_assessment_session_status', `status IN (${Object.values(SessionStatus).map((s) => `'${s}'`).join(', ')})`)
@Check('ck_assessment_session_duration', 'duration_minutes BETWEEN 10 AND 480')
@Check('ck_assessment_session_place', 'location IS NOT NULL OR online_url IS NOT NULL')
@Check('ck_assessment_session_sequence', 'sequence >= 1')
export class AssessmentSessionEntity {
  /** Given by the API when the assessor proposes it, so a retried proposal names the same session. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_assessment_session_case' })
  case?: Relation<CaseEntity>;

  /** 1, 2, … in the order the case's sessions were proposed. */
  @Column({ type: 'smallint' })
  sequence: number;

  @Column({ type: 'uuid' })
  assessorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_assessment_session_assessor' })
  assessor?: Relation<UserEntity>;

  /** The standard's assessment method the session is for, and its type. */
  @Column({ type: 'text' })
  methodCode: string;

  @Column({ type: 'enum', enum: AssessmentMethodType, enumName: 'assessment_method_type' })
  methodType: AssessmentMethodType;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'smallint' })
  durationMinutes: number;

  /** The candidate's IANA time zone when it was proposed: the local time the assessor chose is in it. */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  /** People attending besides the candidate and the assessor. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  attendees: SessionAttendee[];

  @Column({ type: 'text', default: SessionStatus.Proposed })
  status: SessionStatus;

  /** The candidate's note when asking for another time. */
  @Column({ type: 'text', nullable: true })
  candidateNote: string | null;

  /** The assessor's record of what happened. */
  @Column({ type: 'text', nullable: true })
  outcomeNote: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  judgements: SessionJudgement[];

  @Column({ type: 'timestamptz' })
  proposedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** When the reminder before it went out (once). */
  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  /** iCalendar SEQUENCE of the invitation: raised with every change sent to calendars (RFC 5545, 3.8.7.4). */
  @Column({ type: 'smallint', default: 0 })
  calendarSequence: number;
}
