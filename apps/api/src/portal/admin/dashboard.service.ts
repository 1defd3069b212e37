import { Injectable } from '@nestjs/common';
import { CaseStage, Role } from '../../../../../libs/domain';
import { AuthError } from '../../auth/auth.errors';
import type { Actor } from '../../common/decorators';
import { DashboardRepository } from './dashboard.repository';
import type { CaseExportRow } from './dashboard.repository';

export const STAGES: readonly CaseStage[] = [CaseStage.Identification, CaseStage.Documentation, CaseStage.Assessment, CaseStage.Certification];

/** The awarding body's figures, as its dashboard shows them. */
export interface DashboardFigures {
  total: number;
  open: number;
  byStage: { stage: CaseStage; count: number }[];
  /** Share of decided cases whose standing decision awards (fully or partly), 0..1; null before any decision. */
  passRate: number | null;
  decided: number;
  passed: number;
  /** Median days spent in each stage by the cases that finished it, one decimal; null when none did. */
  medianDays: { stage: CaseStage; days: number | null }[];
  assessorLoad: { id: string; displayName: string; activeAssignments: number }[];
  /** Open cases whose next deadline has passed, and those of them whose assessment is late (the assessor's SLA). */
  overdue: number;
  assessmentOverdue: number;
}

/** Rows the export reads at once: the file streams page by page, never the whole body in memory. */
export const EXPORT_PAGE_SIZE = 500;

/** A body admin's view of their body as a whole; only their own body, and only for admins. */
@Injectable()
export class AdminDashboardService {
  constructor(private readonly repo: DashboardRepository) {}

  async figures(actor: Actor): Promise<DashboardFigures> {
    const bodyId = bodyOf(actor);
    const rows = await this.repo.figures(bodyId);
    const count = new Map(rows.stages.map((s) => [s.stage, s.count]));
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return {
      total: rows.totals.total,
      open: rows.totals.open,
      byStage: STAGES.map((stage) => ({ stage, count: count.get(stage) ?? 0 })),
      decided: rows.decisions.decided,
      passed: rows.decisions.passed,
      passRate: rows.decisions.decided ? rows.decisions.passed / rows.decisions.decided : null,
      medianDays: STAGES.map((stage) => ({ stage, days: round(rows.medianDays[stage]) })),
      assessorLoad: rows.assessors,
      overdue: rows.totals.overdue,
      assessmentOverdue: rows.totals.assessmentOverdue,
    };
  }

  /** The body's active assessors with the assignments each holds now. */
  assessorLoad(actor: Actor): Promise<{ id: string; displayName: string; activeAssignments: number }[]> {
    return this.repo.activeAssessorLoad(bodyOf(actor));
  }

  /** The body's cases for export, newest first, one page at a time. */
  async *exportRows(actor: Actor, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<CaseExportRow[]> {
    const bodyId = bodyOf(actor);
    let after: { cursorAt: string; id: string } | null = null;
    for (;;) {
      const page = await this.repo.exportPage(bodyId, pageSize, after);
      if (page.length) yield page;
      if (page.length < pageSize) return;
      const last = page[page.length - 1]!;
      after = { cursorAt: last.cursorAt, id: last.id };
    }
  }
}

function bodyOf(actor: Actor): string {
  if (actor.role !== Role.BodyAdmin) throw AuthError.roleRequired([Role.BodyAdmin], actor.role);
  if (!actor.awardingBodyId) throw AuthError.roleRequired([Role.BodyAdmin], actor.role);
  return actor.awardingBodyId;
}
