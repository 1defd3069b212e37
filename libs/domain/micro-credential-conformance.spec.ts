import { AlignmentKind, alignmentProblems } from './alignment';
import { CreditSystem, DEFAULT_WORKLOAD_CEILING, StandaloneValueKind } from './micro-credential';
import { ConformanceFailureCode, microCredentialConformance } from './micro-credential-conformance';
import type { MicroCredentialSpecFacts } from './micro-credential-conformance';

function facts(overrides: Partial<MicroCredentialSpecFacts> = {}, spec: Partial<NonNullable<MicroCredentialSpecFacts['spec']>> = {}): MicroCredentialSpecFacts {
  return {
    learningOutcomes: [
      { code: 'LO1', criteriaCount: 2 },
      { code: 'LO2', criteriaCount: 1 },
    ],
    workloadHours: 125,
    credits: 5,
    creditSystem: CreditSystem.Ects,
    spec: {
      fullQualification: false,
      standaloneValue: { kind: StandaloneValueKind.LabourMarketNeed, qualification: null, statement: 'Employers in retail ask for it in job offers.' },
      typeOfQualityAssurance: 'Internal moderation and external review',
      accreditation: { body: 'National Agency for Quality Assurance', reference: 'NAQA-2025-117', url: null },
      ...spec,
    },
    ...overrides,
  };
}

const codes = (f: MicroCredentialSpecFacts, ceiling = DEFAULT_WORKLOAD_CEILING) => microCredentialConformance(f, ceiling).failures.map((x) => x.code);

describe('microCredentialConformance', () => {
  it('accepts a specification that meets every criterion', () => {
    expect(microCredentialConformance(facts(), DEFAULT_WORKLOAD_CEILING)).toEqual({ conforms: true, failures: [] });
  });

  it('names each learning outcome without an assessment criterion, in one failure', () => {
    const result = microCredentialConformance(facts({ learningOutcomes: [{ code: 'LO1', criteriaCount: 1 }, { code: 'LO2', criteriaCount: 0 }, { code: 'LO3', criteriaCount: 0 }] }), DEFAULT_WORKLOAD_CEILING);
    expect(result.conforms).toBe(false);
    expect(result.failures).toEqual([
      { code: ConformanceFailureCode.NoAssessmentCriteria, field: 'learningOutcomes', message: expect.stringContaining('learning outcomes LO2, LO3 have no assessment criterion: add at least one') },
    ]);
    expect(codes(facts({ learningOutcomes: [] }))).toEqual([ConformanceFailureCode.NoAssessmentCriteria]);
  });

  it('refuses a full qualification', () => {
    const [failure] = microCredentialConformance(facts({}, { fullQualification: true }), DEFAULT_WORKLOAD_CEILING).failures;
    expect(failure).toMatchObject({ code: ConformanceFailureCode.FullQualification, field: 'microCredential.fullQualification' });
  });

  it('wants a standalone value, with the qualification named for a unit or a complement, and a statement', () => {
    expect(codes(facts({}, { standaloneValue: null }))).toEqual([ConformanceFailureCode.NoStandaloneValue]);
    const unit = microCredentialConformance(
      facts({}, { standaloneValue: { kind: StandaloneValueKind.UnitOfQualification, qualification: null, statement: 'A unit.' } }),
      DEFAULT_WORKLOAD_CEILING,
    ).failures;
    expect(unit).toEqual([expect.objectContaining({ field: 'microCredential.standaloneValue.qualification', message: expect.stringContaining('names the qualification') })]);
    expect(codes(facts({}, { standaloneValue: { kind: StandaloneValueKind.ComplementToQualification, qualification: { title: 'BSc Nursing', reference: null }, statement: '  ' } }))).toEqual([
      ConformanceFailureCode.NoStandaloneValue,
    ]);
    expect(codes(facts({}, { standaloneValue: { kind: StandaloneValueKind.UnitOfQualification, qualification: { title: 'BSc Nursing', reference: null }, statement: 'Module 3.' } }))).toEqual([]);
  });

  it('wants the quality assurance and the accrediting body with its reference', () => {
    expect(microCredentialConformance(facts({}, { accreditation: null }), DEFAULT_WORKLOAD_CEILING).failures).toEqual([
      expect.objectContaining({ code: ConformanceFailureCode.NotQualityAssured, field: 'microCredential.accreditation', message: expect.stringContaining('its reference') }),
    ]);
    expect(codes(facts({}, { accreditation: { body: 'Agency', reference: ' ', url: null } }))).toEqual([ConformanceFailureCode.NotQualityAssured]);
    expect(codes(facts({}, { typeOfQualityAssurance: '' }))).toEqual([ConformanceFailureCode.NotQualityAssured]);
  });

  it('compares credits with the credit ceiling and hours with the hours ceiling, always; at the ceiling conforms', () => {
    expect(codes(facts({ credits: 30, workloadHours: 750 }))).toEqual([]);
    // few credits do not hide a large volume of learning, nor does another credit system
    expect(codes(facts({ credits: 3, workloadHours: 5000 }))).toEqual([ConformanceFailureCode.WorkloadTooLarge]);
    expect(codes(facts({ credits: 500, creditSystem: CreditSystem.Ecvet, workloadHours: 75 }))).toEqual([ConformanceFailureCode.WorkloadTooLarge]);
    const over = microCredentialConformance(facts({ credits: 31.5 }), DEFAULT_WORKLOAD_CEILING).failures;
    expect(over).toEqual([
      {
        code: ConformanceFailureCode.WorkloadTooLarge,
        field: 'credits',
        message: "the specification is worth 31.5 ECTS credits; your body's ceiling for a micro-credential is 30 credits: split it into smaller micro-credentials (they can stack into a qualification) or raise the ceiling in your awarding body settings",
      },
    ]);
    const hours = microCredentialConformance(facts({ credits: null, creditSystem: null, workloadHours: 900 }), DEFAULT_WORKLOAD_CEILING).failures;
    expect(hours[0]).toMatchObject({ field: 'workloadHours', message: expect.stringContaining("the notional workload is 900 hours; your body's ceiling for a micro-credential is 750 hours (30 ECTS)") });
    expect(codes(facts({ credits: 30, creditSystem: CreditSystem.Ecvet, workloadHours: 750 }))).toEqual([]);
    // over both limits: one failure that names both, so fixing the credits brings no surprise about the hours
    expect(microCredentialConformance(facts({ credits: 3, workloadHours: 75 }), { ects: 2, hours: 50 }).failures[0]!.message).toBe(
      "the specification is worth 3 ECTS credits; your body's ceiling for a micro-credential is 2 credits; and the notional workload is 75 hours; your body's ceiling for a micro-credential is 50 hours (2 ECTS): split it into smaller micro-credentials (they can stack into a qualification) or raise the ceiling in your awarding body settings",
    );
    expect(codes(facts({ credits: 10 }), { ects: 6, hours: 150 })).toEqual([ConformanceFailureCode.WorkloadTooLarge]);
  });

  it('lists every failure at once, in order, for a standard without a specification', () => {
    expect(codes(facts({ spec: null, workloadHours: 2000, credits: null, creditSystem: null, learningOutcomes: [{ code: 'A', criteriaCount: 0 }] }))).toEqual([
      ConformanceFailureCode.NoAssessmentCriteria,
      ConformanceFailureCode.NoStandaloneValue,
      ConformanceFailureCode.NotQualityAssured,
      ConformanceFailureCode.WorkloadTooLarge,
    ]);
  });
});

describe('alignmentProblems', () => {
  const skill = 'http://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9';
  it('accepts ESCO skills, occupations, ISCO groups and NQF level URIs in their published form', () => {
    expect(
      alignmentProblems(
        [
          { kind: AlignmentKind.EscoSkill, uri: skill, title: 'stimulate creativity in the team' },
          { kind: AlignmentKind.EscoOccupation, uri: 'http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30', title: 'x' },
          { kind: AlignmentKind.EscoOccupation, uri: 'http://data.europa.eu/esco/isco/C2511', title: 'Systems analysts' },
          { kind: AlignmentKind.NqfLevel, uri: 'https://example.org/nqf/level-5', title: 'NQF level 5' },
        ],
        'alignments',
      ),
    ).toEqual([]);
  });

  it('names the place of a URI of the wrong form and of a repeated one', () => {
    const problems = alignmentProblems(
      [
        { kind: AlignmentKind.EscoSkill, uri: skill, title: 'a' },
        { kind: AlignmentKind.EscoOccupation, uri: skill, title: 'b' },
        { kind: AlignmentKind.EscoSkill, uri: skill, title: 'a again' },
        { kind: AlignmentKind.NqfLevel, uri: 'javascript:alert(1)', title: 'c' },
        { kind: AlignmentKind.EscoSkill, uri: 'https://data.europa.eu/esco/skill/ccdf3597-5c80-410f-896d-e1bdfa223de9', title: 'https' },
      ],
      'learningOutcomes.0.alignments',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^learningOutcomes\.0\.alignments\.1\.uri .* an ESCO occupation is written/),
      expect.stringMatching(/^learningOutcomes\.0\.alignments\.2 repeats the esco_skill/),
      expect.stringMatching(/^learningOutcomes\.0\.alignments\.3\.uri .* absolute http\(s\) URI/),
      expect.stringMatching(/^learningOutcomes\.0\.alignments\.4\.uri .* an ESCO skill is written/),
    ]);
  });
});
