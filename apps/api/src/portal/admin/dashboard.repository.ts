import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CASE_IS_OPEN, CASE_NEXT_DUE } from '../../cases/cases.repository';

/** What the body's cases add up to, straight from SQL aggregates (see AdminDashboardService). */
export interface DashboardRows {
  stages: { stage: string; count: number }[];
  totals: { total: number; open: number; overdue: number; assessmentOverdue: number };
  /** Median days per stage over the cases that went through it; null when none did. */
  medianDays: { identification: number | null; documentation: number | null; assessment: number | null; certification: number | null };
  decisions: { decided: number; passed: number };
  assessors: { id: string; displayName: string; activeAssignments: number }[];
}

/** One line of the cases export. */
export interface CaseExportRow {
  id: string;
  candidate: string;
  standardCode: string;
  standardTitle: string;
  status: string;
  stage: string;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  closedAt: Date | null;
  assessor: string | null;
  outcome: string | null;
  /** created_at at full precision (microseconds, which a Date would lose), for the next page's keyset. */
  cursorAt: string;
}

const DAYS = (from: string, to: string) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (${to} - ${from})) / 86400)`;

/** The body's figures and its cases for export; every query is scoped to one awarding body. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  async figures(bodyId: string): Promise<DashboardRows> {
    const [stages, totals, decisions, assessors] = await Promise.all([
      this.dataSource.query<{ stage: string; count: number }[]>(
        `SELECT c.stage::text AS stage, count(*)::int AS count FROM validation_case c WHERE c.awarding_body_id = $1 GROUP BY c.stage`,
        [bodyId],
      ),
      this.dataSource.query<Record<string, number | null>[]>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE ${CASE_IS_OPEN})::int AS open,
                count(*) FILTER (WHERE ${CASE_IS_OPEN} AND ${CASE_NEXT_DUE} < now())::int AS overdue,
                count(*) FILTER (WHERE ${CASE_IS_OPEN} AND c.assessment_due_at < now())::int AS assessment_overdue,
                ${DAYS('c.created_at', 'c.documentation_started_at')} AS identification,
                ${DAYS('c.documentation_started_at', 'c.assessment_started_at')} AS documentation,
                ${DAYS('c.assessment_started_at', 'c.certification_started_at')} AS assessment,
                ${DAYS('c.certification_started_at', 'c.decided_at')} AS certification
           FROM validation_case c WHERE c.awarding_body_id = $1`,
        [bodyId],
      ),
      // the decision that stands on each case: its latest one not revoked
      this.dataSource.query<{ decided: number; passed: number }[]>(
        `SELECT count(*)::int AS decided, count(*) FILTER (WHERE s.result IN ('awarded', 'partially_awarded'))::int AS passed
           FROM (SELECT DISTINCT ON (d.case_id) d.result::text AS result
                   FROM decision d JOIN validation_case c ON c.id = d.case_id
                  WHERE c.awarding_body_id = $1 AND d.revoked_at IS NULL
                  ORDER BY d.case_id, d.sequence DESC) s`,
        [bodyId],
      ),
      this.activeAssessorLoad(bodyId),
    ]);
    const t = totals[0] ?? {};
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      stages,
      totals: { total: Number(t.total ?? 0), open: Number(t.open ?? 0), overdue: Number(t.overdue ?? 0), assessmentOverdue: Number(t.assessment_overdue ?? 0) },
      medianDays: { identification: num(t.identification), documentation: num(t.documentation), assessment: num(t.assessment), certification: num(t.certification) },
      decisions: decisions[0] ?? { decided: 0, passed: 0 },
      assessors,
    };
  }

  /** The body's active assessors, by name, with the assignments each holds now. */
  activeAssessorLoad(bodyId: string): Promise<{ id: string; displayName: string; activeAssignments: number }[]> {
    return this.dataSource.query(
      `SELECT u.id, u.display_name AS "displayName", count(ca.id)::int AS "activeAssignments"
         FROM app_user u LEFT JOIN case_assessor ca ON ca.assessor_id = u.id AND ca.status = 'active'
        WHERE u.awarding_body_id = $1 AND u.role = 'assessor' AND u.active
        GROUP BY u.id ORDER BY u.display_name, u.id`,
      [bodyId],
    );
  }

  /**
   * One page of the body's cases for the export, newest first, after `after` (the last row of the previous page):
   * the assessor is the one holding the case now, else the last assigned; the outcome the case's, else the
   * standing decision's.
   */
  exportPage(bodyId: string, limit: number, after: { cursorAt: string; id: string } | null): Promise<CaseExportRow[]> {
    const params: unknown[] = [bodyId, limit];
    let keyset = '';
    if (after) {
      params.push(after.cursorAt, after.id);
      keyset = 'AND (c.created_at, c.id) < ($3::timestamptz, $4::uuid)';
    }
    return this.dataSource.query(
      `SELECT c.id, u.display_name AS candidate, s.code AS "standardCode", s.title AS "standardTitle", c.status::text AS status, c.stage::text AS stage,
              c.created_at AS "createdAt", c.submitted_at AS "submittedAt", c.decided_at AS "decidedAt", c.closed_at AS "closedAt", c.created_at::text AS "cursorAt",
              (SELECT a.display_name FROM case_assessor ca JOIN app_user a ON a.id = ca.assessor_id WHERE ca.case_id = c.id
                ORDER BY (ca.status = 'active') DESC, ca.assigned_at DESC LIMIT 1) AS assessor,
              COALESCE(c.outcome::text, (SELECT d.result::text FROM decision d WHERE d.case_id = c.id AND d.revoked_at IS NULL ORDER BY d.sequence DESC LIMIT 1)) AS outcome
         FROM validation_case c JOIN app_user u ON u.id = c.candidate_id JOIN standard s ON s.id = c.standard_id
        WHERE c.awarding_body_id = $1 ${keyset}
        ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
      params,
    );
  }
}
