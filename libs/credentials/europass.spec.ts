import * as jsonld from 'jsonld';
import { createDocumentLoader, EUROPASS_EDC_CONTEXT_URL } from './document-loader';
import { buildEuropassCredential, VC_V1_CONTEXT } from './europass';
import { awardSourceFixture } from './testing/award-source.fixture';

/** The parts of the ELM document the assertions read. */
interface Note {
  noteLiteral: Record<string, string>;
  subject?: { prefLabel: Record<string, string> };
}
interface Elm {
  '@context': string[];
  type: string[];
  issuer: { id: string; location: { address: { countryCode: { id: string } } } };
  issued: string;
  expirationDate: string;
  credentialSubject: {
    id: string;
    type: string;
    fullName: Record<string, string>;
    identifier: { notation: string; schemeName: string }[];
    hasClaim: {
      type: string;
      title: Record<string, string>;
      awardedBy: { awardingDate: string; awardingBody: { id: string; legalName: Record<string, string>; location: { address: { countryCode: { id: string } } } }[] };
      provenBy: { title: Record<string, string>; grade?: Note; idVerification?: { prefLabel: Record<string, string> }; specifiedBy: { title: Record<string, string> } }[];
      specifiedBy: {
        type: string;
        title: Record<string, string>;
        learningOutcome: { id: string; title: Record<string, string> }[];
        volumeOfLearning: string;
        creditPoint: { framework: { id: string }; point: string }[];
        eqfLevel: { id: string };
        nqfLevel: { notation: string }[];
        mode: { id: string; prefLabel: Record<string, string> }[];
        learningSetting: { id: string; prefLabel: Record<string, string> };
        entryRequirement?: Note;
        additionalNote: Note[];
      };
    }[];
  };
}

describe('buildEuropassCredential', () => {
  const elm = buildEuropassCredential(awardSourceFixture()) as unknown as Elm;
  const subject = elm.credentialSubject;
  const claim = subject.hasClaim[0];
  const spec = claim.specifiedBy;
  const noteAbout = (label: string) => spec.additionalNote.find((n) => n.subject?.prefLabel.en === label)?.noteLiteral.en;

  it('is a Europass EuropeanDigitalCredential under the VC 1.1 and EDC application profile contexts', () => {
    expect(elm['@context']).toEqual([VC_V1_CONTEXT, EUROPASS_EDC_CONTEXT_URL]);
    expect(elm.type).toEqual(['VerifiableCredential', 'EuropeanDigitalCredential']);
    expect(claim.type).toBe('LearningAchievement');
    expect(spec.type).toBe('Qualification');
  });

  it('uses only terms the ELM context defines (safe-mode JSON-LD expansion drops nothing)', async () => {
    const expanded = JSON.stringify(await jsonld.expand(elm, { documentLoader: createDocumentLoader(), safe: true }));
    expect(expanded).toContain('http://data.europa.eu/snb/model/elm/learningSetting');
    expect(expanded).toContain('http://data.europa.eu/snb/model/elm/volumeOfLearning');
  });

  describe('holds the eleven mandatory elements of the Council Recommendation in ELM properties', () => {
    it('1. identification of the learner: credentialSubject id, fullName and the salted e-mail hash', () => {
      expect(subject.type).toBe('Person');
      expect(subject.id).toBe('urn:uuid:5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d');
      expect(subject.fullName.en).toBe('Maria Kowalska');
      expect(subject.identifier[0].notation).toBe('sha256$64a2b2c0eadae5514bf9b82921c3a8d188c1a750f2a5d7a1dae71ed0623f2fd7');
    });
    it('2. title: hasClaim[0].title and its specification title', () => {
      expect(claim.title.en).toBe('Spreadsheet data analysis');
      expect(spec.title.en).toBe('Spreadsheet data analysis');
    });
    it('3. country of the issuer: the awarding body address countryCode (EU country authority)', () => {
      expect(claim.awardedBy.awardingBody[0].location.address.countryCode.id).toBe('http://publications.europa.eu/resource/authority/country/POL');
      expect(elm.issuer.location.address.countryCode.id).toBe('http://publications.europa.eu/resource/authority/country/POL');
    });
    it('4. awarding body: awardedBy.awardingBody with legalName, the issuer too', () => {
      expect(claim.awardedBy.awardingBody[0].legalName.en).toBe('Krajowe Centrum Doskonalenia Praktyk');
      expect(claim.awardedBy.awardingBody[0].id).toBe('did:web:vnfil.example.org:bodies:kcdp');
      expect(elm.issuer.id).toBe('did:web:vnfil.example.org:bodies:kcdp');
    });
    it('5. date of issue: awardedBy.awardingDate and issued', () => {
      expect(claim.awardedBy.awardingDate).toBe('2026-03-02T10:15:00.000Z');
      expect(elm.issued).toBe('2026-03-02T10:15:00.000Z');
    });
    it('6. learning outcomes: specifiedBy.learningOutcome, the recognised ones only', () => {
      expect(spec.learningOutcome.map((o) => o.title.en)).toEqual([
        'Builds a spreadsheet model with formulas, named ranges and lookups for a business question',
        'Presents data in charts and pivot tables suited to the audience',
      ]);
    });
    it('7. notional workload and credits: volumeOfLearning and an ECTS creditPoint', () => {
      expect(spec.volumeOfLearning).toBe('PT50H');
      expect(spec.creditPoint[0]).toMatchObject({ point: '2', framework: { id: 'http://data.europa.eu/snb/education-credit/6fcec5c5af' } });
    });
    it('8. EQF and NQF level: eqfLevel as the Europass EQF concept, nqfLevel', () => {
      expect(spec.eqfLevel.id).toBe('http://data.europa.eu/snb/eqf/4');
      expect(spec.nqfLevel[0].notation).toBe('4');
    });
    it('9. type of assessment: provenBy[0] and its LearningAssessmentSpecification', () => {
      expect(claim.provenBy[0].title.en).toBe('Portfolio review and structured interview');
      expect(claim.provenBy[0].specifiedBy.title.en).toBe('Portfolio review and structured interview');
    });
    it('10. form of participation: mode, from the Europass mode of learning and assessment list', () => {
      expect(spec.mode[0]).toMatchObject({ id: 'http://data.europa.eu/snb/learning-assessment/729f3bed4b', prefLabel: { en: 'Workbased' } });
    });
    it('11. type of quality assurance: an additionalNote with that subject', () => {
      expect(noteAbout('Type of quality assurance')).toBe('External quality assurance by the national validation agency (ISO 21001 audit)');
    });
  });

  it('carries ESCO skills on learning outcomes, the NQF level by its URI, occupations as a note and each assessment method typed', () => {
    const json = elm as unknown as {
      credentialSubject: {
        hasClaim: {
          specifiedBy: { learningOutcome: { relatedESCOSkill?: { id: string; inScheme: { id: string }; prefLabel: Record<string, string> }[] }[]; nqfLevel: { id: string }[] };
          provenBy: { specifiedBy: { hasPart: { type: string; title: Record<string, string>; dcType: { id: string; prefLabel: Record<string, string> } }[] } }[];
        }[];
      };
    };
    const claim0 = json.credentialSubject.hasClaim[0]!;
    expect(claim0.specifiedBy.learningOutcome[0]!.relatedESCOSkill).toEqual([
      expect.objectContaining({
        id: 'http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be',
        inScheme: expect.objectContaining({ id: 'http://data.europa.eu/esco/concept-scheme/skills' }),
        prefLabel: { en: 'use spreadsheets software' },
      }),
    ]);
    expect(claim0.specifiedBy.nqfLevel.map((n) => n.id)).toEqual(['https://kwalifikacje.gov.pl/en/zsk/prk/level-4']);
    expect(noteAbout('Related occupations (ESCO)')).toBe('data analyst (http://data.europa.eu/esco/occupation/d3edb8f8-3a06-47a0-8fb9-9b212c006aa2)');
    expect(claim0.provenBy[0]!.specifiedBy.hasPart.map((p) => [p.type, p.dcType.id, p.dcType.prefLabel.en])).toEqual([
      ['LearningAssessmentSpecification', 'http://data.europa.eu/snb/assessment/4f03b91c0e', 'portfolio'],
      ['LearningAssessmentSpecification', 'http://data.europa.eu/snb/assessment/d30284d7df', 'oral examination'],
    ]);
  });

  it('holds the learning setting and the optional elements ELM has', () => {
    expect(spec.learningSetting).toMatchObject({ id: 'http://data.europa.eu/snb/learning-setting/e207a81fc7', prefLabel: { en: 'non-formal learning' } });
    expect(spec.entryRequirement?.noteLiteral.en).toBe('None');
    expect(claim.provenBy[0].grade?.noteLiteral.en).toBe('partial recognition');
    expect(claim.provenBy[0].idVerification?.prefLabel.en).toBe('Interview supervised on site with identity document check');
    expect(noteAbout('Integration / stackability options')).toBe('Counts towards the qualification "Office data specialist"');
    expect(noteAbout('Further information')).toBe('https://vnfil.example.org/standards/DATA-SPREADSHEETS');
    expect(elm.expirationDate).toBe('2031-03-02T10:15:00.000Z');
  });
});
