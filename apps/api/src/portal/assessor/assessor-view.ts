import { CaseStatus, CriterionResult, EvidenceKind, isFinal, Recommendation, RECOGNITION_STATUSES } from '../../../../../libs/domain';
import type { CaseDetailResponse, CaseEventResponse } from '../../cases/dto/case.response';
import { SESSION_EVENTS } from '../../cases/timeline-view';
import type { EvidenceResponse } from '../../evidence/dto/evidence.response';
import type { QueueItemResponse } from '../../assessor/dto/assessor.response';
import type { FieldError } from '../portal-form';
import { errorsByField } from '../portal-form';

// What the assessor's pages show, built from the services' answers: plain values the (strict, dumb) templates read.

/** An assessment due within this many days is "due soon". */
export const DUE_SOON_DAYS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where an assignment stands against its assessment due date, said in words on the page (never by colour alone). */
export type SlaState = 'onTime' | 'dueSoon' | 'overdue' | 'none';

export function slaState(dueAt: string | null, now: Date): SlaState {
  if (!dueAt) return 'none';
  const left = new Date(dueAt).getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS * DAY_MS ? 'dueSoon' : 'onTime';
}

export function queueRows(items: QueueItemResponse[], now: Date) {
  return items.map((item) => {
    const sla = slaState(item.dueAt, now);
    return {
    caseId: item.caseId,
    candidateName: item.candidateName,
    standardCode: item.standard.code,
    standardTitle: item.standard.title,
    statusKey: `status.${item.status}`,
    toAccept: item.status === CaseStatus.AssessorAssigned,
    dueAt: item.dueAt,
    sla,
    slaKey: `assessor.sla.${sla}`,
    };
  });
}

/** The queue's filter form: the standards and statuses it offers, each marked chosen as the query has it. */
export function queueFilterForm(values: { standardId: string; status: string }, standards: { id: string; code: string; title: string }[], statuses: readonly CaseStatus[]) {
  return {
    standards: standards.map((s) => ({ id: s.id, code: s.code, title: s.title, selected: s.id === values.standardId })),
    statuses: statuses.map((status) => ({ value: status, labelKey: `status.${status}`, selected: status === values.status })),
  };
}

/** A query string of `params` (empty: none), for the queue's paging links. */
export function queuePath(params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return query ? `/portal/assessor?${query}` : '/portal/assessor';
}

/** Events of the log with words of their own; a transition is said by the status it led to. */
const TIMELINE_EVENTS: ReadonlySet<string> = new Set([
  'case_created',
  'admissibility_decided',
  'assessor_reminder',
  'assessment_recorded',
  'assessment_set_aside',
  ...SESSION_EVENTS,
]);

/**
 * The case's timeline as the assessor may read it (CasesService.timeline has already left out what is not theirs
 * and every actor but themselves and the candidate): what happened, where the case went, and who acted.
 */
export function timelineRows(events: readonly CaseEventResponse[], reader: { assessorId: string; candidateId: string }) {
  return events.map((e) => ({
    occurredAt: e.occurredAt,
    eventKey: TIMELINE_EVENTS.has(e.type) ? `assessor.timeline.event.${e.type}` : 'assessor.timeline.event.transition',
    statusKey: `status.${e.toStatus}`,
    whoKey: e.actorId === reader.assessorId ? 'assessor.timeline.by.you' : e.actorId !== null && e.actorId === reader.candidateId ? 'assessor.timeline.by.candidate' : 'assessor.timeline.by.other',
  }));
}

/** Who attested: "by name, organisation:", or "by name:" when the attestor gave no organisation (no stray comma). */
export function attestedByKey(organisation: string | null | undefined): string {
  return organisation?.trim() ? 'assessor.evidence.attestedBy' : 'assessor.evidence.attestedByAlone';
}

/** How the page shows a piece of evidence: inline where the browser can (a photo, a PDF, a recording), else a link. */
export type EvidenceView = 'image' | 'pdf' | 'video' | 'audio' | 'download' | 'link' | 'attestation' | 'credential';

export function evidenceView(e: Pick<EvidenceResponse, 'kind' | 'mediaType' | 'renditionPath'>): EvidenceView {
  if (e.kind === EvidenceKind.Url) return 'link';
  if (e.kind === EvidenceKind.Attestation) return 'attestation';
  if (e.kind === EvidenceKind.Credential) return 'credential';
  const type = e.mediaType ?? '';
  // a phone's HEIC photo is shown from its JPEG rendition; browsers do not draw HEIC
  if (e.renditionPath || ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'download';
}

/** What a form on the case page sent back with mistakes, or a step the process refused. */
export interface CaseFormState {
  form: 'rubric' | 'evidence' | 'conflict' | 'recognition';
  /** The recognition form: which credential's. */
  evidenceId?: string;
  values: Record<string, string>;
  errors: FieldError[];
}

const RESULTS = [CriterionResult.Met, CriterionResult.NotMet, CriterionResult.InsufficientEvidence];
const RECOMMENDATIONS = [Recommendation.Award, Recommendation.PartialAward, Recommendation.NotAward];

/** The radio buttons of one choice: the first carries `field-<name>` (where the error summary leads). */
function choices(name: string, options: readonly string[], chosen: string | undefined, keyPrefix: string) {
  return options.map((value, i) => ({ id: i === 0 ? `field-${name}` : `field-${name}-${value}`, name, value, labelKey: `${keyPrefix}.${value}`, checked: chosen === value }));
}

/** The case page: the standard, the candidate's self-assessment and evidence, and the forms the assessor may use now. */
export function casePage(detail: CaseDetailResponse, assessorId: string, now: Date, state: CaseFormState | null) {
  const holding = detail.assessors.some((a) => a.assessorId === assessorId && a.status === 'active') && !isFinal(detail.status);
  const values = (form: CaseFormState['form']) => (state?.form === form ? state.values : {});
  const errors = (form: CaseFormState['form']) => errorsByField(state?.form === form ? state.errors : []);
  const rubricValues = values('rubric');
  const rubricErrors = errors('rubric');
  const requestValues = values('evidence');
  const codes = new Map(detail.standard.learningOutcomes.map((o) => [o.id, o.code]));
  const descriptions = new Map(detail.standard.learningOutcomes.map((o) => [o.id, o.description]));
  const selfAssessment = new Map(detail.selfAssessment.map((s) => [s.learningOutcomeId, s]));
  const outcomes = detail.standard.learningOutcomes.map((o) => {
    const self = selfAssessment.get(o.id);
    return {
      id: o.id,
      code: o.code,
      description: o.description,
      selfAssessment: self ? { levelKey: `assessor.level.${self.level}`, statement: self.statement } : null,
      criteria: o.criteria.map((c) => ({ id: c.id, code: c.code, description: c.description })),
      // the rubric's rows for this outcome
      rubric: o.criteria.map((c) => ({
        code: c.code,
        description: c.description,
        resultName: `result-${c.id}`,
        commentName: `comment-${c.id}`,
        choices: choices(`result-${c.id}`, RESULTS, rubricValues[`result-${c.id}`], 'assessor.result'),
        comment: rubricValues[`comment-${c.id}`] ?? '',
        resultError: rubricErrors[`result-${c.id}`] ?? null,
        commentError: rubricErrors[`comment-${c.id}`] ?? null,
      })),
      requestBox: { id: `field-outcome-${o.id}`, name: `outcome-${o.id}`, checked: requestValues[`outcome-${o.id}`] === 'yes' },
    };
  });
  // the first box of the evidence request carries field-outcomes too: the summary's link for "choose an outcome"
  if (outcomes[0]) outcomes[0].requestBox.id = 'field-outcomes';
  const sla = holding ? slaState(detail.state.assessmentDueAt, now) : 'none';
  const canRecognise = holding && RECOGNITION_STATUSES.includes(detail.status);
  return {
    caseId: detail.id,
    candidateName: detail.candidateName,
    standardCode: detail.standard.code,
    standardTitle: detail.standard.title,
    statusKey: `status.${detail.status}`,
    dueAt: detail.state.assessmentDueAt,
    sla,
    slaKey: `assessor.sla.${sla}`,
    evidenceDueAt: detail.status === CaseStatus.EvidenceRequested ? detail.state.evidenceDueAt : null,
    holding,
    canAccept: holding && detail.status === CaseStatus.AssessorAssigned,
    canAssess: holding && detail.status === CaseStatus.UnderAssessment,
    outcomes,
    evidence: detail.evidence.map((e) => ({
      id: e.id,
      title: e.title,
      description: e.description,
      view: evidenceView(e),
      kindKey: `assessor.evidence.kind.${e.kind}`,
      outcomeCodes: e.learningOutcomeIds.map((id) => codes.get(id) ?? '').filter(Boolean).join(', '),
      src: e.renditionPath ?? e.downloadPath,
      downloadPath: e.downloadPath,
      originalName: e.originalName ?? e.title,
      mediaType: e.mediaType ?? '',
      url: e.url,
      attestorName: e.attestorName ?? '',
      attestorOrganisation: e.attestorOrganisation ?? '',
      attestedByKey: attestedByKey(e.attestorOrganisation),
      statement: e.statement ?? '',
      verified: e.credential?.verified ?? false,
      addedAt: e.createdAt,
      inlinePath: `/cases/${detail.id}/evidence/${e.id}/inline`,
      recognition: e.kind === EvidenceKind.Credential ? recognitionView(e, codes, descriptions, assessorId, canRecognise, state) : null,
    })),
    assessments: detail.assessments
      .filter((a) => a.assessorId === assessorId)
      .map((a) => ({ recordedAt: a.recordedAt, recommendationKey: `assessor.recommendation.${a.recommendation}`, comment: a.comment })),
    recommendationChoices: choices('recommendation', RECOMMENDATIONS, rubricValues.recommendation, 'assessor.recommendation'),
    rubricComment: rubricValues.comment ?? '',
    rubricErrors,
    request: { message: requestValues.message ?? '', errors: errors('evidence') },
    conflict: { reason: values('conflict').reason ?? '', errors: errors('conflict') },
    errors: state?.errors ?? [],
  };
}

/**
 * A credential's recognitions (the outcomes an assessor accepted it for) and, while the holder assesses the case,
 * the form to recognise it for an outcome it is offered for and not yet recognised for.
 */
function recognitionView(e: EvidenceResponse, codes: Map<string, string>, descriptions: Map<string, string>, assessorId: string, canRecognise: boolean, state: CaseFormState | null) {
  const recognised = new Set(e.recognitions.map((r) => r.learningOutcomeId));
  const mine = state?.form === 'recognition' && state.evidenceId === e.id;
  const values = mine ? state.values : {};
  const errors = errorsByField(mine ? state.errors : []);
  const open = e.learningOutcomeIds.filter((id) => !recognised.has(id));
  return {
    items: e.recognitions.map((r) => ({ code: codes.get(r.learningOutcomeId) ?? '', recognisedAt: r.recognisedAt, byYou: r.assessorId === assessorId, comment: r.comment })),
    form:
      canRecognise && open.length
        ? {
            outcomes: open.map((id, i) => ({
              id: i === 0 ? `field-recognise-${e.id}` : `field-recognise-${e.id}-${id}`,
              value: id,
              code: codes.get(id) ?? '',
              description: descriptions.get(id) ?? '',
              checked: values.learningOutcomeId === id,
            })),
            outcomeAnchor: `field-recognise-${e.id}`,
            commentId: `field-recognise-comment-${e.id}`,
            comment: values.comment ?? '',
            outcomeError: errors.learningOutcomeId ?? null,
            commentError: errors.comment ?? null,
          }
        : null,
  };
}
