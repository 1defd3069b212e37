import type { DataSource } from 'typeorm';
import { CaseStatus } from '../../libs/domain';
import { CaseAssessorEntity, CredentialEntity } from '../../libs/persistence/entities';
import type { StandardEntity } from '../../libs/persistence/entities';
import { factories } from '../factories';
import { ApiUser, eventually } from './support/system';
import type { RunningSystem } from './support/system';
import { allMet, pdfBytes, prepareAndSubmit, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(300_000);

type Check = { check: string; outcome: string; reason: string };
type CredentialItem = { id: string; kind: string; qualificationId: string | null; caseId: string | null; status: string };
type Progress = { qualificationId: string; met: boolean; credentialId: string | null; components: { standardId: string; met: boolean }[] };

/**
 * A qualification of two micro-credentials, completed through the real process (API and worker as processes,
 * PostgreSQL, Temporal): the candidate is awarded both, the two decisions sent at the same moment, and the
 * qualification's credential is issued once, by the worker, and verifies for anyone.
 */
describe('qualifications: issued once through the case process, verifiable by anyone', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;
  let second: StandardEntity;
  let qualificationId: string;
  let caseIds: string[];

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: 1, candidates: 1 });
    ({ system, ds, world } = running);
    second = await factories(ds).standard(world.standard.awardingBodyId);
    const defined = await world.admin.request<{ id: string }>('POST', '/qualifications', {
      code: 'CERT-ONLINE',
      title: 'Certificate in Online Facilitation',
      eqfLevel: 5,
      rule: 'all_of',
      componentStandardIds: [world.standard.id, second.id],
      published: true,
    });
    expect(defined.status).toBe(201);
    qualificationId = defined.body.id;

    const candidate = world.candidates[0]!;
    const standards = [world.standard, second];
    caseIds = [];
    for (const standard of standards) {
      const { id } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: standard.id });
      await prepareAndSubmit(candidate, standard, id, pdfBytes(`portfolio of ${id}`));
      caseIds.push(id);
    }
    await reach(candidate, caseIds, CaseStatus.AssessorAssigned);
    for (const [i, caseId] of caseIds.entries()) {
      const holder = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
      const assessor = world.assessors.find((a) => a.id === holder.assessorId)!;
      await assessor.ok('POST', `/cases/${caseId}/assessment/accept`);
      await assessor.ok('POST', `/cases/${caseId}/assessments`, allMet(standards[i]!));
    }
    await reach(candidate, caseIds, CaseStatus.AwaitingDecision);
    // both awards at the same moment: either may be the one that completes the qualification
    await Promise.all(
      caseIds.map((caseId, i) =>
        world.admin.ok('POST', `/cases/${caseId}/decision`, {
          result: 'awarded',
          recognisedOutcomeIds: standards[i]!.learningOutcomes!.map((o) => o.id),
          reason: 'All learning outcomes evidenced and assessed as met.',
        }),
      ),
    );
    await reach(candidate, caseIds, CaseStatus.Awarded);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('issues the qualification once, in the step of one of the two awards, and lists it to its holder', async () => {
    const candidate = world.candidates[0]!;
    const items = await eventually(
      'the qualification credential to be listed',
      async () => {
        const list = await candidate.ok<{ items: CredentialItem[] }>('GET', '/credentials');
        return list.items.some((i) => i.kind === 'qualification') ? list.items : undefined;
      },
      60_000,
      250,
    );
    expect(items.map((i) => i.kind).sort()).toEqual(['micro-credential', 'micro-credential', 'qualification']);
    const qualification = items.find((i) => i.kind === 'qualification')!;
    expect(qualification).toMatchObject({ qualificationId, caseId: null, status: 'active' });
    expect(await ds.getRepository(CredentialEntity).countBy({ qualificationId })).toBe(1);
    const events = await ds.query(`SELECT case_id, data->>'credentialId' AS credential FROM case_event WHERE type = 'qualification_issued' AND case_id = ANY($1::uuid[])`, [caseIds]);
    expect(events).toEqual([{ case_id: expect.any(String), credential: qualification.id }]);

    const progress = await candidate.ok<{ items: Progress[] }>('GET', '/qualifications/progress');
    expect(progress.items).toEqual([expect.objectContaining({ qualificationId, met: true, credentialId: qualification.id })]);
    expect(progress.items[0]!.components.every((c) => c.met)).toBe(true);
  });

  it('verifies the qualification credential for anyone, as an Open Badges 3.0 Certificate in both proof formats', async () => {
    const candidate = world.candidates[0]!;
    const row = await ds.getRepository(CredentialEntity).findOneByOrFail({ qualificationId });
    const openBadge = await candidate.ok<{ credentialSubject: { achievement: { achievementType: string; name: string } } }>('GET', `/credentials/${row.id}/open-badge.json`);
    expect(openBadge.credentialSubject.achievement).toMatchObject({ achievementType: 'Certificate', name: 'Certificate in Online Facilitation' });
    const anonymous = new ApiUser(system.baseUrl, '', '');
    const verified = await anonymous.request<{ verified: boolean; checks: Check[] }>('POST', '/verify', { credential: openBadge });
    expect(verified.status).toBe(200);
    expect(verified.body.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(verified.body.verified).toBe(true);
    const jwt = (await candidate.request<string>('GET', `/credentials/${row.id}/credential.jwt`)).body;
    expect((await anonymous.request<{ verified: boolean }>('POST', '/verify', { credential: jwt })).body.verified).toBe(true);
  });
});
