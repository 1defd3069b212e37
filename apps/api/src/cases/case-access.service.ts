import { Injectable } from '@nestjs/common';
import { isFinal, Role } from '../../../../libs/domain';
import type { CaseAssessorEntity, CaseEntity } from '../../../../libs/persistence/entities';
import type { Actor } from '../common/decorators';
import { CaseError } from './cases.errors';
import { mayAct, viewerOf } from './case-access.policy';
import type { CaseViewer } from './case-access.policy';
import { CasesRepository } from './cases.repository';

export interface CaseAccess {
  kase: CaseEntity;
  /** Who the actor is to the case; every read of it is shaped by this (case-access.policy.ts). */
  viewer: CaseViewer;
  /** The assessor's active assignment on the case, when the actor is an assessor holding one. */
  activeAssignment: CaseAssessorEntity | null;
}

/**
 * Who may see and act on a case, checked before anything else (the rules are in case-access.policy.ts and
 * docs/access.md). A candidate sees their own cases, an assessor the cases they hold or held (acting only while the
 * assignment is active, and never again once they declared a conflict of interest with the candidate), an admin
 * their body's cases. Any other case answers 404, exactly like a case that does not exist.
 */
@Injectable()
export class CaseAccessService {
  constructor(private readonly repo: CasesRepository) {}

  /** `withStandard`: the case comes with its standard and awarding body (the case detail), in the same query. */
  async view(actor: Actor, caseId: string, opts: { withStandard?: boolean } = {}): Promise<CaseAccess> {
    const kase = await (opts.withStandard ? this.repo.findCaseWithStandard(caseId) : this.repo.findCase(caseId));
    if (!kase) throw CaseError.notFound();
    const assessor = actor.role === Role.Assessor && kase.awardingBodyId === actor.awardingBodyId;
    const [assignments, conflicted] = assessor
      ? await Promise.all([this.repo.assignmentsOf(caseId, actor.id), this.repo.conflictDeclared(actor.id, kase.candidateId)])
      : [[], false];
    const viewer = viewerOf({ actor: { id: actor.id, role: actor.role, awardingBodyId: actor.awardingBodyId ?? null }, kase, assignments, conflicted });
    if (!viewer) throw CaseError.notFound();
    return { kase, viewer, activeAssignment: assignments.find((a) => a.status === 'active') ?? null };
  }

  /** As view, and an assessor must hold an active assignment to act. */
  async act(actor: Actor, caseId: string): Promise<CaseAccess> {
    const access = await this.view(actor, caseId);
    if (!mayAct(access.viewer)) throw CaseError.notAssigned();
    return access;
  }

  /**
   * As act, for a step sent to the case's process: a case that has ended (withdrawn, closed) is refused from its
   * row, in words, before the process is asked (it is no longer running). Reads never come here.
   */
  async step(actor: Actor, caseId: string): Promise<CaseAccess> {
    const access = await this.view(actor, caseId);
    if (isFinal(access.kase.status)) throw CaseError.ended(access.kase.status);
    if (actor.role === Role.Assessor && !access.activeAssignment) throw CaseError.notAssigned();
    return access;
  }

  /** Learning outcome ids that are not in the case's standard, as a problem sentence, or none. */
  async outcomeProblems(standardId: string, ids: string[], field: string): Promise<string[]> {
    const known = new Set((await this.repo.outcomesOfStandard(standardId)).map((o) => o.id));
    const unknown = [...new Set(ids.filter((id) => !known.has(id)))];
    const problems = unknown.length ? [`${field} has learning outcomes that are not in this case's standard: ${unknown.join(', ')}`] : [];
    if (new Set(ids).size !== ids.length) problems.push(`${field} lists a learning outcome twice`);
    return problems;
  }
}
