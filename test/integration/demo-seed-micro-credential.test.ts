import type { DataSource } from 'typeorm';
import { AlignmentKind, AssessmentMethodType, microCredentialConformance } from '../../libs/domain';
import { AwardingBodyEntity, MicroCredentialSpecEntity, StandardEntity } from '../../libs/persistence/entities';
import { DEMO_ESCO, seedDemo } from '../../libs/persistence/seeds/demo.seed';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase, TEST_DATABASE_URL } from '../support/database';

/** The demo standard is what the "done" asks of it: a micro-credential, assessed two ways, aligned to ESCO. */
describe('the demo standard', () => {
  const url = otherTestDatabaseUrl(`${new URL(TEST_DATABASE_URL).pathname.slice(1)}_demo_standard`);
  let ds: DataSource;
  let standard: StandardEntity;
  beforeAll(async () => {
    await prepareDatabase(url);
    ds = await openTestDataSource(url);
    const { standardId } = await seedDemo(ds, 'vnfil-demo');
    standard = await ds.getRepository(StandardEntity).findOneOrFail({
      where: { id: standardId },
      relations: { awardingBody: true, learningOutcomes: { criteria: true } },
      order: { learningOutcomes: { position: 'ASC' } },
    });
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
  });

  it('passes the micro-credential check with its body ceiling', async () => {
    const spec = await ds.getRepository(MicroCredentialSpecEntity).findOneByOrFail({ standardId: standard.id });
    const body = await ds.getRepository(AwardingBodyEntity).findOneByOrFail({ id: standard.awardingBodyId });
    const result = microCredentialConformance(
      {
        learningOutcomes: standard.learningOutcomes!.map((o) => ({ code: o.code, criteriaCount: o.criteria!.length })),
        workloadHours: standard.workloadHours,
        credits: Number(standard.credits),
        creditSystem: standard.creditSystem,
        spec: { fullQualification: spec.fullQualification, standaloneValue: spec.standaloneValue, typeOfQualityAssurance: spec.typeOfQualityAssurance, accreditation: spec.accreditation },
      },
      { ects: Number(body.microCredentialMaxEcts), hours: body.microCredentialMaxHours },
    );
    expect(result).toEqual({ conforms: true, failures: [] });
  });

  it('is assessed by portfolio and by an interview that assesses one outcome, and is aligned to ESCO and the NQF', () => {
    expect(standard.assessmentMethods.map((m) => m.type)).toEqual([AssessmentMethodType.Portfolio, AssessmentMethodType.Interview]);
    expect(standard.learningOutcomes!.filter((o) => o.assessmentMethods.includes('INT')).map((o) => o.code)).toEqual(['LO3']);
    expect(standard.alignments.map((a) => a.kind)).toEqual([AlignmentKind.EscoOccupation, AlignmentKind.NqfLevel]);
    expect(standard.alignments[0]).toEqual(DEMO_ESCO.dataAnalyst);
    expect(standard.learningOutcomes!.flatMap((o) => o.alignments.map((a) => a.kind))).toEqual([AlignmentKind.EscoSkill, AlignmentKind.EscoSkill, AlignmentKind.EscoSkill]);
    expect(standard.languages).toEqual(['en']);
  });
});
