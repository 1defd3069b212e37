import { alpha2ToAlpha3 } from 'i18n-iso-countries';
import { LearningSetting, ParticipationForm } from '../domain';
import { buildEuropassCredential } from './europass';
import { microCredentialFacts } from './micro-credential-facts';
import { buildOpenBadgeCredential } from './open-badge';
import { awardSourceFixture, FIXTURE_EMAIL } from './testing/award-source.fixture';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading arbitrary JSON-LD paths

const ECTS = 'http://data.europa.eu/snb/education-credit/6fcec5c5af';

/** The Recommendation's elements as the Open Badges credential states them, read from the document alone. */
function fromOpenBadge(ob: Json): Record<string, unknown> {
  const subject = ob.credentialSubject;
  const achievement = subject.achievement;
  const aligned = (type: string) => achievement.alignment.find((a: Json) => a.targetType === type);
  const descriptions = new Map<string, Json>(achievement.resultDescription.map((d: Json) => [d.id, d]));
  const mc = subject.microCredential;
  return {
    learner: {
      id: subject.id,
      name: subject.identifier.find((i: Json) => i.identityType === 'name').identityHash,
      emailHash: subject.identifier.find((i: Json) => i.identityType === 'emailAddress').identityHash,
    },
    title: achievement.name,
    country: alpha2ToAlpha3(ob.issuer.address.addressCountryCode),
    awardingBody: { id: ob.issuer.id, name: ob.issuer.name },
    dateOfIssue: ob.validFrom,
    learningOutcomes: subject.result
      .filter((r: Json) => r.value === 'recognised')
      .map((r: Json) => descriptions.get(r.resultDescription)!.alignment[0])
      .map((a: Json) => ({ url: a.targetUrl, text: a.targetName })),
    workload: `PT${mc.notionalWorkloadHours}H`,
    credits: { framework: mc.creditSystem === 'ECTS' ? ECTS : mc.creditSystem, value: achievement.creditsAvailable },
    eqf: aligned('ext:EQFLevel').targetUrl,
    nqf: aligned('ext:NQFLevel')?.targetCode ?? null,
    typeOfAssessment: aligned('ext:TypeOfAssessment').targetName,
    formOfParticipation: aligned('ext:FormOfParticipation').targetUrl,
    learningSetting: aligned('ext:LearningSetting').targetUrl,
    typeOfQualityAssurance: aligned('ext:TypeOfQualityAssurance').targetName,
    prerequisites: mc.prerequisites,
    grade: mc.gradeAchieved,
    supervision: mc.supervisionAndIdentityVerification,
    integration: mc.integrationStackability,
    furtherInformation: mc.furtherInformation,
    validUntil: ob.validUntil,
  };
}

/** The same elements as the Europass credential states them, read from the document alone. */
function fromEuropass(elm: Json): Record<string, unknown> {
  const subject = elm.credentialSubject;
  const claim = subject.hasClaim[0];
  const spec = claim.specifiedBy;
  const body = claim.awardedBy.awardingBody[0];
  const note = (label: string) => spec.additionalNote.find((n: Json) => n.subject?.prefLabel.en === label)?.noteLiteral.en;
  return {
    learner: { id: subject.id, name: subject.fullName.en, emailHash: subject.identifier[0].notation },
    title: claim.title.en,
    country: body.location.address.countryCode.id.split('/').pop(),
    awardingBody: { id: body.id, name: body.legalName.en },
    dateOfIssue: claim.awardedBy.awardingDate,
    learningOutcomes: spec.learningOutcome.map((o: Json) => ({ url: o.id, text: o.title.en })),
    workload: spec.volumeOfLearning,
    credits: { framework: spec.creditPoint[0].framework.id, value: Number(spec.creditPoint[0].point) },
    eqf: spec.eqfLevel.id,
    nqf: spec.nqfLevel?.[0].notation ?? null,
    typeOfAssessment: claim.provenBy[0].title.en,
    formOfParticipation: spec.mode[0].id,
    learningSetting: spec.learningSetting.id,
    typeOfQualityAssurance: note('Type of quality assurance'),
    prerequisites: spec.entryRequirement.noteLiteral.en,
    grade: claim.provenBy[0].grade.noteLiteral.en,
    supervision: claim.provenBy[0].idVerification.prefLabel.en,
    integration: note('Integration / stackability options'),
    furtherInformation: note('Further information'),
    validUntil: elm.expirationDate,
  };
}

describe('the Open Badges and Europass credentials of one award', () => {
  it('agree on every micro-credential element, each read from its own document', () => {
    const source = awardSourceFixture();
    const ob = fromOpenBadge(buildOpenBadgeCredential(source));
    const elm = fromEuropass(buildEuropassCredential(source));

    expect(ob).toEqual(elm);
    expect(Object.values(ob).every((v) => v !== undefined && v !== null)).toBe(true);
    expect(ob.learningOutcomes).toHaveLength(2);
  });

  it('still agree for another award: online, formal, no NQF level', () => {
    const source = awardSourceFixture();
    source.elements.formOfParticipation = ParticipationForm.Online;
    source.elements.learningSetting = LearningSetting.Formal;
    source.elements.nqfLevel = null;
    const ob = fromOpenBadge(buildOpenBadgeCredential(source));
    const elm = fromEuropass(buildEuropassCredential(source));

    expect(ob.formOfParticipation).toBe('http://data.europa.eu/snb/learning-assessment/920fbb3cbe');
    expect(ob.learningSetting).toBe('http://data.europa.eu/snb/learning-setting/6fd4685715');
    expect(ob.nqf).toBeNull();
    expect(ob).toEqual(elm);
  });

  it('never carry the learner e-mail address in clear', () => {
    const source = awardSourceFixture();
    for (const document of [buildOpenBadgeCredential(source), buildEuropassCredential(source)]) {
      const text = JSON.stringify(document).toLowerCase();
      expect(text).not.toContain(FIXTURE_EMAIL.toLowerCase());
      expect(text).not.toContain('maria.kowalska@');
      expect(text).not.toContain('mailto:');
    }
  });
});

describe('microCredentialFacts', () => {
  it('writes values Europass has no concept for as vnfil concepts, marked as such', () => {
    const source = awardSourceFixture();
    source.elements.formOfParticipation = ParticipationForm.Volunteering;
    source.elements.learningSetting = LearningSetting.Informal;
    const facts = microCredentialFacts(source);
    expect(facts.formOfParticipation.concept).toMatchObject({ id: 'urn:vnfil:form-of-participation:volunteering', europass: false });
    expect(facts.learningSetting.concept).toMatchObject({ id: 'urn:vnfil:learning-setting:informal', europass: false });
  });

  it('refuses a source whose date of issue or country disagree with the issuance', () => {
    const late = awardSourceFixture();
    late.elements.dateOfIssue = '2026-03-03T00:00:00.000Z';
    expect(() => microCredentialFacts(late)).toThrow(/date of issue/);
    const elsewhere = awardSourceFixture();
    elsewhere.elements.countryOfIssuer = 'DE';
    expect(() => microCredentialFacts(elsewhere)).toThrow(/country/);
  });
});
