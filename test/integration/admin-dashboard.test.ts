import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AssessmentPurpose, CaseOutcome, CaseStage, CaseStatus, DecisionResult, Role } from '../../libs/domain';
import type { AssignmentStatus } from '../../libs/domain';
import { CaseAssessorEntity, CaseEntity, DecisionEntity } from '../../libs/persistence/entities';
import type { StandardEntity, UserEntity } from '../../libs/persistence/entities';
import { DashboardRepository } from '../../apps/api/src/portal/admin/dashboard.repository';
import { AdminDashboardService } from '../../apps/api/src/portal/admin/dashboard.service';
import type { Actor } from '../../apps/api/src/common/decorators';
import { factories } from '../factories';
import { openTestDataSource } from '../support/database';

const DAY = 86_400_000;
const T0 = new Date('2027-01-04T09:00:00.123Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

/**
 * The admin dashboard's figures against a known set of cases on real PostgreSQL: counts by stage, the pass rate
 * from the decisions that stand, median days per stage, the assessors' load, the late cases, and the export's
 * pages (newest first, none skipped or repeated, ties at the same microsecond broken by id). Another body's cases
 * never count.
 */
describe('the admin dashboard figures (PostgreSQL)', () => {
  let ds: DataSource;
  let service: AdminDashboardService;
  let admin: Actor;
  let standard: StandardEntity;
  let assessorX: UserEntity;
  let assessorY: UserEntity;

  interface Plan {
    status: CaseStatus;
    stage: CaseStage;
    outcome?: CaseOutcome;
    days: { doc?: number; assess?: number; cert?: number; decided?: number; closed?: number };
    createdAt?: Date;
    assessmentDueAt?: Date;
    evidenceDueAt?: Date;
  }

  async function makeCase(std: StandardEntity, plan: Plan): Promise<string> {
    const d = plan.days;
    // one open case per candidate and standard: each case its own candidate
    const candidate = await factories(ds).user(Role.Candidate);
    const row = await ds.getRepository(CaseEntity).save({
      candidateId: candidate.id,
      standardId: std.id,
      awardingBodyId: std.awardingBodyId,
      status: plan.status,
      stage: plan.stage,
      outcome: plan.outcome ?? null,
      workflowId: `case-${randomUUID()}`,
      documentationStartedAt: d.doc === undefined ? null : at(d.doc),
      assessmentStartedAt: d.assess === undefined ? null : at(d.assess),
      certificationStartedAt: d.cert === undefined ? null : at(d.cert),
      submittedAt: d.doc === undefined ? null : at(d.doc),
      decidedAt: d.decided === undefined ? null : at(d.decided),
      closedAt: d.closed === undefined ? null : at(d.closed),
      assessmentDueAt: plan.assessmentDueAt ?? null,
      evidenceDueAt: plan.evidenceDueAt ?? null,
    });
    await ds.query('UPDATE validation_case SET created_at = $2 WHERE id = $1', [row.id, plan.createdAt ?? T0]);
    return row.id;
  }

  async function assign(caseId: string, assessor: UserEntity, status: AssignmentStatus): Promise<void> {
    await ds.getRepository(CaseAssessorEntity).save({
      caseId,
      assessorId: assessor.id,
      purpose: AssessmentPurpose.Assessment,
      round: 1,
      status,
      assignedAt: at(3),
      endedAt: status === 'active' ? null : at(12),
    });
  }

  async function decide(caseId: string, sequence: number, result: DecisionResult, revoked = false): Promise<void> {
    await ds.getRepository(DecisionEntity).save({
      caseId,
      sequence,
      result,
      reason: 'as judged',
      decidedBy: admin.id,
      decidedAt: at(10 + sequence),
      revokedAt: revoked ? at(11 + sequence) : null,
      revokedBy: revoked ? admin.id : null,
      revocationReason: revoked ? 'a clerical mistake' : null,
    });
  }

  beforeAll(async () => {
    ds = await openTestDataSource();
    service = new AdminDashboardService(new DashboardRepository(ds));
    const make = factories(ds);
    const body = await make.body({}, `Dashboard body ${randomUUID().slice(0, 6)}`);
    const other = await make.body({}, `Other body ${randomUUID().slice(0, 6)}`);
    standard = await make.standard(body.id);
    const otherStandard = await make.standard(other.id);
    const adminUser = await make.user(Role.BodyAdmin, body.id);
    admin = { id: adminUser.id, email: adminUser.email, displayName: adminUser.displayName, role: Role.BodyAdmin, awardingBodyId: body.id } as Actor;
    assessorX = await make.user(Role.Assessor, body.id, 'Xavier Assessor');
    assessorY = await make.user(Role.Assessor, body.id, 'Yvonne Assessor');
    const inactive = await make.user(Role.Assessor, body.id, 'Zora Gone');
    await ds.query('UPDATE app_user SET active = false WHERE id = $1', [inactive.id]);

    const awarded = await makeCase(standard, { status: CaseStatus.Awarded, stage: CaseStage.Certification, days: { doc: 2, assess: 5, cert: 15, decided: 16 } });
    await assign(awarded, assessorX, 'completed');
    await decide(awarded, 1, DecisionResult.Awarded);
    const notAwarded = await makeCase(standard, { status: CaseStatus.NotAwarded, stage: CaseStage.Certification, days: { doc: 4, assess: 6, cert: 10, decided: 13 } });
    await decide(notAwarded, 1, DecisionResult.Awarded, true);
    await decide(notAwarded, 2, DecisionResult.NotAwarded);
    const closed = await makeCase(standard, {
      status: CaseStatus.Closed,
      stage: CaseStage.Certification,
      outcome: CaseOutcome.PartiallyAwarded,
      days: { doc: 1, assess: 3, cert: 9, decided: 10, closed: 40 },
    });
    await decide(closed, 1, DecisionResult.PartiallyAwarded);
    // the same microsecond as the first three: the export's pages break the tie by id
    const late = await makeCase(standard, {
      status: CaseStatus.UnderAssessment,
      stage: CaseStage.Assessment,
      days: { doc: 1, assess: 2 },
      assessmentDueAt: new Date(Date.now() - DAY),
      createdAt: at(1),
    });
    await assign(late, assessorX, 'active');
    await makeCase(standard, { status: CaseStatus.Draft, stage: CaseStage.Identification, days: {}, createdAt: at(2) });
    await makeCase(standard, { status: CaseStatus.EvidenceRequested, stage: CaseStage.Documentation, days: { doc: 3 }, evidenceDueAt: new Date(Date.now() + 5 * DAY), createdAt: at(3) });
    const elsewhere = await makeCase(otherStandard, { status: CaseStatus.Awarded, stage: CaseStage.Certification, days: { doc: 1, assess: 2, cert: 3, decided: 4 } });
    await decide(elsewhere, 1, DecisionResult.NotAwarded);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('counts the cases by stage, the pass rate of the decisions that stand, the medians, the load and the late cases', async () => {
    const figures = await service.figures(admin);
    expect(figures.total).toBe(6);
    expect(figures.open).toBe(5);
    expect(figures.byStage).toEqual([
      { stage: CaseStage.Identification, count: 1 },
      { stage: CaseStage.Documentation, count: 1 },
      { stage: CaseStage.Assessment, count: 1 },
      { stage: CaseStage.Certification, count: 3 },
    ]);
    // awarded and partially awarded pass; the revoked award on the second case does not count
    expect(figures.decided).toBe(3);
    expect(figures.passed).toBe(2);
    expect(figures.passRate).toBeCloseTo(2 / 3);
    // identification 2, 4, 1, 0, 0 days; documentation 3, 2, 2, 1; assessment 10, 4, 6; certification 1, 3, 1
    expect(figures.medianDays).toEqual([
      { stage: CaseStage.Identification, days: 1 },
      { stage: CaseStage.Documentation, days: 2 },
      { stage: CaseStage.Assessment, days: 6 },
      { stage: CaseStage.Certification, days: 1 },
    ]);
    expect(figures.assessorLoad).toEqual([
      { id: assessorX.id, displayName: 'Xavier Assessor', activeAssignments: 1 },
      { id: assessorY.id, displayName: 'Yvonne Assessor', activeAssignments: 0 },
    ]);
    expect(figures.overdue).toBe(1);
    expect(figures.assessmentOverdue).toBe(1);
  });

  it('exports every case of the body once, newest first, page by page', async () => {
    const pages = [];
    for await (const page of service.exportRows(admin, 2)) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    const rows = pages.flat();
    expect(new Set(rows.map((r) => r.id)).size).toBe(6);
    expect(rows.slice(0, 3).map((r) => r.status)).toEqual([CaseStatus.EvidenceRequested, CaseStatus.Draft, CaseStatus.UnderAssessment]);
    expect(rows.find((r) => r.status === CaseStatus.UnderAssessment)).toMatchObject({ assessor: 'Xavier Assessor', standardCode: standard.code, outcome: null });
    expect(rows.find((r) => r.status === CaseStatus.NotAwarded)!.outcome).toBe(DecisionResult.NotAwarded);
    expect(rows.find((r) => r.status === CaseStatus.Closed)!.outcome).toBe(CaseOutcome.PartiallyAwarded);
    const tied = rows.slice(3).map((r) => r.id);
    expect(tied).toEqual([...tied].sort().reverse());
  });

  it('is for body admins only', async () => {
    await expect(service.figures({ ...admin, role: Role.Assessor })).rejects.toMatchObject({ status: 403 });
  });
});
