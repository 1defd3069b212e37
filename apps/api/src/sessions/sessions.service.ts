import { randomUUID } from 'node:crypto';
import { portalCaseUrl } from '../../../../libs/notifications/outbox';
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { candidateInvitation, DEFAULT_TIME_ZONE, organizerEmail } from '../../../../libs/calendar';
import { DAY_MS, needsSession, outcomesAssessedBy, resolveProcessSettings, SESSION_HORIZON_DAYS, sessionJudgementProblems, SessionStatus } from '../../../../libs/domain';
import type { AssessmentMethodType } from '../../../../libs/domain';
import type { AssessmentSessionEntity, StandardEntity } from '../../../../libs/persistence/entities';
import { answerSessionUpdate, proposeSessionUpdate, recordSessionUpdate } from '../../../../workflows/messages';
import { CaseAccessService } from '../cases/case-access.service';
import { isAssessorViewer, visibleAt } from '../cases/case-access.policy';
import type { CaseViewer } from '../cases/case-access.policy';
import { toUpdateResult } from '../cases/dto/case.response';
import type { UpdateResultResponse } from '../cases/dto/case.response';
import { CaseProcess } from '../common/case-process.service';
import type { Actor } from '../common/decorators';
import { StandardsRepository } from '../standards/standards.repository';
import type { AnswerSessionDto, ProposeSessionDto, RecordSessionDto } from './dto/session.dto';
import { toSession } from './dto/session.response';
import type { SessionListResponse, SessionResponse } from './dto/session.response';
import { SessionError } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';

/** A method of the standard that needs a session, with the learning outcomes it assesses. */
export interface SessionMethod {
  code: string;
  type: AssessmentMethodType;
  description: string;
  learningOutcomeIds: string[];
}

/**
 * What the portal's case pages need to plan and answer sessions: the sessions this viewer sees, the standard's
 * methods that need one, the zone a proposed time is read in (the candidate's), and how many times the candidate
 * may still ask for another time (the body's `sessionRescheduleLimit`, less the times they asked). For the portal's
 * pages; the JSON API's GET /cases/:id/sessions answers the list alone.
 */
export interface SessionOverview extends SessionListResponse {
  methods: SessionMethod[];
  timeZone: string;
  reschedulesLeft: number;
  /** Minutes of notice the body asks for before a session (`sessionNoticeMinutes`). */
  noticeMinutes: number;
}

/** Sessions whose invitation is a cancellation: they will not take place. */
const CALLED_OFF: readonly SessionStatus[] = [SessionStatus.RescheduleRequested, SessionStatus.Postponed, SessionStatus.Cancelled];

/**
 * Assessment sessions of a case: the holder proposes and records them, the candidate answers; every change goes
 * through the case's process (workflows/session.stage.ts), which writes the session rows.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly access: CaseAccessService,
    private readonly process: CaseProcess,
    private readonly repo: SessionsRepository,
    private readonly standards: StandardsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, caseId: string): Promise<SessionListResponse> {
    const { viewer } = await this.access.view(actor, caseId);
    const rows = await this.repo.ofCase(caseId);
    return { items: rows.filter((s) => seenBy(viewer, s)).map((s) => toSession(s, viewer)) };
  }

  async overview(actor: Actor, caseId: string): Promise<SessionOverview> {
    const { kase, viewer } = await this.access.view(actor, caseId);
    const [rows, standard, candidate, body] = await Promise.all([
      this.repo.ofCase(caseId),
      this.standard(kase.standardId),
      this.repo.user(kase.candidateId),
      this.repo.body(kase.awardingBodyId),
    ]);
    const outcomes = standard.learningOutcomes ?? [];
    const methods = standard.assessmentMethods
      .filter((m) => needsSession(m.type))
      .map((m) => ({ code: m.code, type: m.type, description: m.description, learningOutcomeIds: outcomesAssessedBy(m.code, outcomes) }));
    const settings = resolveProcessSettings(body?.settings, standard.settings);
    const asked = rows.filter((s) => s.status === SessionStatus.RescheduleRequested).length;
    return {
      items: rows.filter((s) => seenBy(viewer, s)).map((s) => toSession(s, viewer)),
      methods,
      timeZone: candidate?.timeZone ?? body?.timeZone ?? DEFAULT_TIME_ZONE,
      reschedulesLeft: Math.max(0, settings.sessionRescheduleLimit - asked),
      noticeMinutes: settings.sessionNoticeMinutes,
    };
  }

  /** The holder proposes a session; its time is the candidate's local time unless it names an offset. */
  async propose(actor: Actor, caseId: string, dto: ProposeSessionDto): Promise<SessionResponse> {
    const { kase, viewer } = await this.access.step(actor, caseId);
    if (!dto.location && !dto.onlineUrl) throw SessionError.invalid(['give a location, an onlineUrl, or both']);
    const standard = await this.standard(kase.standardId);
    const method = standard.assessmentMethods.find((m) => m.code === dto.methodCode);
    if (!method || !needsSession(method.type)) {
      const codes = standard.assessmentMethods.filter((m) => needsSession(m.type)).map((m) => m.code);
      throw SessionError.invalid([`methodCode must be one of this standard's methods that need a session: ${codes.join(', ') || 'it has none'}`]);
    }
    const candidate = await this.repo.user(kase.candidateId);
    const body = await this.repo.body(kase.awardingBodyId);
    const timeZone = candidate?.timeZone ?? body?.timeZone ?? DEFAULT_TIME_ZONE;
    const startsAt = instantOf(dto.startsAt, timeZone);
    // what the process checks again with its own clock (and the body's notice), said here as a plain input mistake
    const ahead = Date.parse(startsAt) - Date.now();
    if (ahead <= 0) throw SessionError.invalid(['startsAt must be in the future']);
    if (ahead > SESSION_HORIZON_DAYS * DAY_MS) throw SessionError.invalid([`startsAt must be within ${SESSION_HORIZON_DAYS} days from now`]);
    const id = randomUUID();
    await this.process.update(caseId, proposeSessionUpdate, {
      assessorId: actor.id,
      session: {
        id,
        methodCode: dto.methodCode,
        startsAt,
        durationMinutes: dto.durationMinutes,
        timeZone,
        location: dto.location?.trim() ?? null,
        onlineUrl: dto.onlineUrl ?? null,
        attendees: (dto.attendees ?? []).map((a) => ({ name: a.name.trim(), role: a.role.trim() })),
      },
    });
    return toSession((await this.repo.one(caseId, id))!, viewer);
  }

  async answer(actor: Actor, caseId: string, sessionId: string, dto: AnswerSessionDto): Promise<UpdateResultResponse> {
    await this.access.step(actor, caseId);
    await this.existing(caseId, sessionId);
    if (dto.answer === 'reschedule' && !dto.note?.trim()) throw SessionError.invalid(['note is required to ask for another time: say when you can come']);
    return toUpdateResult(await this.process.update(caseId, answerSessionUpdate, { actorId: actor.id, sessionId, answer: dto.answer, note: dto.note?.trim() ?? '' }));
  }

  async record(actor: Actor, caseId: string, sessionId: string, dto: RecordSessionDto): Promise<UpdateResultResponse> {
    const { kase } = await this.access.step(actor, caseId);
    const session = await this.existing(caseId, sessionId);
    if (dto.outcome === SessionStatus.CandidateAbsent && !dto.note?.trim()) throw SessionError.invalid(['note is required to record the candidate as absent']);
    if (dto.judgements?.length && dto.outcome !== SessionStatus.Held) throw SessionError.invalid(['judgements are recorded only for a session that was held']);
    const standard = await this.standard(kase.standardId);
    const outcomes = new Set(outcomesAssessedBy(session.methodCode, standard.learningOutcomes ?? []));
    const assessed = new Set((standard.learningOutcomes ?? []).filter((o) => outcomes.has(o.id)).flatMap((o) => (o.criteria ?? []).map((c) => c.id)));
    const problems = sessionJudgementProblems(assessed, session.methodCode, dto.judgements ?? []);
    if (problems.length) throw SessionError.invalid(problems);
    const judgements = (dto.judgements ?? []).map((j) => ({ criterionId: j.criterionId, result: j.result, comment: j.comment?.trim() || null }));
    return toUpdateResult(
      await this.process.update(caseId, recordSessionUpdate, { assessorId: actor.id, sessionId, outcome: dto.outcome, note: dto.note?.trim() ?? '', judgements }),
    );
  }

  /**
   * The candidate's calendar invitation (RFC 5545): a REQUEST, or a CANCEL once the session will not take place. In
   * the candidate's language whoever downloads it, as the one sent to them: it is their calendar's event.
   */
  async invitation(actor: Actor, caseId: string, sessionId: string): Promise<{ fileName: string; body: string }> {
    const { kase, viewer } = await this.access.view(actor, caseId, { withStandard: true });
    const session = await this.existing(caseId, sessionId);
    if (!seenBy(viewer, session)) throw SessionError.notFound();
    const candidate = (await this.repo.user(kase.candidateId))!;
    const body = await this.repo.body(kase.awardingBodyId);
    const method = CALLED_OFF.includes(session.status) ? 'CANCEL' : 'REQUEST';
    const publicUrl = this.config.http.publicUrl;
    const ics = candidateInvitation(session, method, {
      standardTitle: kase.standard?.title ?? '',
      bodyName: body?.name ?? '',
      candidate: { name: candidate.displayName, email: candidate.email },
      caseUrl: portalCaseUrl(publicUrl, caseId, 'candidate'),
      organizerEmail: organizerEmail(this.config.mail.from),
      locale: candidate.locale,
    });
    return { fileName: `session-${session.sequence}.ics`, body: ics };
  }

  private async standard(id: string): Promise<StandardEntity> {
    const standard = await this.standards.findWithOutcomes(id);
    if (!standard) throw SessionError.notFound();
    return standard;
  }

  private async existing(caseId: string, sessionId: string): Promise<AssessmentSessionEntity> {
    const session = await this.repo.one(caseId, sessionId);
    if (!session) throw SessionError.notFound();
    return session;
  }
}

/** A past assessor sees the sessions proposed while they held the case; everyone else who sees the case sees them all. */
function seenBy(viewer: CaseViewer, session: AssessmentSessionEntity): boolean {
  return !isAssessorViewer(viewer) || visibleAt(viewer, session.proposedAt);
}

/**
 * The instant of a session's start: an instant as given, or a local date and time in `timeZone`. A local time
 * that does not exist there (skipped by a change to summer time) is refused rather than moved.
 */
export function instantOf(startsAt: string, timeZone: string): string {
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(startsAt);
  const moment = hasOffset ? DateTime.fromISO(startsAt, { setZone: true }) : DateTime.fromISO(startsAt, { zone: timeZone });
  if (!moment.isValid) throw SessionError.invalid([`startsAt ${startsAt} is not a valid date and time`]);
  if (!hasOffset && moment.toFormat("yyyy-MM-dd'T'HH:mm") !== startsAt.slice(0, 16)) {
    throw SessionError.invalid([`startsAt ${startsAt} does not exist in ${timeZone} (the clocks change that night): choose another time`]);
  }
  return moment.toUTC().toISO()!;
}
