import { AccountTokenEntity } from './account-token.entity';
import { AssessmentCriterionEntity } from './assessment-criterion.entity';
import { AssessmentEntity } from './assessment.entity';
import { AssessmentSessionEntity } from './assessment-session.entity';
import { AuditLogEntity } from './audit-log.entity';
import { AwardingBodyKeyEntity } from './awarding-body-key.entity';
import { AwardingBodyEntity } from './awarding-body.entity';
import { CaseAssessorEntity } from './case-assessor.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseStepEntity } from './case-step.entity';
import { CaseEntity } from './case.entity';
import { ConflictOfInterestEntity } from './conflict-of-interest.entity';
import { CredentialRecognitionEntity } from './credential-recognition.entity';
import { CredentialEntity } from './credential.entity';
import { CriterionJudgementEntity } from './criterion-judgement.entity';
import { DecisionEntity } from './decision.entity';
import { EvidenceOutcomeEntity } from './evidence-outcome.entity';
import { EvidenceEntity } from './evidence.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { LearningOutcomeEntity } from './learning-outcome.entity';
import { MicroCredentialSpecEntity } from './micro-credential-spec.entity';
import { NotificationEntity } from './notification.entity';
import { QualificationComponentEntity } from './qualification-component.entity';
import { QualificationEntity } from './qualification.entity';
import { PriorCredentialEntity } from './prior-credential.entity';
import { SelfAssessmentEntity } from './self-assessment.entity';
import { SessionEntity } from './session.entity';
import { StandardEntity } from './standard.entity';
import { UserEntity } from './user.entity';

export {
  AccountTokenEntity,
  AssessmentCriterionEntity,
  AssessmentEntity,
  AssessmentSessionEntity,
  AuditLogEntity,
  AwardingBodyEntity,
  AwardingBodyKeyEntity,
  CaseAssessorEntity,
  CaseEventEntity,
  CaseEntity,
  CaseStepEntity,
  ConflictOfInterestEntity,
  CredentialEntity,
  CredentialRecognitionEntity,
  CriterionJudgementEntity,
  DecisionEntity,
  EvidenceOutcomeEntity,
  EvidenceEntity,
  IdempotencyKeyEntity,
  LearningOutcomeEntity,
  MicroCredentialSpecEntity,
  NotificationEntity,
  PriorCredentialEntity,
  QualificationComponentEntity,
  QualificationEntity,
  SelfAssessmentEntity,
  SessionEntity,
  StandardEntity,
  UserEntity,
};
export type { AccountTokenPurpose } from './account-token.entity';
export type { AssignmentStatus } from './case-assessor.entity';
export type { IdempotencyKeyState } from './idempotency-key.entity';
export type { NotificationAttachment, NotificationStatus } from './notification.entity';

export const ENTITIES = [
  AwardingBodyEntity,
  UserEntity,
  SessionEntity,
  AccountTokenEntity,
  StandardEntity,
  LearningOutcomeEntity,
  AssessmentCriterionEntity,
  MicroCredentialSpecEntity,
  CaseEntity,
  CaseAssessorEntity,
  SelfAssessmentEntity,
  EvidenceEntity,
  EvidenceOutcomeEntity,
  PriorCredentialEntity,
  CredentialRecognitionEntity,
  AssessmentEntity,
  CriterionJudgementEntity,
  AssessmentSessionEntity,
  DecisionEntity,
  CaseEventEntity,
  CaseStepEntity,
  ConflictOfInterestEntity,
  NotificationEntity,
  AwardingBodyKeyEntity,
  QualificationEntity,
  QualificationComponentEntity,
  CredentialEntity,
  AuditLogEntity,
  IdempotencyKeyEntity,
];
