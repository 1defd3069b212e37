import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AlignmentKind, AssessmentMethodType, CreditSystem, LearningSetting, ParticipationForm, StandaloneValueKind } from '../../../../../libs/domain';

export class CatalogueBodyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Institut de Formation Numérique' }) name: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'FR' }) country: string;
}

export class CatalogueAlignmentResponse {
  @ApiProperty({ enum: AlignmentKind }) kind: AlignmentKind;
  @ApiProperty({ example: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d' }) uri: string;
  @ApiProperty({ example: 'use spreadsheets software' }) title: string;
}

export class PlannedDurationResponse {
  @ApiProperty({ description: "days the assessor has to record the assessment once assigned (the standard's assessorSlaDays)", example: 14 })
  assessmentDays: number;
  @ApiProperty({ description: 'days the candidate has to answer a request for more evidence, when one is made (evidenceRequestDays)', example: 30 })
  evidenceRequestDays: number;
  @ApiProperty({ description: 'days after the decision during which the candidate may appeal (appealWindowDays)', example: 30 })
  appealWindowDays: number;
}

/**
 * How long the process usually takes, from submission to the awarding body's decision. Measured from this
 * standard's closed cases once at least `minimumCases` have closed (TYPICAL_DURATION_MIN_CASES); until then only
 * the planned figures of its process settings.
 */
export class TypicalDurationResponse {
  @ApiProperty({ enum: ['measured', 'planned'], description: 'measured: from closed cases; planned: not enough closed cases yet, the process settings only' })
  basis: 'measured' | 'planned';
  @ApiProperty({ description: 'closed cases with a submission and a decision on this standard', example: 12 }) closedCases: number;
  @ApiProperty({ description: 'closed cases needed before a measured figure is shown', example: 5 }) minimumCases: number;
  @ApiProperty({ nullable: true, type: Number, description: 'median days from submission to decision (one decimal); null while planned', example: 18.5 })
  medianDays: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '80th percentile of the same, in days (one decimal): four cases in five were decided within it', example: 26 })
  p80Days: number | null;
  @ApiProperty({ type: PlannedDurationResponse }) planned: PlannedDurationResponse;
  @ApiProperty({ description: 'the same in plain words', example: 'Half of the 12 closed cases were decided within 18.5 days of submission, four in five within 26 days.' })
  summary: string;
}

export class CatalogueSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DATA-SPREADSHEETS' }) code: string;
  @ApiProperty({ example: 'Data analysis with spreadsheets' }) title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: CatalogueBodyResponse }) awardingBody: CatalogueBodyResponse;
  @ApiProperty({ minimum: 1, maximum: 8, example: 4 }) eqfLevel: number;
  @ApiProperty({ nullable: true, type: Number }) nqfLevel: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 2 }) credits: number | null;
  @ApiProperty({ enum: CreditSystem, nullable: true }) creditSystem: CreditSystem | null;
  @ApiProperty({ description: 'notional workload in hours', example: 50 }) workloadHours: number;
  @ApiProperty({ type: [String], description: 'ISO 639-1 codes the candidate can be assessed in', example: ['en', 'fr'] }) languages: string[];
  @ApiProperty({ nullable: true, type: String, description: 'the title printed on the micro-credential' }) microCredentialTitle: string | null;
  @ApiProperty({ type: TypicalDurationResponse }) typicalDuration: TypicalDurationResponse;
  @ApiProperty({ description: 'the catalogue entry: GET /catalogue/{id}', example: '/catalogue/b5fc56ca-8444-4712-aa4f-936ae1ae3d41' }) href: string;
}

export class CatalogueCriterionResponse {
  @ApiProperty({ example: 'LO1.1' }) code: string;
  @ApiProperty() description: string;
}

export class CatalogueOutcomeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'LO1' }) code: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [CatalogueCriterionResponse] }) criteria: CatalogueCriterionResponse[];
  @ApiProperty({ type: [String], description: 'codes of the assessment methods that assess it', example: ['PF', 'INT'] }) assessedBy: string[];
  @ApiProperty({ type: [CatalogueAlignmentResponse] }) alignments: CatalogueAlignmentResponse[];
}

export class CatalogueMethodResponse {
  @ApiProperty({ example: 'INT' }) code: string;
  @ApiProperty({ enum: AssessmentMethodType }) type: AssessmentMethodType;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], description: 'codes of the learning outcomes it assesses', example: ['LO1', 'LO2'] }) assesses: string[];
}

export class CatalogueStandaloneValueResponse {
  @ApiProperty({ enum: StandaloneValueKind }) kind: StandaloneValueKind;
  @ApiPropertyOptional({ nullable: true, type: String }) qualification: string | null;
  @ApiProperty() statement: string;
}

export class CatalogueAccreditationResponse {
  @ApiProperty() body: string;
  @ApiProperty() reference: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

/** The Council Recommendation's elements (2022/C 243/02, Annex I) the credential will carry, as the body set them. */
export class CatalogueMicroCredentialResponse {
  @ApiProperty() title: string;
  @ApiProperty() typeOfAssessment: string;
  @ApiProperty({ enum: ParticipationForm }) formOfParticipation: ParticipationForm;
  @ApiProperty({ enum: LearningSetting }) learningSetting: LearningSetting;
  @ApiProperty() typeOfQualityAssurance: string;
  @ApiProperty({ nullable: true, type: String }) prerequisites: string | null;
  @ApiProperty({ nullable: true, type: CatalogueStandaloneValueResponse }) standaloneValue: CatalogueStandaloneValueResponse | null;
  @ApiProperty({ nullable: true, type: CatalogueAccreditationResponse }) accreditation: CatalogueAccreditationResponse | null;
  @ApiProperty({ nullable: true, type: Number, description: 'months the credential stays valid; null: no expiry' }) validityMonths: number | null;
}

export class RouteResponse {
  @ApiProperty({ example: 'POST' }) method: string;
  @ApiProperty({ example: '/cases' }) path: string;
}

export class HowToStartResponse {
  @ApiProperty({ type: [String], description: 'the steps in plain words' }) steps: string[];
  @ApiProperty({ type: RouteResponse, description: 'create an account (candidates sign up themselves)' }) signUp: RouteResponse;
  @ApiProperty({ type: RouteResponse, description: 'sign in' }) signIn: RouteResponse;
  @ApiProperty({ type: RouteResponse, description: 'open a case on this standard, with the body { "standardId": "<id>" }' }) startCase: RouteResponse;
  @ApiProperty({ format: 'uuid' }) standardId: string;
}

export class CatalogueEntryResponse extends CatalogueSummaryResponse {
  @ApiProperty({ description: 'the standard version; it grows with every change the body makes' }) version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ nullable: true, type: CatalogueMicroCredentialResponse }) microCredential: CatalogueMicroCredentialResponse | null;
  @ApiProperty({ type: [CatalogueOutcomeResponse] }) learningOutcomes: CatalogueOutcomeResponse[];
  @ApiProperty({ type: [CatalogueMethodResponse] }) assessmentMethods: CatalogueMethodResponse[];
  @ApiProperty({ type: [CatalogueAlignmentResponse], description: "the standard's own alignments: ESCO skills and occupations, NQF levels" }) alignments: CatalogueAlignmentResponse[];
  @ApiProperty({ type: HowToStartResponse }) howToStart: HowToStartResponse;
}
