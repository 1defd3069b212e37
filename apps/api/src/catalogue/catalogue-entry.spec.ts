import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import formalSchema from '../../../../libs/credentials/schemas/achievementcredential.json';
import publishedSchema from '../../../../libs/credentials/schemas/ob_v3p0_achievementcredential_schema.json';
import { AlignmentKind, AssessmentMethodType, CreditSystem, LearningSetting, ParticipationForm } from '../../../../libs/domain';
import type { AwardingBodyEntity, MicroCredentialSpecEntity, StandardEntity } from '../../../../libs/persistence/entities';
import { assessmentMap, toEntry, typicalDuration, TYPICAL_DURATION_MIN_CASES } from './catalogue-entry';
import type { CatalogueRow } from './catalogue.repository';
import { elmLearningOpportunity, languageConcept, openBadgesAchievement } from './feeds';

const PUBLIC_URL = 'https://vnfil.example.org';

function row(over: { settings?: Record<string, unknown>; bodySettings?: Record<string, unknown>; outcomeMethods?: string[][] } = {}): CatalogueRow {
  const body = { id: '11111111-1111-4111-8111-111111111111', name: 'Institut', country: 'FR', settings: over.bodySettings ?? {} } as AwardingBodyEntity;
  const methods = over.outcomeMethods ?? [['PF'], []];
  const standard = {
    id: '22222222-2222-4222-8222-222222222222',
    awardingBodyId: body.id,
    awardingBody: body,
    code: 'DATA',
    title: 'Data analysis',
    description: 'Spreadsheets at work.',
    eqfLevel: 4,
    nqfLevel: null,
    credits: 2,
    creditSystem: CreditSystem.Ects,
    workloadHours: 50,
    settings: over.settings ?? {},
    assessmentMethods: [
      { code: 'PF', type: AssessmentMethodType.Portfolio, description: 'Portfolio' },
      { code: 'INT', type: AssessmentMethodType.Interview, description: 'Interview' },
    ],
    alignments: [{ kind: AlignmentKind.EscoOccupation, uri: 'http://data.europa.eu/esco/occupation/x', title: 'data analyst' }],
    languages: ['en', 'mt', 'xx'],
    published: true,
    version: 3,
    updatedAt: new Date('2026-11-01T10:00:00Z'),
    learningOutcomes: methods.map((m, i) => ({
      id: `3333333${i}-3333-4333-8333-333333333333`,
      code: `LO${i + 1}`,
      description: `Outcome ${i + 1}`,
      position: i + 1,
      assessmentMethods: m,
      alignments: i === 0 ? [{ kind: AlignmentKind.EscoSkill, uri: 'http://data.europa.eu/esco/skill/y', title: 'use spreadsheets' }] : [],
      criteria: [{ code: `LO${i + 1}.1`, description: 'Criterion', position: 1 }],
    })),
  } as unknown as StandardEntity;
  const spec = {
    title: 'Micro-credential in data analysis',
    typeOfAssessment: 'Portfolio',
    formOfParticipation: ParticipationForm.Volunteering,
    learningSetting: LearningSetting.Informal,
    typeOfQualityAssurance: 'Internal',
    prerequisites: null,
    standaloneValue: null,
    accreditation: null,
    validityMonths: null,
    fullQualification: false,
  } as unknown as MicroCredentialSpecEntity;
  return { standard, spec };
}

describe('catalogue entries', () => {
  it(`measures the typical duration from ${TYPICAL_DURATION_MIN_CASES} closed cases on, and plans it from the settings before`, () => {
    const r = row({ settings: { assessorSlaDays: 21, assessorReminderDays: 15 }, bodySettings: { appealWindowDays: 14 } });
    const below = typicalDuration(r, { closedCases: TYPICAL_DURATION_MIN_CASES - 1, medianDays: 9, p80Days: 12 });
    expect(below).toMatchObject({ basis: 'planned', medianDays: null, p80Days: null, planned: { assessmentDays: 21, evidenceRequestDays: 30, appealWindowDays: 14 } });
    expect(below.summary).toContain(`${TYPICAL_DURATION_MIN_CASES - 1} of the ${TYPICAL_DURATION_MIN_CASES} needed`);
    const at = typicalDuration(r, { closedCases: TYPICAL_DURATION_MIN_CASES, medianDays: 9.04, p80Days: 12.37 });
    expect(at).toMatchObject({ basis: 'measured', medianDays: 9, p80Days: 12.4 });
    expect(typicalDuration(r)).toMatchObject({ basis: 'planned', closedCases: 0 });
  });

  it('reads an outcome without methods as assessed by every method', () => {
    const { outcomes, methods } = assessmentMap(row());
    expect(outcomes.map((o) => o.assessedBy)).toEqual([['PF'], ['PF', 'INT']]);
    expect(methods.map((m) => [m.code, m.assesses])).toEqual([
      ['PF', ['LO1', 'LO2']],
      ['INT', ['LO2']],
    ]);
    // a code no method has is not shown as one
    expect(assessmentMap(row({ outcomeMethods: [['GONE'], []] })).outcomes[0]!.assessedBy).toEqual([]);
  });

  it('shows the entry without the standard settings or anything internal', () => {
    const entry = toEntry(row());
    expect(Object.keys(entry)).not.toContain('settings');
    expect(entry.awardingBody).toEqual({ id: '11111111-1111-4111-8111-111111111111', name: 'Institut', country: 'FR' });
    expect(entry.howToStart.steps[1]).toContain('22222222-2222-4222-8222-222222222222');
  });
});

describe('catalogue feeds', () => {
  it('writes the Open Badges achievement so that both of 1EdTech schemas accept it', () => {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(publishedSchema).addSchema(formalSchema);
    const achievement = openBadgesAchievement(PUBLIC_URL, row());
    for (const schema of [publishedSchema, formalSchema]) {
      const validate = ajv.compile({ $ref: `${schema.$id}#/$defs/Achievement` });
      expect({ schema: schema.$id, valid: validate(achievement), errors: validate.errors ?? null }).toEqual({ schema: schema.$id, valid: true, errors: null });
    }
    expect(achievement).toMatchObject({ id: `${PUBLIC_URL}/standards/22222222-2222-4222-8222-222222222222`, creator: { id: 'did:web:vnfil.example.org:bodies:11111111-1111-4111-8111-111111111111' } });
  });

  it('names languages by the EU authority list, and marks those outside it as multiple languages', () => {
    expect(languageConcept('mt')).toMatchObject({ id: 'http://publications.europa.eu/resource/authority/language/MLT', notation: 'mt' });
    expect(languageConcept('xx')).toMatchObject({ id: 'http://publications.europa.eu/resource/authority/language/MUL' });
  });

  it("gives the ELM opportunity the concepts the credentials use, vnfil's own where Europass has none", () => {
    const elm = elmLearningOpportunity(PUBLIC_URL, row()) as { learningAchievementSpecification: Record<string, unknown>; mode: { id: string }[]; duration?: string };
    expect(elm.mode).toEqual([expect.objectContaining({ id: 'urn:vnfil:form-of-participation:volunteering' })]);
    expect(elm.learningAchievementSpecification).toMatchObject({
      learningSetting: { id: 'urn:vnfil:learning-setting:informal' },
      creditPoint: [{ framework: { id: 'http://data.europa.eu/snb/education-credit/6fcec5c5af' }, point: '2' }],
      isPartialQualification: true,
    });
    // no measured duration yet: no duration claimed
    expect(elm.duration).toBeUndefined();
  });
});
