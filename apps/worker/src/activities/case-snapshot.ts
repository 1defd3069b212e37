import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { AssessmentPurpose, CaseStatus, outcomesAssessedBy, PENDING_SESSION_STATUSES, resolveProcessSettings, SESSIONS_MISSED_BEFORE_RULE, SessionStatus, shareMet } from '../../../../libs/domain';
import type { OutcomeCriteria } from '../../../../libs/domain';
import { DEFAULT_TIME_ZONE, formatDeadline } from '../../../../libs/calendar';
import {
  AssessmentEntity,
  AssessmentSessionEntity,
  AwardingBodyEntity,
  CaseAssessorEntity,
  CaseEntity,
  CaseEventEntity,
  CredentialEntity,
  DecisionEntity,
  StandardEntity,
} from '../../../../libs/persistence/entities';
import type { CaseContext, CaseDeadlines, CaseSnapshot, DeadlineWords } from '../../../../workflows/activities';
import type { PendingSession, SessionsState } from '../../../../workflows/types';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Each deadline as people read it, in the body's zone: the workflow states deadlines with these words. */
export function wordDeadlines(deadlines: CaseDeadlines, timeZone: string): DeadlineWords {
  const word = (at: string | null) => (at ? formatDeadline(at, timeZone) : null);
  return {
    evidenceDueAt: word(deadlines.evidenceDueAt),
    assessmentDueAt: word(deadlines.assessmentDueAt),
    appealDeadline: word(deadlines.appealDeadline),
    reopenDeadline: word(deadlines.reopenDeadline),
  };
}

export async function loadStandard(em: EntityManager, standardId: string): Promise<StandardEntity> {
  return em.findOneOrFail(StandardEntity, {
    where: { id: standardId },
    relations: { learningOutcomes: { criteria: true } },
    order: { learningOutcomes: { position: 'ASC', criteria: { position: 'ASC' } } },
  });
}

export function outcomeCriteria(standard: StandardEntity): OutcomeCriteria[] {
  return (standard.learningOutcomes ?? []).map((o) => ({ learningOutcomeId: o.id, criterionIds: (o.criteria ?? []).map((c) => c.id) }));
}

/** Who the case belongs to, its outcomes and criteria, the resolved process settings and the body's time zone. */
export async function caseContext(em: EntityManager, kase: CaseEntity): Promise<CaseContext> {
  const body = await em.findOneByOrFail(AwardingBodyEntity, { id: kase.awardingBodyId });
  const standard = await loadStandard(em, kase.standardId);
  return {
    caseId: kase.id,
    candidateId: kase.candidateId,
    awardingBodyId: kase.awardingBodyId,
    standardId: kase.standardId,
    standardTitle: standard.title,
    learningOutcomes: outcomeCriteria(standard),
    settings: resolveProcessSettings(body.settings, standard.settings),
    timeZone: body.timeZone || DEFAULT_TIME_ZONE,
    assessmentMethods: (standard.assessmentMethods ?? []).map((m) => ({
      code: m.code,
      type: m.type,
      learningOutcomeIds: outcomesAssessedBy(m.code, standard.learningOutcomes ?? []),
    })),
  };
}

/** The case's sessions as its process follows them: the one to take place (its time worded in its own zone) and counts. */
export async function readSessions(em: EntityManager, caseId: string): Promise<SessionsState> {
  const rows = await em.find(AssessmentSessionEntity, { where: { caseId }, order: { sequence: 'ASC' } });
  const count = (status: SessionStatus) => rows.filter((r) => r.status === status).length;
  const row = rows.find((r) => PENDING_SESSION_STATUSES.includes(r.status));
  const pending: PendingSession | null = row
    ? {
        id: row.id,
        sequence: row.sequence,
        assessorId: row.assessorId,
        methodCode: row.methodCode,
        methodType: row.methodType,
        status: row.status as PendingSession['status'],
        startsAt: row.startsAt.toISOString(),
        endsAt: new Date(row.startsAt.getTime() + row.durationMinutes * 60_000).toISOString(),
        // in the zone it was chosen in, the candidate's, as the candidate was told
        when: formatDeadline(row.startsAt, row.timeZone),
        reminded: !!row.remindedAt,
      }
    : null;
  const missed = count(SessionStatus.CandidateAbsent);
  return {
    pending,
    proposed: rows.reduce((n, r) => Math.max(n, r.sequence), 0),
    held: count(SessionStatus.Held),
    missed,
    rescheduled: count(SessionStatus.RescheduleRequested),
    // past the misses allowed, a case still open is one the body's rule left to be assessed on the portfolio
    portfolioOnly: missed > SESSIONS_MISSED_BEFORE_RULE,
  };
}

/** What every step needs of the case besides its row: the standard's title for messages, the body's time zone for deadlines. */
export async function stepContext(em: EntityManager, kase: CaseEntity): Promise<StepContext> {
  const rows: { title: string; time_zone: string }[] = await em.query(
    `SELECT s.title, b.time_zone FROM standard s JOIN awarding_body b ON b.id = s.awarding_body_id WHERE s.id = $1`,
    [kase.standardId],
  );
  return { standardTitle: rows[0].title, timeZone: rows[0].time_zone || DEFAULT_TIME_ZONE };
}

export type StepContext = Pick<CaseContext, 'standardTitle' | 'timeZone'>;

/**
 * Where a case stands, from its row, its event log and its records: everything a new run of its workflow
 * needs to go on (see CaseSnapshot). Each fact comes from the record that is authoritative for it.
 */
export async function readSnapshot(em: EntityManager, kase: CaseEntity): Promise<CaseSnapshot> {
  const caseId = kase.id;
  const events = em.getRepository(CaseEventEntity);
  const lastTransition = await events.findOne({ where: { caseId, type: 'transition' }, order: { seq: 'DESC' } });
  const statusData = { ...(lastTransition?.data ?? {}) };
  const assignments = await em.find(CaseAssessorEntity, { where: { caseId }, order: { assignedAt: 'ASC', round: 'ASC' } });
  const active = assignments.find((a) => a.status === 'active') ?? null;
  const rounds = { [AssessmentPurpose.Assessment]: 0, [AssessmentPurpose.Moderation]: 0, [AssessmentPurpose.Appeal]: 0 };
  for (const a of assignments) rounds[a.purpose] = Math.max(rounds[a.purpose], a.round);
  const latest = await em.findOne(AssessmentEntity, { where: { caseId }, relations: { judgements: true }, order: { recordedAt: 'DESC', round: 'DESC' } });
  const decisions = await em.find(DecisionEntity, { where: { caseId }, order: { sequence: 'DESC' } });
  const standingDecision = decisions.find((d) => !d.revokedAt) ?? null;
  const credential = await em.findOneBy(CredentialEntity, { caseId, revokedAt: IsNull() });
  const has = (where: string, params: unknown[]): Promise<boolean> =>
    em.query(`SELECT EXISTS (SELECT 1 FROM case_event WHERE case_id = $1 AND ${where}) AS found`, [caseId, ...params]).then((r: { found: boolean }[]) => r[0].found);

  // The reminder of the SLA now running names the due date it reminded of; one written before reminders did
  // (no dueAt) counts when it reminded the current holder during their assignment.
  const remindedOfCurrentSla = async (): Promise<boolean> =>
    !!kase.assessmentDueAt &&
    (await has(
      `type = 'assessor_reminder' AND (data->>'dueAt' = $2 OR (data->>'dueAt' IS NULL AND data->>'assessorId' = $3 AND occurred_at >= $4))`,
      [kase.assessmentDueAt.toISOString(), active?.assessorId ?? null, active?.assignedAt ?? null],
    ));

  const context = await caseContext(em, kase);
  const deadlines: CaseDeadlines = {
    evidenceDueAt: iso(kase.evidenceDueAt),
    assessmentDueAt: iso(kase.assessmentDueAt),
    appealDeadline: iso(kase.appealDeadline),
    reopenDeadline: iso(kase.reopenDeadline),
  };

  return {
    context,
    status: kase.status,
    stage: kase.stage,
    outcome: kase.outcome,
    attention:
      kase.status === CaseStatus.NeedsAttention
        ? { reason: kase.attentionReason ?? 'unknown fault', resumeStatus: (statusData.resumeStatus as CaseStatus | undefined) ?? lastTransition?.fromStatus ?? CaseStatus.Draft }
        : null,
    statusData,
    deadlines,
    deadlineWords: wordDeadlines(deadlines, context.timeZone),
    assessorReminded: await remindedOfCurrentSla(),
    reopened: await has(`type = 'transition' AND from_status = 'lapsed' AND to_status = 'draft'`, []),
    appealed: await has(`type = 'transition' AND to_status = 'appealed'`, []),
    admitted:
      kase.status === CaseStatus.AwaitingAdmissibility &&
      (await has(`type = 'admissibility_decided' AND (data->>'admissible')::boolean AND seq > $2`, [lastTransition?.seq ?? 0])),
    assignment: active ? { purpose: active.purpose, round: active.round, assessorId: active.assessorId } : null,
    rounds,
    pastAssessorIds: [...new Set(assignments.map((a) => a.assessorId))],
    standing: latest
      ? {
          assessmentId: latest.id,
          assessorId: latest.assessorId,
          purpose: latest.purpose,
          round: latest.round,
          recommendation: latest.recommendation,
          recognisedOutcomeIds: latest.recognisedOutcomeIds,
          shareMet: shareMet(latest.judgements ?? []),
        }
      : null,
    decisionSequence: decisions[0]?.sequence ?? 0,
    decision: standingDecision ? { sequence: standingDecision.sequence, result: standingDecision.result } : null,
    credentialActive: !!credential,
    sessions: await readSessions(em, caseId),
    conflictedAssessorIds: (
      (await em.query(`SELECT assessor_id FROM conflict_of_interest WHERE candidate_id = $1 ORDER BY assessor_id`, [kase.candidateId])) as { assessor_id: string }[]
    ).map((r) => r.assessor_id),
  };
}
