import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AlignmentKind, AssessmentMethodType, ConformanceFailureCode, CreditSystem, LearningSetting, ParticipationForm, StandaloneValueKind } from '../../../../../libs/domain';
import type { ConformanceResult, ProcessSettingsOverrides, WorkloadCeiling } from '../../../../../libs/domain';
import type { AwardingBodyEntity, MicroCredentialSpecEntity, StandardEntity } from '../../../../../libs/persistence/entities';

export class AwardingBodySummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
}

export class StandardSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() eqfLevel: number;
  @ApiProperty({ nullable: true, type: Number }) nqfLevel: number | null;
  @ApiProperty({ nullable: true, type: Number }) credits: number | null;
  @ApiProperty({ enum: CreditSystem, nullable: true }) creditSystem: CreditSystem | null;
  @ApiProperty() workloadHours: number;
  @ApiProperty() published: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ type: AwardingBodySummary }) awardingBody: AwardingBodySummary;
}

export class AlignmentResponse {
  @ApiProperty({ enum: AlignmentKind }) kind: AlignmentKind;
  @ApiProperty({ example: 'http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9' }) uri: string;
  @ApiProperty() title: string;
}

export class AssessmentMethodResponse {
  @ApiProperty() code: string;
  @ApiProperty({ enum: AssessmentMethodType }) type: AssessmentMethodType;
  @ApiProperty() description: string;
}

export class QualificationReferenceResponse {
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
}

export class StandaloneValueResponse {
  @ApiProperty({ enum: StandaloneValueKind }) kind: StandaloneValueKind;
  @ApiProperty({ type: QualificationReferenceResponse, nullable: true }) qualification: QualificationReferenceResponse | null;
  @ApiProperty() statement: string;
}

export class AccreditationResponse {
  @ApiProperty() body: string;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

export class CriterionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() description: string;
}

export class LearningOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [CriterionResponse] }) criteria: CriterionResponse[];
}

/** A learning outcome as the standard's own detail shows it: with how it is assessed and what it is aligned to. */
export class StandardLearningOutcomeResponse extends LearningOutcomeResponse {
  @ApiProperty({ type: [String], description: "codes of the standard's methods that assess it; empty: all of them" }) assessmentMethods: string[];
  @ApiProperty({ type: [AlignmentResponse] }) alignments: AlignmentResponse[];
}

export class MicroCredentialSpecResponse {
  @ApiProperty() title: string;
  @ApiProperty() typeOfAssessment: string;
  @ApiProperty({ enum: ParticipationForm }) formOfParticipation: ParticipationForm;
  @ApiProperty({ enum: LearningSetting }) learningSetting: LearningSetting;
  @ApiProperty() typeOfQualityAssurance: string;
  @ApiPropertyOptional({ nullable: true, type: String }) prerequisites: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) supervisionAndIdentityVerification: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) validityMonths: number | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) stackableInto: { title: string; reference?: string }[];
  @ApiPropertyOptional({ nullable: true, type: String }) furtherInformation: string | null;
  @ApiProperty() fullQualification: boolean;
  @ApiProperty({ type: StandaloneValueResponse, nullable: true }) standaloneValue: StandaloneValueResponse | null;
  @ApiProperty({ type: AccreditationResponse, nullable: true }) accreditation: AccreditationResponse | null;
}

export class StandardDetailResponse extends StandardSummaryResponse {
  @ApiProperty() description: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings: ProcessSettingsOverrides;
  @ApiProperty({ type: [AssessmentMethodResponse] }) assessmentMethods: AssessmentMethodResponse[];
  @ApiProperty({ type: [String], example: ['en'], description: 'ISO 639-1 codes' }) languages: string[];
  @ApiProperty({ type: [AlignmentResponse] }) alignments: AlignmentResponse[];
  @ApiProperty({ type: [StandardLearningOutcomeResponse] }) learningOutcomes: StandardLearningOutcomeResponse[];
  @ApiProperty({ type: MicroCredentialSpecResponse, nullable: true }) microCredential: MicroCredentialSpecResponse | null;
  @ApiProperty() updatedAt: string;
}

export function toBodySummary(body: AwardingBodyEntity): AwardingBodySummary {
  return { id: body.id, name: body.name, country: body.country };
}

export function toStandardSummary(s: StandardEntity): StandardSummaryResponse {
  return {
    id: s.id,
    code: s.code,
    title: s.title,
    eqfLevel: s.eqfLevel,
    nqfLevel: s.nqfLevel,
    credits: s.credits,
    creditSystem: s.creditSystem,
    workloadHours: s.workloadHours,
    published: s.published,
    version: s.version,
    awardingBody: toBodySummary(s.awardingBody!),
  };
}

export function toStandardDetail(s: StandardEntity, spec: MicroCredentialSpecEntity | null): StandardDetailResponse {
  return {
    ...toStandardSummary(s),
    description: s.description,
    settings: s.settings,
    updatedAt: s.updatedAt.toISOString(),
    assessmentMethods: s.assessmentMethods.map((m) => ({ code: m.code, type: m.type, description: m.description })),
    languages: s.languages,
    alignments: s.alignments.map(toAlignment),
    learningOutcomes: (s.learningOutcomes ?? []).map((o) => ({
      id: o.id,
      code: o.code,
      description: o.description,
      criteria: (o.criteria ?? []).map((c) => ({ id: c.id, code: c.code, description: c.description })),
      assessmentMethods: o.assessmentMethods,
      alignments: o.alignments.map(toAlignment),
    })),
    microCredential: spec
      ? {
          title: spec.title,
          typeOfAssessment: spec.typeOfAssessment,
          formOfParticipation: spec.formOfParticipation,
          learningSetting: spec.learningSetting,
          typeOfQualityAssurance: spec.typeOfQualityAssurance,
          prerequisites: spec.prerequisites,
          supervisionAndIdentityVerification: spec.supervisionAndIdentityVerification,
          validityMonths: spec.validityMonths,
          stackableInto: spec.stackableInto,
          furtherInformation: spec.furtherInformation,
          fullQualification: spec.fullQualification,
          standaloneValue: spec.standaloneValue
            ? {
                kind: spec.standaloneValue.kind,
                qualification: spec.standaloneValue.qualification
                  ? { title: spec.standaloneValue.qualification.title, reference: spec.standaloneValue.qualification.reference ?? null }
                  : null,
                statement: spec.standaloneValue.statement,
              }
            : null,
          accreditation: spec.accreditation ? { body: spec.accreditation.body, reference: spec.accreditation.reference, url: spec.accreditation.url ?? null } : null,
        }
      : null,
  };
}

function toAlignment(a: { kind: AlignmentKind; uri: string; title: string }): AlignmentResponse {
  return { kind: a.kind, uri: a.uri, title: a.title };
}

export class ConformanceFailureResponse {
  @ApiProperty({ enum: ConformanceFailureCode }) code: ConformanceFailureCode;
  @ApiProperty({ example: 'microCredential.accreditation', description: 'the input field to change' }) field: string;
  @ApiProperty({ example: 'learning outcome LO2 has no assessment criterion: add at least one criterion to each, so that the outcome can be assessed' })
  message: string;
}

export class WorkloadCeilingResponse {
  @ApiProperty({ example: 30 }) ects: number;
  @ApiProperty({ example: 750 }) hours: number;
}

/** Whether a specification is a micro-credential (libs/domain microCredentialConformance), with the ceiling applied. */
export class MicroCredentialCheckResponse {
  @ApiProperty() conforms: boolean;
  @ApiProperty({ type: [ConformanceFailureResponse] }) failures: ConformanceFailureResponse[];
  @ApiProperty({ type: WorkloadCeilingResponse, description: "the awarding body's workload ceiling the check applied" }) ceiling: WorkloadCeilingResponse;
}

export function toCheckResponse(result: ConformanceResult, ceiling: WorkloadCeiling): MicroCredentialCheckResponse {
  return { conforms: result.conforms, failures: result.failures.map((f) => ({ ...f })), ceiling: { ects: ceiling.ects, hours: ceiling.hours } };
}
