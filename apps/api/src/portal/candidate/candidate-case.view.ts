import { CaseStatus, DecisionResult, outcomesWithoutEvidence, SelfAssessmentLevel } from '../../../../../libs/domain';
import type { CaseDetailResponse, CaseEventResponse } from '../../cases/dto/case.response';
import { VC_API_REASON } from '../../credentials/dto/credential.response';

/** Statuses in which the candidate changes the portfolio (the process takes evidence then). */
const EDITABLE = new Set<CaseStatus>([CaseStatus.Draft, CaseStatus.EvidenceRequested]);

/** One learning outcome on the candidate's case page: what it asks, what they said of it, what backs it. */
export interface OutcomeView {
  id: string;
  code: string;
  description: string;
  criteria: { code: string; description: string }[];
  level: string;
  statement: string;
  levels: { value: string; key: string; selected: boolean }[];
  evidenceCount: number;
  lacksEvidence: boolean;
}

export interface EvidenceView {
  id: string;
  title: string;
  kindKey: string;
  outcomeCodes: string;
  downloadPath: string | null;
  url: string | null;
  attestorName: string | null;
}

export interface CandidateCaseView {
  id: string;
  standardTitle: string;
  standardId: string;
  bodyName: string;
  status: CaseStatus;
  statusKey: string;
  nowKey: string;
  nextKey: string;
  editable: boolean;
  outcomes: OutcomeView[];
  evidence: EvidenceView[];
  /** Codes of the outcomes no evidence backs yet (the case cannot be submitted until none is left). */
  lacking: string[];
  lackingCodes: string;
  evidenceRequest: { message: string | null; aboutCodes: string; dueAt: string; daysLeft: number } | null;
  decision: { resultKey: string; reason: string; decidedAt: string } | null;
  feedback: { code: string; description: string; recognised: boolean; criteria: { code: string; resultKey: string; comment: string | null }[] }[];
  appeal: { until: string } | null;
  /** A lapsed case the candidate may still reopen (once), until then. */
  reopen: { until: string; daysLeft: number } | null;
  credential: { id: string; title: string; issuedAt: string; validUntil: string | null; standing: CredentialStanding | null; shareable: boolean } | null;
  timeline: { occurredAt: string; statusKey: string; message: string | null }[];
  canWithdraw: boolean;
}

/** Statuses whose guidance is about the credential the case awarded (to download it and share it). */
export const CREDENTIAL_GUIDED = new Set<CaseStatus>([CaseStatus.Awarded, CaseStatus.Closed]);

/** What the holder's pages say of a credential the awarding body suspended or revoked: since when, and why. */
export interface CredentialStanding {
  state: 'suspended' | 'revoked';
  /** "This credential was suspended by … on" (the date follows). */
  saidKey: string;
  at: string;
  /** The admin's words; null when none was given (a change through the VC API records no reason of theirs). */
  reason: string | null;
  /** What to do now and next, in place of the case's own guidance (which says to download and share it). */
  nowKey: string;
  nextKey: string;
}

/** What a credential's standing is read from (the case detail's credential, or CredentialResponseItem). */
export interface CredentialStatusFields {
  revokedAt: string | null;
  revocationReason: string | null;
  suspendedAt: string | null;
  suspensionReason: string | null;
}

/** A suspended or revoked credential's standing (revoked wins: it is for good), or null while it is in force. Pure. */
export function credentialStanding(c: CredentialStatusFields): CredentialStanding | null {
  const at = c.revokedAt ?? c.suspendedAt;
  if (!at) return null;
  const state = c.revokedAt ? 'revoked' : 'suspended';
  const reason = (c.revokedAt ? c.revocationReason : c.suspensionReason)?.trim() || null;
  return {
    state,
    saidKey: `candidate.credential.${state}`,
    at,
    reason: reason === VC_API_REASON ? null : reason,
    nowKey: `candidate.credentialGuidance.${state}.now`,
    nextKey: `candidate.credentialGuidance.${state}.next`,
  };
}

/** Whole days from `now` until `at`, rounded up: "3 days left" on the morning of a deadline three days on. */
export function daysLeft(at: string, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(at) - now.getTime()) / 86_400_000));
}

/** What the renewal offer needs of a credential (CredentialResponseItem). */
export interface RenewableCredential {
  id: string;
  caseId: string | null;
  title: string;
  validUntil: string | null;
  status: string;
  signed: boolean;
}

export interface RenewalOffer {
  credentialId: string;
  caseId: string;
  title: string;
  validUntil: string;
  expired: boolean;
  daysLeft: number;
}

/**
 * Whether to offer the holder to renew a credential (RenewalService's rules): awarded on a case, signed, neither
 * revoked nor suspended, and expired or expiring within the days the expiry reminder is sent before the end of
 * its validity. Not while its own case is still open (awarded, in its appeal window): renewal opens a new case on
 * the standard, and one case per standard may be open. Pure.
 */
export function renewalOffer(c: RenewableCredential, caseOpen: boolean, now: Date, reminderDays: number): RenewalOffer | null {
  if (!c.caseId || !c.validUntil || !c.signed || caseOpen) return null;
  if (c.status !== 'active' && c.status !== 'expired') return null;
  const until = Date.parse(c.validUntil);
  if (until - now.getTime() > reminderDays * 86_400_000) return null;
  return { credentialId: c.id, caseId: c.caseId, title: c.title, validUntil: c.validUntil, expired: until <= now.getTime(), daysLeft: daysLeft(c.validUntil, now) };
}

/**
 * The candidate's case page from the case as the API shows it to them (access and visibility already applied:
 * never an assessor's recommendation before the decision, docs/visibility.md) and their timeline. Pure.
 */
export function candidateCaseView(detail: CaseDetailResponse, events: CaseEventResponse[], now: Date): CandidateCaseView {
  const status = detail.state.status;
  const evidenceOf = (outcomeId: string) => detail.evidence.filter((e) => e.learningOutcomeIds.includes(outcomeId)).length;
  const codeOf = new Map(detail.standard.learningOutcomes.map((o) => [o.id, o.code]));
  const outcomes = detail.standard.learningOutcomes.map((o) => {
    const said = detail.selfAssessment.find((s) => s.learningOutcomeId === o.id);
    const level = said?.level ?? '';
    return {
      id: o.id,
      code: o.code,
      description: o.description,
      criteria: o.criteria.map((c) => ({ code: c.code, description: c.description })),
      level,
      statement: said?.statement ?? '',
      levels: Object.values(SelfAssessmentLevel).map((value) => ({ value, key: `candidate.levels.${value}`, selected: value === level })),
      evidenceCount: evidenceOf(o.id),
      lacksEvidence: evidenceOf(o.id) === 0,
    };
  });
  const lacking = outcomesWithoutEvidence(
    outcomes.map((o) => o.id),
    detail.evidence,
  ).map((id) => codeOf.get(id) ?? id);
  const request = [...events].reverse().find((e) => e.toStatus === CaseStatus.EvidenceRequested);
  const standingDecision = detail.decisions.filter((d) => !d.revokedAt).at(-1) ?? null;
  const appealUntil = detail.state.appealDeadline;
  const standing = detail.credential ? credentialStanding(detail.credential) : null;
  // an awarded case's guidance is to download the credential and share it: not one the body suspended or revoked
  const guidance = CREDENTIAL_GUIDED.has(status) ? standing : null;
  const reopenUntil = detail.state.reopenDeadline;
  const appealable = standingDecision !== null && standingDecision.result !== DecisionResult.Awarded && appealUntil !== null && Date.parse(appealUntil) > now.getTime();
  return {
    id: detail.id,
    standardTitle: detail.standard.title,
    standardId: detail.standard.id,
    bodyName: detail.standard.awardingBody.name,
    status,
    statusKey: `status.${status}`,
    nowKey: guidance?.nowKey ?? `candidate.guidance.${status}.now`,
    nextKey: guidance?.nextKey ?? `candidate.guidance.${status}.next`,
    editable: EDITABLE.has(status),
    outcomes,
    evidence: detail.evidence.map((e) => ({
      id: e.id,
      title: e.title,
      kindKey: `candidate.evidenceKinds.${e.kind}`,
      outcomeCodes: e.learningOutcomeIds.map((id) => codeOf.get(id) ?? '').filter(Boolean).join(', '),
      downloadPath: e.downloadPath,
      url: e.url,
      attestorName: e.attestorName,
    })),
    lacking,
    lackingCodes: lacking.join(', '),
    evidenceRequest:
      status === CaseStatus.EvidenceRequested && detail.state.evidenceDueAt
        ? {
            // the assessor's own words when an assessor asked; the screening's request names the outcomes (lacking)
            message: typeof request?.data.assessorMessage === 'string' ? request.data.assessorMessage : null,
            // the learning outcomes the request is about (a screening's request is about those lacking evidence)
            aboutCodes: (Array.isArray(request?.data.learningOutcomeIds) ? (request.data.learningOutcomeIds as string[]) : [])
              .map((id) => codeOf.get(id))
              .filter((code): code is string => !!code)
              .join(', '),
            dueAt: detail.state.evidenceDueAt,
            daysLeft: daysLeft(detail.state.evidenceDueAt, now),
          }
        : null,
    decision: standingDecision ? { resultKey: `candidate.decision.${standingDecision.result}`, reason: standingDecision.reason, decidedAt: standingDecision.decidedAt } : null,
    feedback: detail.feedback.map((f) => ({
      code: f.code,
      description: detail.standard.learningOutcomes.find((o) => o.id === f.learningOutcomeId)?.description ?? '',
      recognised: f.recognised,
      criteria: f.criteria.map((c) => ({ code: c.code, resultKey: `candidate.results.${c.result}`, comment: c.comment })),
    })),
    appeal: appealable ? { until: appealUntil } : null,
    reopen: status === CaseStatus.Lapsed && reopenUntil && Date.parse(reopenUntil) > now.getTime() ? { until: reopenUntil, daysLeft: daysLeft(reopenUntil, now) } : null,
    credential: detail.credential
      ? {
          id: detail.credential.id,
          title: detail.credential.title,
          issuedAt: detail.credential.issuedAt,
          validUntil: detail.credential.validUntil,
          standing,
          shareable: standing === null,
        }
      : null,
    timeline: events.map((e) => ({
      occurredAt: e.occurredAt,
      statusKey: `status.${e.toStatus}`,
      message: typeof e.data.assessorMessage === 'string' ? e.data.assessorMessage : null,
    })),
    canWithdraw: !detail.decidedAt && ![CaseStatus.Withdrawn, CaseStatus.Closed, CaseStatus.Lapsed].includes(status),
  };
}
