import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsEmail, IsIn, IsOptional, IsString, IsUUID, IsUrl, MaxLength, Validate, ValidateIf } from 'class-validator';
import { CREDENTIAL_SCHEMA, IsCredentialValue } from '../../credentials/dto/verify.dto';
import { EvidenceKind } from '../../../../../libs/domain';
import { EXAMPLE_ID } from '../../common/examples';
import { IsNotBlank, OPTIONAL_NOT_BLANK } from '../../common/validation';

const OUTCOMES_MESSAGE = 'learningOutcomeIds must name at least one learning outcome of the standard';

/** The text fields of a multipart upload (the file itself streams to storage). */
export class UploadEvidenceFieldsDto {
  @IsOptional()
  @IsIn([EvidenceKind.File, EvidenceKind.Credential], { message: 'kind must be file (the default) or credential (a .json or .jwt credential file)' })
  kind?: EvidenceKind.File | EvidenceKind.Credential;

  @ValidateIf((o: UploadEvidenceFieldsDto) => o.kind !== EvidenceKind.Credential || o.title !== undefined)
  @IsString()
  @IsNotBlank({ message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;

  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(4000)
  description?: string;

  @IsArray()
  @ArrayMinSize(1, { message: OUTCOMES_MESSAGE })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of learningOutcomeIds must be a UUID' })
  learningOutcomeIds: string[];
}

/** OpenAPI description of the multipart upload: its fields' rules are UploadEvidenceFieldsDto's, and the file. */
export class UploadEvidenceSchema extends UploadEvidenceFieldsDto {
  @ApiPropertyOptional({ enum: [EvidenceKind.File, EvidenceKind.Credential], description: 'credential: the file is an Open Badges 3.0 credential (JSON, or a VC-JWT), verified and kept as a credential' })
  declare kind?: EvidenceKind.File | EvidenceKind.Credential;
  @ApiPropertyOptional({ example: 'Sales data clean-up log, March 2026', description: "required for a file; optional for a credential (its achievement's name by default)" })
  declare title?: string;
  @ApiPropertyOptional({ example: 'The log I keep when cleaning the monthly sales export, with row counts before and after.' }) declare description?: string;
  @ApiProperty({ type: [String], description: 'repeat the field, or separate ids with commas', example: [EXAMPLE_ID.learningOutcomes[0]] })
  declare learningOutcomeIds: string[];
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, image, office document or UTF-8 text' }) file: unknown;
}

export class CreateEvidenceDto {
  @ApiProperty({
    enum: [EvidenceKind.Url, EvidenceKind.Attestation, EvidenceKind.Credential],
    description: 'files are uploaded to /evidence/files; credential: an Open Badges 3.0 credential issued elsewhere, verified when added',
    example: EvidenceKind.Attestation,
  })
  @IsIn([EvidenceKind.Url, EvidenceKind.Attestation, EvidenceKind.Credential], { message: 'kind must be url, attestation or credential (files go to POST /cases/:id/evidence/files)' })
  kind: EvidenceKind.Url | EvidenceKind.Attestation | EvidenceKind.Credential;

  @ApiProperty({ example: 'Line manager attestation: monthly sales reporting', description: "optional for a credential (its achievement's name by default)" })
  @ValidateIf((o: CreateEvidenceDto) => o.kind !== EvidenceKind.Credential || o.title !== undefined)
  @IsString()
  @IsNotBlank({ message: 'title must not be empty' })
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({
    ...CREDENTIAL_SCHEMA,
    description: 'kind credential: the credential as JSON (with its embedded proof), or its VC-JWT',
    example: 'eyJhbGciOiJFZERTQSIsImtpZCI6ImRpZDprZXk6ejZNay4uLiIsInR5cCI6InZjK2p3dCIsImN0eSI6InZjIn0.eyJ0eXBlIjpbIlZlcmlmaWFibGVDcmVkZW50aWFsIiwiT3BlbkJhZGdlQ3JlZGVudGlhbCJdfQ.c2lnbmF0dXJl',
  })
  @ValidateIf((o: CreateEvidenceDto) => o.kind === EvidenceKind.Credential || o.credential !== undefined)
  @IsDefined({ message: 'credential is required for kind credential: the credential as JSON, or its VC-JWT' })
  @Validate(IsCredentialValue)
  credential?: Record<string, unknown> | string;

  @ApiPropertyOptional({ example: 'My line manager confirms that I have prepared the monthly sales report on my own since 2023.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(4000)
  description?: string;

  @ApiProperty({ type: [String], example: [EXAMPLE_ID.learningOutcomes[0], EXAMPLE_ID.learningOutcomes[1]] })
  @IsArray()
  @ArrayMinSize(1, { message: OUTCOMES_MESSAGE })
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of learningOutcomeIds must be a UUID' })
  learningOutcomeIds: string[];

  @ApiPropertyOptional({ description: 'kind url: an http or https address', example: 'https://portfolio.example.org/lena-schmidt/sales-dashboard' })
  @ValidateIf((o: CreateEvidenceDto) => o.kind === EvidenceKind.Url || o.url !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_valid_protocol: true }, { message: 'url must be an http:// or https:// address' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'kind attestation: who attests', example: 'Aoife Byrne' })
  @ValidateIf((o: CreateEvidenceDto) => o.kind === EvidenceKind.Attestation || o.attestorName !== undefined)
  @IsString()
  @IsNotBlank({ message: 'attestorName must not be empty for an attestation' })
  @MaxLength(300)
  attestorName?: string;

  @ApiPropertyOptional({ example: 'aoife.byrne@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'attestorEmail must be an e-mail address' })
  @MaxLength(320)
  attestorEmail?: string;

  @ApiPropertyOptional({ example: 'Byrne & Walsh Wholesale Ltd' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(300)
  attestorOrganisation?: string;

  @ApiPropertyOptional({
    description: 'kind attestation: what the attestor states',
    example: 'Since March 2023 Lena has prepared our monthly sales report on her own: she cleans the order export and checks the totals against the ledger.',
  })
  @ValidateIf((o: CreateEvidenceDto) => o.kind === EvidenceKind.Attestation || o.statement !== undefined)
  @IsString()
  @IsNotBlank({ message: 'statement must not be empty for an attestation' })
  @MaxLength(10_000)
  statement?: string;
}

/** An assessor's record that a prior credential recognises one of the learning outcomes it is offered for. */
export class RecogniseCredentialDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID.learningOutcomes[0] })
  @IsUUID('all', { message: 'learningOutcomeId must be a UUID' })
  learningOutcomeId: string;

  @ApiPropertyOptional({ example: 'The badge covers the same outcome at the same level; verified issuer and no revocation.' })
  @IsOptional()
  @IsString()
  @IsNotBlank({ message: OPTIONAL_NOT_BLANK })
  @MaxLength(4000)
  comment?: string;
}
