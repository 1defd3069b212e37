import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditSystem, LearningSetting, ParticipationForm } from '../../../../../libs/domain';
import type { ProcessSettingsOverrides } from '../../../../../libs/domain';
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
}

export class StandardDetailResponse extends StandardSummaryResponse {
  @ApiProperty() description: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings: ProcessSettingsOverrides;
  @ApiProperty({ type: [LearningOutcomeResponse] }) learningOutcomes: LearningOutcomeResponse[];
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
    learningOutcomes: (s.learningOutcomes ?? []).map((o) => ({
      id: o.id,
      code: o.code,
      description: o.description,
      criteria: (o.criteria ?? []).map((c) => ({ id: c.id, code: c.code, description: c.description })),
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
        }
      : null,
  };
}
