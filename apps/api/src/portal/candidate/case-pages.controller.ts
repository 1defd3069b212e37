import { Controller, Get, HttpStatus, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EvidenceKind, isFinal, Role } from '../../../../../libs/domain';
import type { AppConfig } from '../../../../../libs/config/config';
import { APP_CONFIG } from '../../../../../libs/config/config.module';
import { ApiError, StepAccepted } from '../../common/api-error';
import { CasesService } from '../../cases/cases.service';
import { TimelineSort } from '../../cases/dto/case.dto';
import { CaseErrorCode } from '../../cases/cases.errors';
import { CurrentActor, FormBody, MultipartBody, Roles } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import { UuidParam } from '../../common/uuid-param';
import { EvidenceService } from '../../evidence/evidence.service';
import { CredentialsService } from '../../credentials/credentials.service';
import { RenewalService } from '../../credentials/renewal.service';
import { SessionsService } from '../../sessions/sessions.service';
import type { PortalRequest } from '../portal-context';
import { errorsByField, MalformedFormError, readForm } from '../portal-form';
import type { FieldError } from '../portal-form';
import { FormTokenGuard } from '../portal-guards';
import type { PageResponse } from '../portal-pages';
import { PortalView } from '../portal-view';
import { stepRefusal } from '../step-refusal';
import { candidateSessions } from '../sessions/session-view';
import { RescheduleForm } from '../sessions/session.forms';
import { candidateCaseView, renewalOffer } from './candidate-case.view';
import { AttestationForm, LinkEvidenceForm, NoteForm, readSelfAssessment, ReasonForm } from './candidate.forms';

/** The forms of the case page that can come back with mistakes, by name. */
type CaseForm = 'self' | 'link' | 'attestation' | 'upload' | 'answer' | 'appeal' | 'withdraw' | 'step' | 'session' | 'reschedule' | 'reopen' | 'renew' | 'share';

interface FormState {
  form: CaseForm;
  values?: Record<string, string | string[]>;
  errors: FieldError[];
}

/**
 * The candidate's case page and its forms: self-assessment, the portfolio (files, links, attestations, each
 * mapped to learning outcomes), submission, the answer to an evidence request, the decision with its feedback,
 * an appeal, withdrawal. Every action goes through the services of the JSON API's /cases routes, so the same
 * access rules and process checks apply; a form with mistakes comes back with them, a refusal of the process
 * as a sentence on the page.
 */
@ApiExcludeController()
@Roles(Role.Candidate)
@Controller('portal/cases')
export class CasePagesController {
  constructor(
    private readonly view: PortalView,
    private readonly cases: CasesService,
    private readonly evidence: EvidenceService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly renewal: RenewalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id')
  async page(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    await this.render(actor, req, res, id);
  }

  @Post(':id/self-assessment')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async selfAssessment(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const detail = await this.cases.detail(actor, id);
    const { t } = await this.view.translator(req, res);
    const read = readSelfAssessment((req.body ?? {}) as Record<string, unknown>, detail.standard.learningOutcomes.map((o) => o.id), t);
    if (!read) throw new MalformedFormError('the self-assessment form has a field it does not have');
    if (read.errors.length) return this.render(actor, req, res, id, { form: 'self', values: read.values, errors: read.errors }, HttpStatus.BAD_REQUEST);
    await this.act(actor, req, res, id, 'self', () => this.cases.putSelfAssessment(actor, id, { items: read.items }), 'saved', 'self-assessment');
  }

  @Post(':id/evidence/link')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async link(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(LinkEvidenceForm, req.body, ['title', 'url'], t, ['learningOutcomeIds']);
    if (!form.ok) return this.render(actor, req, res, id, { form: 'link', values: { ...form.values, ...form.lists }, errors: form.errors }, HttpStatus.BAD_REQUEST);
    const { title, url, learningOutcomeIds } = form.value;
    await this.act(actor, req, res, id, 'link', () => this.evidence.add(actor, id, { kind: EvidenceKind.Url, title: title.trim(), url, learningOutcomeIds }), 'evidence-added', 'portfolio');
  }

  @Post(':id/evidence/attestation')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async attestation(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(AttestationForm, req.body, ['title', 'attestorName', 'attestorEmail', 'attestorOrganisation', 'statement'], t, ['learningOutcomeIds']);
    if (!form.ok) return this.render(actor, req, res, id, { form: 'attestation', values: { ...form.values, ...form.lists }, errors: form.errors }, HttpStatus.BAD_REQUEST);
    const a = form.value;
    const organisation = a.attestorOrganisation?.trim();
    await this.act(
      actor,
      req,
      res,
      id,
      'attestation',
      () =>
        this.evidence.add(actor, id, {
          kind: EvidenceKind.Attestation,
          title: a.title.trim(),
          attestorName: a.attestorName.trim(),
          attestorEmail: a.attestorEmail.trim(),
          ...(organisation ? { attestorOrganisation: organisation } : {}),
          statement: a.statement.trim(),
          learningOutcomeIds: a.learningOutcomeIds,
        }),
      'evidence-added',
      'portfolio',
    );
  }

  /** An upload: multipart (title, learningOutcomeIds, file), streamed and checked by the evidence service. */
  @Post(':id/evidence/files')
  @MultipartBody()
  @UseGuards(FormTokenGuard)
  async upload(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    try {
      await this.evidence.uploadFile(actor, id, req);
    } catch (err) {
      // the file's own problem (size, kind, content), or the process's refusal (the case moved on meanwhile)
      const refusal = stepRefusal(err);
      if (!refusal) throw err;
      const { t } = await this.view.translator(req, res);
      return this.render(actor, req, res, id, { form: 'upload', errors: [{ field: 'file', message: t(refusal.key) }] }, refusal.status);
    }
    res.redirect(303, `/portal/cases/${id}?notice=evidence-added#portfolio`);
  }

  @Post(':id/evidence/:evidenceId/remove')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async remove(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string, @UuidParam('evidenceId') evidenceId: string): Promise<void> {
    await this.act(actor, req, res, id, 'step', () => this.evidence.remove(actor, id, evidenceId), 'evidence-removed', 'portfolio');
  }

  @Post(':id/submit')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async submit(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    await this.act(actor, req, res, id, 'step', () => this.cases.submit(actor, id), 'submitted', 'main');
  }

  @Post(':id/evidence-response')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async answer(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(NoteForm, req.body, ['note'], t);
    if (!form.ok) return this.render(actor, req, res, id, { form: 'answer', values: form.values, errors: form.errors }, HttpStatus.BAD_REQUEST);
    await this.act(actor, req, res, id, 'answer', () => this.cases.answerEvidenceRequest(actor, id, { note: form.value.note.trim() }), 'answered', 'main');
  }

  @Post(':id/appeal')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async appeal(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(ReasonForm, req.body, ['reason'], t);
    if (!form.ok) return this.render(actor, req, res, id, { form: 'appeal', values: form.values, errors: form.errors }, HttpStatus.BAD_REQUEST);
    await this.act(actor, req, res, id, 'appeal', () => this.cases.appeal(actor, id, { reason: form.value.reason.trim() }), 'appealed', 'main');
  }

  /** The candidate confirms the session proposed to them. */
  @Post(':id/sessions/:sessionId/confirm')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async confirmSession(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string, @UuidParam('sessionId') sessionId: string): Promise<void> {
    await this.act(actor, req, res, id, 'session', () => this.sessions.answer(actor, id, sessionId, { answer: 'confirm' }), 'session-confirmed', 'sessions');
  }

  /** The candidate asks for another time, saying when they can come (as often as the body's limit allows). */
  @Post(':id/sessions/:sessionId/reschedule')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async rescheduleSession(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string, @UuidParam('sessionId') sessionId: string): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(RescheduleForm, req.body, ['note'], t);
    if (!form.ok) return this.render(actor, req, res, id, { form: 'reschedule', values: form.values, errors: form.errors.map((e) => ({ ...e, anchor: 'field-note-session' })) }, HttpStatus.BAD_REQUEST);
    const note = form.value.note.trim();
    await this.act(actor, req, res, id, 'session', () => this.sessions.answer(actor, id, sessionId, { answer: 'reschedule', note }), 'session-rescheduled', 'sessions');
  }

  /**
   * The holder shows or hides their name and the credential's details on its public verification page. Showing
   * them is refused (409, in words beside the choice) while the body has the credential suspended or revoked.
   */
  @Post(':id/credential/share')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async share(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const enabled = (req.body as Record<string, unknown> | undefined)?.enabled;
    if (enabled !== 'true' && enabled !== 'false') throw new MalformedFormError('enabled must be true or false');
    const credential = (await this.cases.detail(actor, id)).credential;
    if (!credential) throw new MalformedFormError('the case has no credential to share');
    await this.act(actor, req, res, id, 'share', () => this.credentials.setPublicPage(actor, credential.id, enabled === 'true'), 'shared', 'credential-title');
  }

  /** A lapsed case, reopened by its candidate (once, before the reopen deadline: the process decides). */
  @Post(':id/reopen')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async reopen(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    await this.act(actor, req, res, id, 'reopen', () => this.cases.reopen(actor, id), 'reopened', 'main');
  }

  /**
   * Renews the case's credential (RenewalService): a new case on the standard with the credential as evidence,
   * which the candidate is led to. A case already open on the standard is where renewal goes on: it is shown.
   */
  @Post(':id/credential/renew')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async renew(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const detail = await this.cases.detail(actor, id);
    if (!detail.credential) throw new MalformedFormError('the case has no credential to renew');
    try {
      const opened = await this.renewal.renew(actor, detail.credential.id);
      return res.redirect(303, `/portal/cases/${opened.id}?notice=renewed`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== HttpStatus.CONFLICT) throw err;
      const open = err.code === CaseErrorCode.OpenCaseExists ? await this.cases.openCaseId(actor, detail.standard.id) : null;
      if (open) return res.redirect(303, `/portal/cases/${open}?notice=renewal-open`);
      const { t } = await this.view.translator(req, res);
      return this.render(actor, req, res, id, { form: 'renew', errors: [{ field: 'renew', message: t('candidate.renew.refused') }] }, err.status);
    }
  }

  @Post(':id/withdraw')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async withdraw(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(ReasonForm, req.body, ['reason'], t);
    if (!form.ok) return this.render(actor, req, res, id, { form: 'withdraw', values: form.values, errors: form.errors }, HttpStatus.BAD_REQUEST);
    await this.act(actor, req, res, id, 'withdraw', () => this.cases.withdraw(actor, id, { reason: form.value.reason.trim() }), 'withdrawn', 'main');
  }

  /**
   * Runs a step and goes back to the page (303, with a notice); the autosave script asks with
   * `X-Requested-With: fetch` and gets 204. A refusal of the service (the case moved on, a deadline passed, a
   * rule of the process) comes back as a sentence on the page; a fault is left to the error page.
   */
  private async act(actor: Actor, req: PortalRequest, res: PageResponse, id: string, form: CaseForm, step: () => Promise<unknown>, notice: string, anchor: string): Promise<void> {
    try {
      await step();
    } catch (err) {
      // the process took the step but did not finish it in time: it will (the page shows where the case stands)
      if (!(err instanceof StepAccepted)) {
        // a refusal the person can act on (a second answer, a late appeal, a record changed meanwhile), in their words
        const refusal = stepRefusal(err);
        if (!refusal) throw err;
        const { t } = await this.view.translator(req, res);
        return this.render(actor, req, res, id, { form, errors: [{ field: form, message: t(refusal.key) }] }, refusal.status);
      }
    }
    if (req.headers['x-requested-with'] === 'fetch') {
      res.status(HttpStatus.NO_CONTENT).end();
      return;
    }
    res.redirect(303, `/portal/cases/${id}?notice=${notice}#${anchor}`);
  }

  private async render(actor: Actor, req: PortalRequest, res: PageResponse, id: string, state: FormState | null = null, status = HttpStatus.OK): Promise<void> {
    const [detail, events, sessions] = await Promise.all([
      this.cases.detail(actor, id),
      this.cases.timeline(actor, id, { limit: 100, sort: TimelineSort.SeqAsc }),
      this.sessions.overview(actor, id),
    ]);
    const now = new Date();
    const page = candidateCaseView(detail, events.items, now);
    const credential = detail.credential ? await this.credentials.get(actor, detail.credential.id) : null;
    const shared = credential?.publicPage ?? false;
    const renewal = credential ? renewalOffer(credential, !isFinal(detail.status), now, this.config.credentials.expiryReminderDays) : null;
    const raw = state?.errors ?? [];
    // the summary links to each form's own field ids (the link and attestation forms share field names)
    const prefixed = new Set<CaseForm>(['link', 'attestation']);
    const errors = raw.map((e) => (state && prefixed.has(state.form) ? { ...e, anchor: e.field === 'learningOutcomeIds' ? `${state.form}-learningOutcomeIds` : `field-${state.form}-${e.field}` } : e));
    const forms = Object.fromEntries(
      (['self', 'link', 'attestation', 'upload', 'answer', 'appeal', 'withdraw', 'step', 'session', 'reopen', 'renew', 'share'] as const).map((f) => [
        f,
        { open: state?.form === f, values: state?.form === f ? (state.values ?? {}) : {}, fieldErrors: state?.form === f ? errorsByField(raw) : {} },
      ]),
    );
    // a self-assessment sent back with mistakes shows what was typed, not what is stored
    if (state?.form === 'self' && state.values) {
      const typed = state.values as Record<string, string>;
      for (const o of page.outcomes) {
        o.level = typed[`level-${o.id}`] ?? '';
        o.statement = typed[`statement-${o.id}`] ?? '';
        o.levels = o.levels.map((l) => ({ ...l, selected: l.value === o.level }));
      }
    }
    const chosen = new Set(state?.form === 'link' || state?.form === 'attestation' ? ((state.values?.learningOutcomeIds as string[] | undefined) ?? []) : []);
    await this.view.render(
      req,
      res,
      'candidate/case',
      'candidate.case.title',
      {
        standardTitle: page.standardTitle,
        c: page,
        shared,
        renewal,
        sessions: candidateSessions(sessions, detail.status, now, state?.form === 'reschedule' ? { form: 'reschedule', values: (state.values ?? {}) as Record<string, string>, errors: raw } : null),
        errors,
        forms,
        outcomeChoices: page.outcomes.map((o) => ({ id: o.id, code: o.code, description: o.description, checked: chosen.has(o.id) })),
        timeZone: actor.timeZone ?? detail.standard.awardingBody.timeZone,
      },
      status,
    );
  }
}
