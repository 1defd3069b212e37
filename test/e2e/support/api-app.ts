import type { NestExpressApplication } from '@nestjs/platform-express';
import { Connection } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../../apps/api/src/app';
import { loadConfig } from '../../../libs/config/config';
import type { AppConfig } from '../../../libs/config/config';
import { CaseRecordsActivities } from '../../../apps/worker/src/activities';
import { issueSignedCredential, microCredentialIssuance } from '../../../apps/worker/src/activities/credential-issuer';
import { AssessmentPurpose, CaseOutcome, CaseStatus, DecisionResult, FINAL_STATUSES, Role } from '../../../libs/domain';
import type { AssignmentStatus } from '../../../libs/persistence/entities';
import { AwardingBodyEntity, CaseAssessorEntity, CaseEntity, CaseEventEntity, DecisionEntity, StandardEntity, UserEntity } from '../../../libs/persistence/entities';
import { restartCaseWorkflow, temporalClient, untilConnected } from '../../../libs/temporal/temporal';
import { factories, microCredentialElements, TEST_PASSWORD } from '../../factories';
import { openTestDataSource, TEST_DATABASE_URL } from '../../support/database';
import { TemporalDevServer } from '../../support/temporal-server';
import { InProcessWorker } from './in-process-worker';
import { conformanceChecker, ConformanceLog, watchServer } from './response-conformance';
import type { ApiDocument } from './response-conformance';

/** Uploads above this are refused in the tests (the smallest limit the configuration allows is 1 KiB). */
export const TEST_MAX_UPLOAD_BYTES = 64 * 1024;
/** Recordings may be larger than documents; in the tests, four times. */
export const TEST_MAX_RECORDING_BYTES = 256 * 1024;
/** Every case's evidence files together; the tests reach it on a case of their own. */
export const TEST_CASE_QUOTA_BYTES = 1024 * 1024;

export interface SignedIn {
  user: UserEntity;
  token: string;
  auth: { Authorization: string };
}

/** One awarding body with its people and a published standard (2 outcomes x 2 criteria). */
export interface BodyWorld {
  bodyId: string;
  admin: SignedIn;
  assessor: SignedIn;
  otherAssessor: SignedIn;
  standard: StandardEntity;
}

/**
 * The real API pipeline (createApp, as main.ts builds it) against the test database and a real Temporal dev
 * server. Unless asked for a worker, no worker polls the task queue, so workflows started here stay RUNNING
 * without executing, and cases are drafted as their workflow's first step would write them.
 */
export class ApiTestContext {
  private worker: InProcessWorker | null = null;

  private constructor(
    readonly app: NestExpressApplication,
    readonly ds: DataSource,
    readonly temporal: TemporalDevServer,
    readonly client: Client,
    readonly config: AppConfig,
    private readonly ownsTemporal: boolean,
    /** Every answer of the app, checked against its OpenAPI document; a violation fails the suite at close. */
    readonly conformance: ConformanceLog,
  ) {}

  /**
   * `env` adds settings (the abuse limits, CORS, PUBLIC_URL); `temporal` shares a dev server between the
   * contexts of one test file (its owner disposes it).
   */
  static async start(options: { worker?: boolean; env?: Record<string, string>; temporal?: TemporalDevServer } = {}): Promise<ApiTestContext> {
    const temporal = options.temporal ?? (await TemporalDevServer.start());
    const storageDir = mkdtempSync(join(tmpdir(), 'vnfil-api-storage-'));
    const config = loadConfig({
      DATABASE_URL: TEST_DATABASE_URL,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: `api-test-${randomUUID()}`,
      STORAGE_DIR: storageDir,
      MAX_UPLOAD_BYTES: String(TEST_MAX_UPLOAD_BYTES),
      MAX_RECORDING_UPLOAD_BYTES: String(TEST_MAX_RECORDING_BYTES),
      CASE_STORAGE_QUOTA_BYTES: String(TEST_CASE_QUOTA_BYTES),
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      // one test file signs in far more often than a person does; the abuse-limit tests set their own
      AUTH_RATE_LIMIT_PER_IP: '100000',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '10000',
      ...options.env,
    });
    const app = await createApp({ config });
    // ahead of every route and middleware, so answers given before routing are checked too
    let conformance: ConformanceLog | null = null;
    watchServer(app.getHttpServer(), (exchange) => conformance?.observe(exchange));
    await app.init();
    const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as ApiDocument;
    conformance = new ConformanceLog(conformanceChecker(doc));
    const ds = await openTestDataSource();
    const connection = await untilConnected(() => Connection.connect({ address: temporal.address }));
    const ctx = new ApiTestContext(app, ds, temporal, temporalClient(connection, config.temporal), config, !options.temporal, conformance);
    if (options.worker) ctx.worker = await InProcessWorker.start({ address: temporal.address, taskQueue: config.temporal.taskQueue, ds });
    return ctx;
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get make() {
    return factories(this.ds);
  }

  async close(): Promise<void> {
    await this.worker?.stop();
    await this.app.close();
    await this.client.connection.close();
    await this.ds.destroy();
    if (this.ownsTemporal) await this.temporal.dispose();
    rmSync(this.config.storage.dir, { recursive: true, force: true });
    this.conformance.assertConforms();
  }

  /** One page of a list route (GET answers { items, nextCursor }); the status must be 200. */
  async page<T>(who: SignedIn, path: string): Promise<{ items: T[]; nextCursor: string | null }> {
    return (await this.http.get(path).set(who.auth).expect(200)).body as { items: T[]; nextCursor: string | null };
  }

  /** Every item of a list route, following nextCursor to the end (`limit` per page). */
  async all<T>(who: SignedIn, path: string, limit = 100): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.page<T>(who, `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  async login(user: UserEntity): Promise<SignedIn> {
    const res = await this.http.post('/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const token = (res.body as { token: string }).token;
    return { user, token, auth: { Authorization: `Bearer ${token}` } };
  }

  async user(role: Role, bodyId: string | null = null): Promise<SignedIn> {
    return this.login(await this.make.user(role, bodyId));
  }

  async body(): Promise<BodyWorld> {
    const body = await this.make.body();
    return {
      bodyId: body.id,
      admin: await this.user(Role.BodyAdmin, body.id),
      assessor: await this.user(Role.Assessor, body.id),
      otherAssessor: await this.user(Role.Assessor, body.id),
      standard: await this.make.standard(body.id),
    };
  }

  /**
   * A draft case: through the API when a worker runs; otherwise as the workflow's first step writes it (the row
   * and its case_created event), with its workflow started on the queue no worker polls.
   */
  async draftCase(candidate: SignedIn, standardId: string): Promise<string> {
    if (this.worker) {
      const res = await this.http.post('/cases').set(candidate.auth).send({ standardId }).expect(201);
      return (res.body as { id: string }).id;
    }
    const standard = await this.ds.getRepository(StandardEntity).findOneByOrFail({ id: standardId });
    const id = randomUUID();
    await this.ds.getRepository(CaseEntity).insert({ id, candidateId: candidate.user.id, standardId, awardingBodyId: standard.awardingBodyId, workflowId: `case-${id}` });
    await this.addEvent(id, 'test/0#0', null, CaseStatus.Draft, 'case started by the candidate', 'case_created', candidate.user.id);
    await restartCaseWorkflow(this.client, this.config.temporal.taskQueue, id);
    return id;
  }

  // What the worker's activities would write; no worker runs in the API tests.

  async assign(caseId: string, assessorId: string, status: AssignmentStatus = 'active', round = 1): Promise<void> {
    await this.ds.getRepository(CaseAssessorEntity).insert({
      caseId,
      assessorId,
      purpose: AssessmentPurpose.Assessment,
      round,
      status,
      assignedAt: new Date(),
      endedAt: status === 'active' ? null : new Date(),
    });
  }

  /** As recordTransition writes it: an ended case (withdrawn, closed) gets its closed_at and an outcome, others none. */
  async setStatus(caseId: string, status: CaseStatus, outcome: CaseOutcome = CaseOutcome.Withdrawn): Promise<void> {
    const ended = FINAL_STATUSES.includes(status);
    await this.ds.getRepository(CaseEntity).update({ id: caseId }, { status, closedAt: ended ? new Date() : null, ...(ended ? { outcome } : {}) });
  }

  async addEvent(caseId: string, key: string, from: CaseStatus | null, to: CaseStatus, reason: string, type = 'transition', actorId: string | null = null): Promise<void> {
    await this.ds.getRepository(CaseEventEntity).insert({ caseId, key, type, fromStatus: from, toStatus: to, actorId, reason, data: {}, occurredAt: new Date() });
  }

  /**
   * A signed credential as the worker issues it on an award: an awarding decision on the case (all its outcomes
   * recognised), then the issuance itself. The elements are built here from the standard and its body.
   */
  async issueCredential(caseId: string, decidedBy: string): Promise<string> {
    return this.ds.transaction(async (em) => {
      const kase = await em.findOneByOrFail(CaseEntity, { id: caseId });
      const standard = await em.findOneOrFail(StandardEntity, { where: { id: kase.standardId }, relations: { learningOutcomes: { criteria: true } } });
      const body = await em.findOneByOrFail(AwardingBodyEntity, { id: standard.awardingBodyId });
      const candidate = await em.findOneByOrFail(UserEntity, { id: kase.candidateId });
      const outcomes = standard.learningOutcomes ?? [];
      const at = new Date();
      const decision = await em.insert(DecisionEntity, {
        caseId,
        sequence: 1,
        result: DecisionResult.Awarded,
        reason: 'every learning outcome is evidenced',
        recognisedOutcomeIds: outcomes.map((o) => o.id),
        decidedBy,
        decidedAt: at,
      });
      const elements = microCredentialElements(candidate, standard, body, at);
      const settings = CaseRecordsActivities.settingsFrom(this.config);
      const issuance = await microCredentialIssuance(
        em,
        {
          caseId,
          candidateId: kase.candidateId,
          decisionId: (decision.identifiers[0] as { id: string }).id,
          elements,
          validUntil: null,
          standard,
          recognisedOutcomeIds: new Set(outcomes.map((o) => o.id)),
          at,
          stepKey: `test/${randomUUID()}`,
        },
        settings.publicUrl,
      );
      return issueSignedCredential(em, issuance, settings);
    });
  }

  /** Signals in the workflow's history (recorded by the server even though no worker runs). */
  async signalsOf(caseId: string): Promise<string[]> {
    const history = await this.client.workflow.getHandle(`case-${caseId}`).fetchHistory();
    return (history.events ?? [])
      .map((e) => e.workflowExecutionSignaledEventAttributes?.signalName)
      .filter((name): name is string => typeof name === 'string');
  }
}

/** Minimal files of each kind, with the bytes their types are recognised by. */
export const samples = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  png: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]),
  text: () => Buffer.from('I facilitated twelve online sessions for adult learners in 2024.\nÉvaluations attached.\n', 'utf8'),
  binary: () => Buffer.from([0x00, 0x13, 0x37, 0xfe, 0xed, 0xfa, 0xce, 0x00, 0xff, 0x10]),
};

/** A ZIP archive of stored (uncompressed) entries, enough for an office document's structure. */
export function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const docx = () =>
  zipOf({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships/>',
    'word/document.xml': '<?xml version="1.0"?><w:document/>',
  });
