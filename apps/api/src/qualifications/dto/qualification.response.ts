import { ApiProperty } from '@nestjs/swagger';
import { CreditSystem, QualificationRule } from '../../../../../libs/domain';
import type { QualificationEntity, StandardEntity } from '../../../../../libs/persistence/entities';

export class QualificationComponentResponse {
  @ApiProperty({ format: 'uuid' }) standardId: string;
  @ApiProperty({ example: 'DATA-SHEETS' }) code: string;
  @ApiProperty({ example: 'Data analysis with spreadsheets' }) title: string;
  @ApiProperty({ nullable: true, type: Number, example: 5 }) credits: number | null;
  @ApiProperty({ nullable: true, enum: CreditSystem }) creditSystem: CreditSystem | null;
}

export class QualificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CERT-BDA' }) code: string;
  @ApiProperty({ example: 'Certificate in Business Data Analysis' }) title: string;
  @ApiProperty() description: string;
  @ApiProperty({ minimum: 1, maximum: 8 }) eqfLevel: number;
  @ApiProperty({ enum: QualificationRule }) rule: QualificationRule;
  @ApiProperty({ nullable: true, type: Number }) creditsRequired: number | null;
  @ApiProperty() published: boolean;
  @ApiProperty({ type: [QualificationComponentResponse] }) components: QualificationComponentResponse[];
  @ApiProperty({ description: 'qualification credentials in force (not revoked)' }) issuedCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class QualificationListResponse {
  @ApiProperty({ type: [QualificationResponse] }) items: QualificationResponse[];
}

export function toComponent(s: StandardEntity): QualificationComponentResponse {
  return { standardId: s.id, code: s.code, title: s.title, credits: s.credits, creditSystem: s.creditSystem };
}

export function toQualification(q: QualificationEntity, standards: StandardEntity[], issuedCount: number): QualificationResponse {
  return {
    id: q.id,
    code: q.code,
    title: q.title,
    description: q.description,
    eqfLevel: q.eqfLevel,
    rule: q.rule,
    creditsRequired: q.creditsRequired,
    published: q.published,
    components: standards.map(toComponent),
    issuedCount,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

export class ProgressComponentResponse extends QualificationComponentResponse {
  @ApiProperty({ description: 'the learner holds a micro-credential in force on this standard' }) met: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the micro-credential counted' }) credentialId: string | null;
}

export class QualificationProgressItem {
  @ApiProperty({ format: 'uuid' }) qualificationId: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ minimum: 1, maximum: 8 }) eqfLevel: number;
  @ApiProperty({ type: 'object', properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } }) awardingBody: { id: string; name: string };
  @ApiProperty({ enum: QualificationRule }) rule: QualificationRule;
  @ApiProperty({ type: [ProgressComponentResponse] }) components: ProgressComponentResponse[];
  @ApiProperty({ type: Number, description: 'credits of the micro-credentials counted, one per component standard' }) creditsEarned: number;
  @ApiProperty({ nullable: true, type: Number }) creditsRequired: number | null;
  @ApiProperty({ description: 'the micro-credentials in force meet the rule' }) met: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: "the qualification's credential, once issued (and not revoked)" }) credentialId: string | null;
}

export class QualificationProgressResponse {
  @ApiProperty({ type: [QualificationProgressItem] }) items: QualificationProgressItem[];
}
