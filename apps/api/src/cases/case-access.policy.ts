import { AssessmentPurpose, Role } from '../../../../libs/domain';
import type { AssignmentStatus } from '../../../../libs/domain';

/**
 * Who reads a case, as the access and view rules see them (docs/access.md, docs/visibility.md). Every read of a
 * case (its detail, timeline, evidence) is shaped by this one value, so the rules live here and nowhere else.
 */
export enum ViewerKind {
  Candidate = 'candidate',
  /** An assessor holding the case (an active assignment for a first assessment or an appeal). */
  Holder = 'holder',
  /** An assessor holding the case for moderation. */
  Moderator = 'moderator',
  /** An assessor whose every assignment on the case ended (reassigned after the SLA, completed, withdrawn, lapsed). */
  PastAssessor = 'past_assessor',
  BodyAdmin = 'body_admin',
}

export interface CaseViewer {
  kind: ViewerKind;
  actorId: string;
  /** The case's candidate (a viewer sees the candidate's own steps as theirs). */
  candidateId: string;
  /** For a past assessor, when their last assignment ended: what the case gained later is not theirs to see. */
  until: Date | null;
}

export interface AccessFacts {
  actor: { id: string; role: Role; awardingBodyId: string | null };
  kase: { candidateId: string; awardingBodyId: string };
  /** The actor's assignments on the case (assessors only). */
  assignments: readonly { status: AssignmentStatus; purpose: AssessmentPurpose; endedAt: Date | null }[];
  /** Whether the actor declared a conflict of interest with the case's candidate. */
  conflicted: boolean;
}

/**
 * Who the actor is to the case, or null when the case does not exist for them (answered 404). A declared conflict
 * of interest ends an assessor's access to every case of that candidate at once, whatever their assignments say.
 */
export function viewerOf(facts: AccessFacts): CaseViewer | null {
  const { actor, kase } = facts;
  const viewer = (kind: ViewerKind, until: Date | null = null): CaseViewer => ({ kind, actorId: actor.id, candidateId: kase.candidateId, until });
  switch (actor.role) {
    case Role.Candidate:
      return kase.candidateId === actor.id ? viewer(ViewerKind.Candidate) : null;
    case Role.BodyAdmin:
      return actor.awardingBodyId && kase.awardingBodyId === actor.awardingBodyId ? viewer(ViewerKind.BodyAdmin) : null;
    case Role.Assessor: {
      if (kase.awardingBodyId !== actor.awardingBodyId || facts.conflicted) return null;
      if (facts.assignments.some((a) => a.status === 'conflict')) return null;
      const active = facts.assignments.find((a) => a.status === 'active');
      if (active) return viewer(active.purpose === AssessmentPurpose.Moderation ? ViewerKind.Moderator : ViewerKind.Holder);
      const ends = facts.assignments.map((a) => a.endedAt?.getTime() ?? 0);
      if (!ends.length) return null;
      return viewer(ViewerKind.PastAssessor, new Date(Math.max(...ends)));
    }
    default:
      return null;
  }
}

/** Whether the viewer may act on the case (beyond reading it): anyone who sees it, except a past assessor. */
export function mayAct(viewer: CaseViewer): boolean {
  return viewer.kind !== ViewerKind.PastAssessor;
}

/** A past assessor sees the case as it stood when their assignment ended: nothing the case gained after. */
export function visibleAt(viewer: CaseViewer, at: Date): boolean {
  return !viewer.until || at.getTime() <= viewer.until.getTime();
}

export const isAssessorViewer = (viewer: CaseViewer) =>
  viewer.kind === ViewerKind.Holder || viewer.kind === ViewerKind.Moderator || viewer.kind === ViewerKind.PastAssessor;

/** Whether the reader is told which assessor did something: body admins always, an assessor when it was themselves (never the candidate). */
export function showsAssessor(viewer: CaseViewer, assessorId: string): boolean {
  return viewer.kind === ViewerKind.BodyAdmin || (viewer.kind !== ViewerKind.Candidate && viewer.actorId === assessorId);
}
