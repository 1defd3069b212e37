import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CaseStatus } from '../../libs/domain';
import {
  AssessmentEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  CredentialEntity,
  DecisionEntity,
  NotificationEntity,
} from '../../libs/persistence/entities';
import { caseWorkflowId } from '../../workflows/ids';
import { activitiesInFlight, activityOutcome, historiesOfAllRuns, holdTableLock, lockWaiters } from './support/faults';
import type { ActivityInFlight } from './support/faults';
import { eventually } from './support/system';
import type { ApiUser, RunningSystem } from './support/system';
import { allMet, AWARD_PATH, pdfBytes, prepareAndSubmit, reach, startRunningWorld } from './support/world';
import type { RunningWorld, World } from './support/world';

jest.setTimeout(300_000);

const CASES = 20;
const ASSESSORS = 4;
/**
 * When the worker is killed, as shares of all the transitions of all the cases: one random moment in each band,
 * so the kills fall on different steps every run while the actors keep going.
 */
const KILL_BANDS: [number, number][] = [
  [0.1, 0.3],
  [0.4, 0.55],
  [0.6, 0.75],
];
/** A kill counts only if the activities of at least this many cases are provably in flight. */
const CASES_IN_FLIGHT = 3;
/**
 * The activities that insert into case_event, so the test's lock holds every attempt of them in flight; counted
 * only when the worker about to be killed runs them (a killed worker's attempts stay STARTED until they time out).
 */
const HELD_BY_THE_LOCK = ['recordStep', 'openCase'];

interface Kill {
  moment: number;
  temporalKilled: boolean;
  inFlight: ActivityInFlight[];
  waitingOnLock: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('durability: the worker killed while activities are in flight (and once the Temporal server) loses no case and duplicates nothing', () => {
  let running: RunningWorld;
  let system: RunningSystem;
  let ds: DataSource;
  let world: World;
  let client: Client;

  beforeAll(async () => {
    running = await startRunningWorld({ assessors: ASSESSORS, candidates: CASES });
    ({ system, ds, world } = running);
    client = await system.client();
  });

  afterAll(async () => {
    await running?.stop();
  });

  /** Transitions written so far in the cases of this test's candidates: the clock the kills are set on. */
  async function progress(): Promise<number> {
    const rows: { n: string }[] = await ds.query(
      `SELECT count(*) AS n FROM case_event e JOIN validation_case c ON c.id = e.case_id
        WHERE c.candidate_id = ANY($1) AND e.from_status IS DISTINCT FROM e.to_status`,
      [world.candidates.map((c) => c.id)],
    );
    return Number(rows[0]!.n);
  }

  /**
   * One case from start to award, by its people as careful clients: every step carries an Idempotency-Key and is
   * sent again (same key) on a 503 or no answer, a 202 is followed to its result; each waits for its turn by
   * reading the case, as a person would.
   */
  async function actors(candidate: ApiUser, index: number, caseIds: string[]): Promise<void> {
    const { id: caseId } = await candidate.ok<{ id: string }>('POST', '/cases', { standardId: world.standard.id });
    caseIds[index] = caseId;
    await prepareAndSubmit(candidate, world.standard, caseId, pdfBytes(`case ${index}`));
    await reach(candidate, caseId, CaseStatus.AssessorAssigned, 150_000, 1_000);
    const holder = await ds.getRepository(CaseAssessorEntity).findOneByOrFail({ caseId, status: 'active' });
    const assessor = world.assessors.find((a) => a.id === holder.assessorId)!;
    await assessor.ok('POST', `/cases/${caseId}/assessment/accept`);
    await assessor.ok('POST', `/cases/${caseId}/assessments`, allMet(world.standard));
    await reach(world.admin, caseId, CaseStatus.AwaitingDecision, 150_000, 1_000);
    const outcomeIds = world.standard.learningOutcomes!.map((o) => o.id);
    await world.admin.ok('POST', `/cases/${caseId}/decision`, { result: 'awarded', recognisedOutcomeIds: outcomeIds, reason: 'Every outcome met.' });
    await reach(candidate, caseId, CaseStatus.Awarded, 150_000, 1_000);
  }

  /**
   * Holds a lock every step's event insert needs, waits until the activities of several cases are running (and
   * blocked on it), then SIGKILLs the worker (and the Temporal server when asked) with them in flight, releases
   * the lock (the dead worker's transactions roll back) and starts a new worker.
   */
  async function killWithActivitiesInFlight(caseIds: string[], moment: number, withTemporal: boolean): Promise<Kill> {
    const lock = await holdTableLock(system.databaseUrl, 'case_event');
    let inFlight: ActivityInFlight[];
    let waitingOnLock: number;
    try {
      inFlight = await eventually(
        `activities of ${CASES_IN_FLIGHT} cases in flight`,
        async () => {
          const found = (await Promise.all(caseIds.filter(Boolean).map((id) => activitiesInFlight(client, caseWorkflowId(id))))).flat();
          const held = found.filter((a) => HELD_BY_THE_LOCK.includes(a.activityType) && a.worker === system.workerIdentity);
          return new Set(held.map((a) => a.workflowId)).size >= CASES_IN_FLIGHT ? held : undefined;
        },
        60_000,
        500,
      );
      waitingOnLock = await lockWaiters(ds, 'case_event');
      await system.killWorker('SIGKILL');
      if (withTemporal) await system.temporal.stop('SIGKILL');
    } finally {
      await lock.release();
    }
    if (withTemporal) await system.temporal.restart();
    system.startWorker();
    return { moment, temporalKilled: withTemporal, inFlight, waitingOnLock };
  }

  it('finishes every case after SIGKILLs with activities in flight, with one of each record', async () => {
    const started = Date.now();
    const total = CASES * AWARD_PATH.length;
    const moments = KILL_BANDS.map(([low, high]) => Math.round(total * (low + Math.random() * (high - low))));
    const temporalRound = Math.floor(Math.random() * KILL_BANDS.length);
    const caseIds: string[] = new Array<string>(CASES);

    const cases = Promise.all(world.candidates.map((candidate, i) => actors(candidate, i, caseIds)));
    let actorsDone = false;
    const watched = cases.finally(() => (actorsDone = true));
    watched.catch(() => undefined); // awaited below, after the kills
    const kills: Kill[] = [];
    for (const [round, moment] of moments.entries()) {
      while (!actorsDone && (await progress()) < moment) await sleep(500);
      if (actorsDone) break;
      kills.push(await killWithActivitiesInFlight(caseIds, moment, round === temporalRound));
    }
    await watched;

    for (const [i, kill] of kills.entries()) {
      const byType = kill.inFlight.reduce<Record<string, number>>((n, a) => ({ ...n, [a.activityType]: (n[a.activityType] ?? 0) + 1 }), {});
      console.log(
        `kill ${i + 1} at ${kill.moment}/${total} transitions${kill.temporalKilled ? ' (and the Temporal server)' : ''}: ` +
          `${kill.inFlight.length} activities in flight in ${new Set(kill.inFlight.map((a) => a.workflowId)).size} cases ` +
          `${JSON.stringify(byType)}, ${kill.waitingOnLock} PostgreSQL sessions waiting on the lock`,
      );
    }
    console.log(`${CASES} cases awarded in ${Math.round((Date.now() - started) / 1000)} s`);
    expect(kills).toHaveLength(KILL_BANDS.length);
    expect(kills.filter((k) => k.temporalKilled)).toHaveLength(1);

    // Every attempt running at a kill died with the worker: each of those activities was finished by a later attempt.
    const unfinished: unknown[] = [];
    for (const a of kills.flatMap((k) => k.inFlight)) {
      const run = (await historiesOfAllRuns(client, a.workflowId)).find((r) => r.runId === a.runId);
      const outcome = run ? activityOutcome(run, a.activityId) : null;
      if (outcome?.type !== 'completed' || outcome.attempt <= a.attempt) unfinished.push({ ...a, outcome });
    }
    expect(unfinished).toEqual([]);

    // Every run of every case handed over to the next (continue-as-new) but the one still waiting for an appeal.
    for (const caseId of caseIds) {
      const runs = await historiesOfAllRuns(client, caseWorkflowId(caseId));
      const ends = runs.slice(0, -1).map((r) => Object.keys(r.events.at(-1) ?? {}).find((k) => k.startsWith('workflowExecution')));
      expect(ends.every((end) => end === 'workflowExecutionContinuedAsNewEventAttributes')).toBe(true);
      expect((await client.workflow.getHandle(caseWorkflowId(caseId)).describe()).status.name).toBe('RUNNING');
    }

    const rows = await ds.getRepository(CaseEntity).findBy({ id: In(caseIds) });
    expect(rows.map((r) => r.status)).toEqual(caseIds.map(() => CaseStatus.Awarded));
    for (const caseId of caseIds) {
      expect(await ds.getRepository(CaseAssessorEntity).countBy({ caseId })).toBe(1);
      expect(await ds.getRepository(AssessmentEntity).countBy({ caseId })).toBe(1);
      expect(await ds.getRepository(DecisionEntity).countBy({ caseId })).toBe(1);
      expect(await ds.getRepository(CredentialEntity).countBy({ caseId })).toBe(1);
      const events = await ds.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
      expect(events.filter((e) => e.fromStatus !== e.toStatus).map((e) => e.toStatus)).toEqual(AWARD_PATH);
      expect(events.filter((e) => e.type === 'process_restarted')).toEqual([]);
    }

    // No message twice: neither under one key nor the same message of a case to one person under two keys.
    const twice: unknown[] = await ds.query(
      `SELECT case_id, template, recipient_user_id, count(*) AS n, count(DISTINCT key) AS keys FROM notification
        WHERE case_id = ANY($1) GROUP BY case_id, template, recipient_user_id HAVING count(*) > 1`,
      [caseIds],
    );
    expect(twice).toEqual([]);
    expect(await ds.getRepository(NotificationEntity).countBy({ caseId: In(caseIds), template: 'decision-made' })).toBe(CASES);
    const stepKeys: { n: string; keys: string }[] = await ds.query(
      `SELECT count(*) AS n, count(DISTINCT (case_id, key)) AS keys FROM case_step WHERE case_id = ANY($1)`,
      [caseIds],
    );
    expect(Number(stepKeys[0]!.keys)).toBe(Number(stepKeys[0]!.n));
  });
});
