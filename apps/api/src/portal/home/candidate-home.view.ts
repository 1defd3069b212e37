import { CaseStatus } from '../../../../../libs/domain';
import type { CaseSummaryResponse } from '../../cases/dto/case.response';
import { CREDENTIAL_GUIDED, credentialStanding, daysLeft } from '../candidate/candidate-case.view';
import type { CredentialStanding, CredentialStatusFields } from '../candidate/candidate-case.view';

/** One case on the candidate's home page: where it is, what to do now, and the deadline that runs, if any. */
export interface HomeCaseView {
  path: string;
  standardTitle: string;
  statusKey: string;
  nowKey: string;
  updatedAt: string;
  deadline: { key: string; at: string; daysLeft: number } | null;
  /** The case's credential, when the awarding body suspended or revoked it: since when and why. */
  credential: CredentialStanding | null;
}

/**
 * A case of the home page from its summary (the list the JSON API gives the candidate). The deadline shown is the
 * candidate's own, the one that ends something if they do nothing: answering an evidence request, appealing a
 * decision, reopening a lapsed draft (its deadline is not in the summary: the caller reads it). A credential the
 * case awarded that the body suspended or revoked is said, and what to do now is no longer to share it. Pure.
 */
export function homeCaseView(c: CaseSummaryResponse, now: Date, reopenDeadline: string | null = null, credential: CredentialStatusFields | null = null): HomeCaseView {
  const standing = credential ? credentialStanding(credential) : null;
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
    nowKey: standing && CREDENTIAL_GUIDED.has(c.status) ? standing.nowKey : `candidate.guidance.${c.status}.now`,
    updatedAt: c.decidedAt ?? c.submittedAt ?? c.createdAt,
    deadline: due?.at ? { key: due.key, at: due.at, daysLeft: daysLeft(due.at, now) } : null,
    credential: standing,
  };
}
