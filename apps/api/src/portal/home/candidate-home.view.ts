import { CaseStatus } from '../../../../../libs/domain';
import type { CaseSummaryResponse } from '../../cases/dto/case.response';
import { daysLeft } from '../candidate/candidate-case.view';

/** One case on the candidate's home page: where it is, what to do now, and the deadline that runs, if any. */
export interface HomeCaseView {
  path: string;
  standardTitle: string;
  statusKey: string;
  nowKey: string;
  updatedAt: string;
  deadline: { key: string; at: string; daysLeft: number } | null;
}

/**
 * A case of the home page from its summary (the list the JSON API gives the candidate). The deadline shown is the
 * candidate's own, the one that ends something if they do nothing: answering an evidence request, appealing a
 * decision, reopening a lapsed draft (its deadline is not in the summary: the caller reads it). Pure.
 */
export function homeCaseView(c: CaseSummaryResponse, now: Date, reopenDeadline: string | null = null): HomeCaseView {
  const running = (at: string | null) => (at && Date.parse(at) > now.getTime() ? at : null);
  const due =
    c.status === CaseStatus.EvidenceRequested
      ? { key: 'home.deadline.evidence', at: running(c.evidenceDueAt) }
      : c.status === CaseStatus.NotAwarded
        ? { key: 'home.deadline.appeal', at: running(c.appealDeadline) }
        : c.status === CaseStatus.Lapsed
          ? { key: 'home.deadline.reopen', at: running(reopenDeadline) }
          : null;
  return {
    path: `/portal/cases/${c.id}`,
    standardTitle: c.standard.title,
    statusKey: `status.${c.status}`,
    nowKey: `candidate.guidance.${c.status}.now`,
    updatedAt: c.decidedAt ?? c.submittedAt ?? c.createdAt,
    deadline: due?.at ? { key: due.key, at: due.at, daysLeft: daysLeft(due.at, now) } : null,
  };
}
