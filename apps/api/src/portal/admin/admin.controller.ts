import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CaseStatus, DecisionResult, DEFAULT_PROCESS_SETTINGS, DEFAULT_WORKLOAD_CEILING, Role } from '../../../../../libs/domain';
import { describeError } from '../../common/api-exception.filter';
import { StepAccepted } from '../../common/api-error';
import { CurrentActor, FormBody, Roles } from '../../common/decorators';
import type { Actor } from '../../common/decorators';
import { ACCOUNT_TIME_ZONES, canonicalTimeZone } from '../../auth/account-text';
import { AwardingBodiesService } from '../../awarding-bodies/awarding-bodies.service';
import { CaseManagementService } from '../../case-management/case-management.service';
import { CasesService } from '../../cases/cases.service';
import { CaseSort } from '../../cases/dto/case.dto';
import { CredentialsService } from '../../credentials/credentials.service';
import { CredentialState } from '../../credentials/dto/credential.response';
import { DecisionsService } from '../../decisions/decisions.service';
import { StandardErrorCode } from '../../standards/standards.errors';
import { StandardsService } from '../../standards/standards.service';
import { StandardSort } from '../../standards/dto/standard.dto';
import type { UpdateStandardDto } from '../../standards/dto/standard.dto';
import { UserErrorCode } from '../../users/users.errors';
import { UsersService } from '../../users/users.service';
import type { PortalRequest } from '../portal-context';
import { errorsByField, MalformedFormError, readForm } from '../portal-form';
import type { FieldError } from '../portal-form';
import { FormTokenGuard } from '../portal-guards';
import type { PageResponse } from '../portal-pages';
import { PortalView } from '../portal-view';
import { AddAssessorForm, AssignAssessorForm, ATTENTION_ACTIONS, BodySettingsForm, DecideForm, EmptyForm, PORTAL_DECISIONS, ReasonForm, ResolveAttentionForm } from './admin.forms';
import { csvRecord } from './csv';
import { refusalKey, refusalText } from './refusal';
import { AdminDashboardService } from './dashboard.service';
import type { DashboardFigures } from './dashboard.service';
import {
  ALIGNMENT_KINDS,
  blankStandardForm,
  conformanceMistake,
  CREDIT_SYSTEMS,
  LEARNING_SETTINGS,
  METHOD_TYPES,
  PARTICIPATION_FORMS,
  readStandardForm,
  SETTING_KEYS,
  settingField,
  settingRows,
  settingsFromTexts,
  settingsMistakes,
  settingTexts,
  STANDALONE_KINDS,
  standardDtoOf,
  standardFormMistakes,
  standardFormOf,
  withRowChange,
} from './standard.form';
import type { StandardFormState } from './standard.form';
import { barChart } from './svg-chart';

/** How many cases a queue page lists. */
const QUEUE_LIMIT = 50;
/** How many standards the list shows on a page. */
const STANDARDS_LIMIT = 100;

/** What a credential's status change is called in a path, and the service call it makes. */
const CREDENTIAL_ACTIONS = ['suspend', 'reinstate', 'revoke'] as const;
type CredentialAction = (typeof CREDENTIAL_ACTIONS)[number];

/** A stream the CSV export writes to (Express's response). */
type StreamingResponse = PageResponse & { write(chunk: string): boolean; end(): void; once(event: 'drain' | 'close', listener: () => void): void };

/**
 * The awarding body's pages: its dashboard and cases export, the decisions queue, its credentials, its assessors.
 * Each page calls the same services, with the same access rules, as the JSON API.
 */
@ApiExcludeController()
@Controller('portal/admin')
@Roles(Role.BodyAdmin)
export class AdminController {
  constructor(
    private readonly view: PortalView,
    private readonly dashboard: AdminDashboardService,
    private readonly cases: CasesService,
    private readonly decisions: DecisionsService,
    private readonly credentials: CredentialsService,
    private readonly users: UsersService,
    private readonly standards: StandardsService,
    private readonly management: CaseManagementService,
    private readonly bodies: AwardingBodiesService,
  ) {}

  @Get()
  async home(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { ctx, t } = await this.view.translator(req, res);
    const figures = await this.dashboard.figures(actor);
    await this.view.render(req, res, 'admin/dashboard', 'admin.dashboard.title', dashboardData(figures, ctx.locale, t));
  }

  /** Every case of the body, one line each, streamed page by page (RFC 4180, formula cells made inert). */
  @Get('cases.csv')
  async casesCsv(@CurrentActor() actor: Actor, @Res() httpRes: PageResponse): Promise<void> {
    const res = httpRes as StreamingResponse;
    const rows = this.dashboard.exportRows(actor);
    // the first page is read before the headers go out, so a refusal is still an error page
    const first = await rows.next();
    res.status(HttpStatus.OK).set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cases.csv"; filename*=UTF-8''cases.csv`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    let closed = false;
    res.once('close', () => (closed = true));
    const write = async (chunk: string) => {
      if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
    };
    await write(csvRecord(['id', 'candidate', 'standard_code', 'standard_title', 'status', 'stage', 'created_at', 'submitted_at', 'decided_at', 'closed_at', 'assessor', 'outcome']));
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    for (let page = first; !page.done && !closed; page = await rows.next()) {
      await write(
        page.value
          .map((r) => csvRecord([r.id, r.candidate, r.standardCode, r.standardTitle, r.status, r.stage, iso(r.createdAt), iso(r.submittedAt), iso(r.decidedAt), iso(r.closedAt), r.assessor, r.outcome]))
          .join(''),
      );
    }
    res.end();
  }

  @Get('decisions')
  async decisionsQueue(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @Query('cursor') cursor?: unknown): Promise<void> {
    const page = await this.cases.list(actor, { status: [CaseStatus.AwaitingDecision], sort: CaseSort.StatusSinceAsc, limit: QUEUE_LIMIT, ...cursorOf(cursor) });
    const cases = page.items.map((c) => ({ id: c.id, candidateName: c.candidateName, standardTitle: c.standard.title, submittedAt: c.submittedAt }));
    await this.view.render(req, res, 'admin/decisions', 'admin.decisions.title', { cases, ...pages('/portal/admin/decisions', page.nextCursor, cursor) });
  }

  @Get('cases/:id/decision')
  async decisionPage(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.renderDecision(actor, id, req, res, HttpStatus.OK, {});
  }

  @Post('cases/:id/decision')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async decide(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(DecideForm, req.body, ['result', 'reason'], t);
    if (!form.ok) return this.renderDecision(actor, id, req, res, HttpStatus.BAD_REQUEST, { values: form.values, errors: form.errors });
    const detail = await this.cases.detail(actor, id);
    const recognisedOutcomeIds = form.value.result === DecisionResult.Awarded ? detail.standard.learningOutcomes.map((o) => o.id) : [];
    const refused = await refusal(() => this.decisions.decide(actor, id, { result: form.value.result, recognisedOutcomeIds, reason: form.value.reason }));
    if (refused) return this.renderDecision(actor, id, req, res, HttpStatus.CONFLICT, { values: kept(form.value), refused });
    res.redirect(303, '/portal/admin/decisions?notice=admin-decided');
  }

  @Get('credentials')
  async credentialsList(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { items } = await this.credentials.list(actor);
    const credentials = items.map((c) => ({
      id: c.id,
      title: c.title,
      holderName: c.holderName,
      caseId: c.caseId,
      issuedAt: c.issuedAt,
      statusKey: `admin.credentials.state.${c.status}`,
      reason: c.revocationReason ?? c.suspensionReason,
      actions: actionsFor(c.status).map((action) => ({ action, href: `/portal/admin/credentials/${c.id}/${action}`, labelKey: `admin.credentials.${action}.button` })),
    }));
    await this.view.render(req, res, 'admin/credentials', 'admin.credentials.title', { credentials });
  }

  /** The confirmation step of a status change: what will happen, and the reason to record. */
  @Get('credentials/:id/:action')
  async credentialActionPage(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('action') action: string,
    @Req() req: PortalRequest,
    @Res() res: PageResponse,
  ): Promise<void> {
    await this.renderCredentialAction(actor, id, credentialAction(action), req, res, HttpStatus.OK, {});
  }

  @Post('credentials/:id/:action')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async credentialAction(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('action') actionParam: string,
    @Req() req: PortalRequest,
    @Res() res: PageResponse,
  ): Promise<void> {
    const action = credentialAction(actionParam);
    const { t } = await this.view.translator(req, res);
    const form = await readForm(ReasonForm, req.body, ['reason'], t);
    if (!form.ok) return this.renderCredentialAction(actor, id, action, req, res, HttpStatus.BAD_REQUEST, { values: form.values, errors: form.errors });
    const reason = form.value.reason.trim();
    const refused = await refusal(() => this.credentials[action](actor, id, reason));
    if (refused) return this.renderCredentialAction(actor, id, action, req, res, HttpStatus.CONFLICT, { values: kept(form.value), refused });
    res.redirect(303, `/portal/admin/credentials?notice=admin-credential-${action}`);
  }

  @Get('assessors')
  async assessors(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.renderAssessors(actor, req, res, HttpStatus.OK, {});
  }

  @Post('assessors')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async addAssessor(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { ctx, t } = await this.view.translator(req, res);
    const form = await readForm(AddAssessorForm, req.body, ['displayName', 'email'], t);
    if (!form.ok) return this.renderAssessors(actor, req, res, HttpStatus.BAD_REQUEST, { values: form.values, errors: form.errors });
    const refused = await refusal(() => this.users.addAssessor(actor, form.value, ctx.locale), { [UserErrorCode.EmailTaken]: 'email', [UserErrorCode.EmailReserved]: 'email' });
    if (refused?.field) {
      const errors = [{ field: refused.field, message: t(refused.code === UserErrorCode.EmailTaken ? 'admin.assessors.errors.emailTaken' : 'admin.assessors.errors.emailReserved') }];
      return this.renderAssessors(actor, req, res, HttpStatus.CONFLICT, { values: kept(form.value), errors });
    }
    if (refused) return this.renderAssessors(actor, req, res, HttpStatus.CONFLICT, { values: kept(form.value), refused });
    res.redirect(303, '/portal/admin/assessors?notice=admin-assessor-added');
  }

  @Post('assessors/:id/deactivate')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async deactivate(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await readForm(EmptyForm, req.body, [], (k) => k);
    await this.users.deactivateAssessor(actor, id);
    res.redirect(303, '/portal/admin/assessors?notice=admin-assessor-deactivated');
  }

  /** Cases the process cannot take further alone: parked on a fault, or waiting for an assessor none was free to be. */
  @Get('attention')
  async attention(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @Query('cursor') cursor?: unknown): Promise<void> {
    const page = await this.cases.list(actor, { status: [CaseStatus.NeedsAttention, CaseStatus.AwaitingAssessor], sort: CaseSort.StatusSinceAsc, limit: QUEUE_LIMIT, ...cursorOf(cursor) });
    const cases = page.items.map((c) => ({ id: c.id, candidateName: c.candidateName, standardTitle: c.standard.title, statusKey: `status.${c.status}` }));
    await this.view.render(req, res, 'admin/attention', 'admin.attention.title', { cases, ...pages('/portal/admin/attention', page.nextCursor, cursor) });
  }

  @Get('cases/:id/manage')
  async managePage(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.renderManage(actor, id, req, res, HttpStatus.OK, {});
  }

  @Post('cases/:id/assessor')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async assign(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(AssignAssessorForm, req.body, ['assessorId', 'reason'], t);
    if (!form.ok) return this.renderManage(actor, id, req, res, HttpStatus.BAD_REQUEST, { values: form.values, errors: form.errors });
    const refused = await refusal(() => this.management.assignAssessor(actor, id, form.value));
    if (refused) return this.renderManage(actor, id, req, res, HttpStatus.CONFLICT, { values: kept(form.value), refused });
    res.redirect(303, '/portal/admin/attention?notice=admin-assessor-assigned');
  }

  @Post('cases/:id/attention')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async resolve(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const form = await readForm(ResolveAttentionForm, req.body, ['action', 'reason'], t);
    if (!form.ok) return this.renderManage(actor, id, req, res, HttpStatus.BAD_REQUEST, { values: form.values, errors: form.errors });
    const refused = await refusal(() => this.management.resolveAttention(actor, id, form.value));
    if (refused) return this.renderManage(actor, id, req, res, HttpStatus.CONFLICT, { values: kept(form.value), refused });
    res.redirect(303, '/portal/admin/attention?notice=admin-attention-resolved');
  }

  /** The body's own settings: its time zone and the default deadlines and rules of its process (PATCH /awarding-body). */
  @Get('settings')
  async settingsPage(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const body = await this.bodies.get(actor);
    const values = { timeZone: canonicalTimeZone(body.timeZone) ?? body.timeZone, microCredentialMaxEcts: String(body.microCredentialMaxEcts), microCredentialMaxHours: String(body.microCredentialMaxHours) };
    await this.renderSettings(req, res, HttpStatus.OK, values, settingTexts(body.settings as Record<string, unknown>), {});
  }

  @Post('settings')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async saveSettings(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const sent = (req.body ?? {}) as Record<string, unknown>;
    const own = ['timeZone', 'microCredentialMaxEcts', 'microCredentialMaxHours'] as const;
    const fields = new Set<string>(['_csrf', ...own, ...SETTING_KEYS.map(settingField)]);
    if (Object.entries(sent).some(([k, v]) => !fields.has(k) || typeof v !== 'string')) throw new MalformedFormError('the form has the time zone, the ceilings and the settings, each once');
    const values = Object.fromEntries(own.map((k) => [k, String(sent[k] ?? '')])) as Record<(typeof own)[number], string>;
    // an emptied ceiling goes back to the default, as an emptied setting does (the hints say so)
    if (!values.microCredentialMaxEcts.trim()) values.microCredentialMaxEcts = String(DEFAULT_WORKLOAD_CEILING.ects);
    if (!values.microCredentialMaxHours.trim()) values.microCredentialMaxHours = String(DEFAULT_WORKLOAD_CEILING.hours);
    const texts = Object.fromEntries(SETTING_KEYS.map((k) => [k, String(sent[settingField(k)] ?? '')]));
    const form = await readForm(BodySettingsForm, values, own, t);
    const errors = [...(form.ok ? [] : form.errors), ...settingsMistakes(texts, 'admin.settings.errors.before').map((m) => ({ field: m.field, message: t(m.key, m.values) }))];
    if (!form.ok || errors.length) return this.renderSettings(req, res, HttpStatus.BAD_REQUEST, values, texts, { errors });
    // every setting is sent: a blank field takes the setting back to the default (null)
    const chosen = settingsFromTexts(texts);
    const settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, chosen[k] ?? null]));
    const refused = await refusal(() => this.bodies.update(actor, { ...form.value, settings }));
    if (refused) return this.renderSettings(req, res, HttpStatus.CONFLICT, values, texts, { refused });
    res.redirect(303, '/portal/admin/settings?notice=admin-settings-saved');
  }

  @Get('standards')
  async standardsList(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse, @Query('cursor') cursor?: unknown): Promise<void> {
    const page = await this.standards.list(actor, { sort: StandardSort.TitleAsc, limit: STANDARDS_LIMIT, ...cursorOf(cursor) });
    const standards = page.items.map((s) => ({ id: s.id, code: s.code, title: s.title, eqfLevel: s.eqfLevel, stateKey: s.published ? 'admin.standards.published' : 'admin.standards.draft' }));
    await this.view.render(req, res, 'admin/standards', 'admin.standards.title', { standards, ...pages('/portal/admin/standards', page.nextCursor, cursor) });
  }

  @Get('standards/new')
  async newStandard(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.renderEditor(req, res, HttpStatus.OK, null, blankStandardForm(), {});
  }

  @Post('standards/new')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async createStandard(@CurrentActor() actor: Actor, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.saveStandard(actor, null, req, res);
  }

  @Get('standards/:id')
  async editStandard(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const standard = await this.standards.get(actor, id);
    await this.renderEditor(req, res, HttpStatus.OK, { id, published: standard.published }, standardFormOf(standard), {});
  }

  @Post('standards/:id')
  @FormBody()
  @UseGuards(FormTokenGuard)
  async updateStandard(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.saveStandard(actor, id, req, res);
  }

  /**
   * Saves (or publishes) the editor's form through StandardsService, as POST and PATCH /standards do: the DTO's
   * rules and, when publishing, the micro-credential check come back next to their fields, the values kept.
   */
  private async saveStandard(actor: Actor, id: string | null, req: PortalRequest, res: PageResponse): Promise<void> {
    const { t } = await this.view.translator(req, res);
    const stored = id ? await this.standards.get(actor, id) : null;
    const target = stored ? { id: stored.id, published: stored.published } : null;
    const { state, action } = readStandardForm(req.body);
    if (action.kind !== 'save' && action.kind !== 'publish') return this.renderEditor(req, res, HttpStatus.OK, target, withRowChange(state, action), {});
    const publish = action.kind === 'publish';
    const dto = standardDtoOf(state, publish || (stored?.published ?? false), stored);
    const mistakes = await standardFormMistakes(dto, state, t);
    if (mistakes.length) return this.renderEditor(req, res, HttpStatus.BAD_REQUEST, target, state, { errors: mistakes });
    if (publish) {
      const check = await this.standards.checkDraft(actor, dto);
      if (!check.conforms) {
        const errors = check.failures.map((f) => conformanceMistake(f, t, check.ceiling));
        return this.renderEditor(req, res, HttpStatus.UNPROCESSABLE_ENTITY, target, state, { errors });
      }
    }
    let savedId = id;
    const refused = await refusal(
      async () => {
        if (!stored) {
          savedId = (await this.standards.create(actor, dto)).id;
          return;
        }
        const update: UpdateStandardDto = { ...dto };
        // outcomes and methods as stored are left out, so a standard with cases can still change everything else
        if (sameOutcomes(stored.learningOutcomes, state)) delete update.learningOutcomes;
        if (sameMethods(stored.assessmentMethods, dto.assessmentMethods ?? [])) delete update.assessmentMethods;
        await this.standards.update(actor, stored.id, update);
      },
      { [StandardErrorCode.CodeTaken]: 'code' },
    );
    if (refused?.field) return this.renderEditor(req, res, HttpStatus.CONFLICT, target, state, { errors: [{ field: 'code', message: t('admin.standards.errors.codeTaken') }] });
    if (refused) return this.renderEditor(req, res, HttpStatus.CONFLICT, target, state, { refused });
    res.redirect(303, `/portal/admin/standards/${savedId}?notice=${publish ? 'admin-standard-published' : 'admin-standard-saved'}`);
  }

  /** A refusal in the page's language, or null. */
  private async refusedText(req: PortalRequest, res: PageResponse, refused: Refusal | null | undefined): Promise<string | null> {
    if (!refused) return null;
    const { t } = await this.view.translator(req, res);
    return refusalText(refused.key, t);
  }

  private async renderEditor(req: PortalRequest, res: PageResponse, status: number, target: { id: string; published: boolean } | null, state: StandardFormState, extra: FormState): Promise<void> {
    const errors = extra.errors ?? [];
    const fieldErrors = errorsByField(errors);
    const error = (name: string) => fieldErrors[name] ?? null;
    const outcomes = state.outcomes.map((o, i) => ({
      index: i,
      number: i + 1,
      code: o.code,
      description: o.description,
      methods: o.methods,
      methodsName: `outcome-${i}-methods`,
      methodsError: error(`outcome-${i}-methods`),
      codeName: `outcome-${i}-code`,
      codeError: error(`outcome-${i}-code`),
      descriptionName: `outcome-${i}-description`,
      descriptionError: error(`outcome-${i}-description`),
      criteriaError: error(`outcome-${i}-criteria`),
      criteriaCount: o.criteria.length,
      criteria: o.criteria.map((c, j) => ({
        index: j,
        number: j + 1,
        code: c.code,
        description: c.description,
        codeName: `outcome-${i}-criterion-${j}-code`,
        codeError: error(`outcome-${i}-criterion-${j}-code`),
        descriptionName: `outcome-${i}-criterion-${j}-description`,
        descriptionError: error(`outcome-${i}-criterion-${j}-description`),
      })),
    }));
    const options = (values: readonly string[], chosen: string, prefix: string) => values.map((v) => ({ value: v, labelKey: `${prefix}.${v}`, selected: v === chosen }));
    // each row of a list: its fields' names, values and mistakes (method-<r>-code …), and its place from 1
    const rows = <R extends object>(prefix: string, list: R[]) =>
      list.map((row, r) => ({
        index: r,
        number: r + 1,
        ...Object.fromEntries(
          Object.entries(row).flatMap(([f, v]) => [
            [f, v],
            [`${f}Name`, `${prefix}-${r}-${f}`],
            [`${f}Error`, error(`${prefix}-${r}-${f}`)],
          ]),
        ),
      }));
    const methods = rows('method', state.methods).map((m, r) => ({ ...m, types: options(METHOD_TYPES, state.methods[r]!.type, 'admin.standards.methodType') }));
    const alignments = rows('alignment', state.alignments).map((a, r) => ({ ...a, kinds: options(ALIGNMENT_KINDS, state.alignments[r]!.kind, 'admin.standards.alignmentKind') }));
    const settings = settingRows(state.settings, error);
    await this.view.render(
      req,
      res,
      'admin/standard-editor',
      target ? 'admin.standards.editTitle' : 'admin.standards.newTitle',
      {
        action: target ? `/portal/admin/standards/${target.id}` : '/portal/admin/standards/new',
        published: target?.published ?? false,
        values: state.values,
        outcomes,
        outcomeCount: outcomes.length,
        methods,
        alignments,
        stackables: rows('stackable', state.stackables),
        settings,
        settingsError: error('settings'),
        creditSystems: options(CREDIT_SYSTEMS, state.values.creditSystem, 'admin.standards.creditSystemChoice'),
        learningSettings: options(LEARNING_SETTINGS, state.values.learningSetting, 'admin.standards.learningSettingChoice'),
        participation: options(PARTICIPATION_FORMS, state.values.formOfParticipation, 'admin.standards.participation'),
        standaloneKinds: options(STANDALONE_KINDS, state.values.standaloneKind, 'admin.standards.standalone'),
        fullQualification: state.values.fullQualification === 'yes',
        errors,
        fieldErrors,
        outcomesError: error('outcomes'),
        refused: await this.refusedText(req, res, extra.refused),
      },
      status,
    );
  }

  private async renderSettings(req: PortalRequest, res: PageResponse, status: number, values: Record<string, string>, texts: Record<string, string>, state: FormState): Promise<void> {
    const zone = values.timeZone ?? '';
    const { t } = await this.view.translator(req, res);
    const errors = state.errors ?? [];
    const fieldErrors = errorsByField(errors);
    // each field says the default a blank one stands for
    const settings = settingRows(texts, (field) => fieldErrors[field] ?? null).map((row) => {
      const fallback = DEFAULT_PROCESS_SETTINGS[row.key];
      const defaultText = typeof fallback === 'boolean' ? t(`admin.standards.settingChoice.${row.key}.${fallback ? 'yes' : 'no'}`) : row.choices ? t(`admin.standards.settingChoice.${row.key}.${fallback}`) : String(fallback);
      return { ...row, hint: row.choices ? null : `${t(row.hintKey)} ${t('admin.settings.defaultIs', { value: defaultText })}`, blank: t('admin.settings.defaultChoice', { value: defaultText }) };
    });
    const zones = ACCOUNT_TIME_ZONES.includes(zone) || !zone ? ACCOUNT_TIME_ZONES : [zone, ...ACCOUNT_TIME_ZONES];
    await this.view.render(
      req,
      res,
      'admin/settings',
      'admin.settings.title',
      {
        zones: zones.map((name) => ({ name, selected: name === zone })),
        values,
        settings,
        settingsError: fieldErrors.settings ?? null,
        errors,
        fieldErrors,
        refused: await this.refusedText(req, res, state.refused),
      },
      status,
    );
  }

  private async renderManage(actor: Actor, id: string, req: PortalRequest, res: PageResponse, status: number, state: FormState): Promise<void> {
    const [detail, assessors] = await Promise.all([this.cases.detail(actor, id), this.dashboard.assessorLoad(actor)]);
    const values = state.values ?? {};
    const errors = state.errors ?? [];
    await this.view.render(
      req,
      res,
      'admin/manage',
      'admin.attention.caseTitle',
      {
        kase: { id: detail.id, candidateName: detail.candidateName, standardTitle: detail.standard.title, statusKey: `status.${detail.status}`, attentionReason: detail.state.attentionReason ?? null },
        awaitingAssessor: detail.status === CaseStatus.AwaitingAssessor,
        needsAttention: detail.status === CaseStatus.NeedsAttention,
        assessors: assessors.map((a) => ({ id: a.id, displayName: a.displayName, activeAssignments: a.activeAssignments, selected: values.assessorId === a.id })),
        actions: ATTENTION_ACTIONS.map((a) => ({ value: a, labelKey: `admin.attention.action.${a}`, checked: values.action === a })),
        values,
        errors,
        fieldErrors: errorsByField(errors),
        refused: await this.refusedText(req, res, state.refused),
      },
      status,
    );
  }

  private async renderDecision(actor: Actor, id: string, req: PortalRequest, res: PageResponse, status: number, state: FormState): Promise<void> {
    const detail = await this.cases.detail(actor, id);
    const criteria = new Map(detail.standard.learningOutcomes.flatMap((o) => o.criteria.map((c) => [c.id, { code: c.code, description: c.description }] as const)));
    const assessors = new Map(detail.assessors.map((a) => [a.assessorId, a.assessorName]));
    const assessments = detail.assessments.map((a) => ({
      assessorName: assessors.get(a.assessorId) ?? '',
      recommendationKey: `admin.decision.recommendation.${a.recommendation}`,
      purposeKey: `admin.decision.purpose.${a.purpose}`,
      comment: a.comment,
      recordedAt: a.recordedAt,
      judgements: a.judgements.map((j) => ({ ...(criteria.get(j.criterionId) ?? { code: '', description: '' }), resultKey: `admin.decision.result.${j.result}`, comment: j.comment ?? '' })),
    }));
    const errors = state.errors ?? [];
    await this.view.render(
      req,
      res,
      'admin/decision',
      'admin.decision.title',
      {
        kase: { id: detail.id, candidateName: detail.candidateName, standardTitle: detail.standard.title, statusKey: `status.${detail.status}`, submittedAt: detail.submittedAt },
        awaiting: detail.status === CaseStatus.AwaitingDecision,
        outcomes: detail.standard.learningOutcomes.map((o) => ({ code: o.code, description: o.description })),
        assessments,
        results: PORTAL_DECISIONS.map((r) => ({ value: r, labelKey: `admin.decision.decide.${r}`, checked: state.values?.result === r })),
        values: state.values ?? {},
        errors,
        fieldErrors: errorsByField(errors),
        refused: await this.refusedText(req, res, state.refused),
      },
      status,
    );
  }

  private async renderCredentialAction(actor: Actor, id: string, action: CredentialAction, req: PortalRequest, res: PageResponse, status: number, state: FormState): Promise<void> {
    const c = await this.credentials.get(actor, id);
    const errors = state.errors ?? [];
    await this.view.render(
      req,
      res,
      'admin/credential-action',
      `admin.credentials.${action}.title`,
      {
        credential: { id: c.id, title: c.title, issuedAt: c.issuedAt, statusKey: `admin.credentials.state.${c.status}` },
        action,
        explainKey: `admin.credentials.${action}.explain`,
        submitKey: `admin.credentials.${action}.submit`,
        values: state.values ?? {},
        errors,
        fieldErrors: errorsByField(errors),
        refused: await this.refusedText(req, res, state.refused),
      },
      status,
    );
  }

  private async renderAssessors(actor: Actor, req: PortalRequest, res: PageResponse, status: number, state: FormState): Promise<void> {
    const assessors = await this.dashboard.assessorLoad(actor);
    const errors = state.errors ?? [];
    await this.view.render(
      req,
      res,
      'admin/assessors',
      'admin.assessors.title',
      { assessors, values: state.values ?? {}, errors, fieldErrors: errorsByField(errors), refused: await this.refusedText(req, res, state.refused) },
      status,
    );
  }
}

interface FormState {
  values?: Record<string, string>;
  errors?: FieldError[];
  refused?: Refusal | null;
}

interface Refusal {
  code: string;
  /** The catalogue's words for it (refusalKey): never the service's English sentence. */
  key: string;
  /** The form field the refusal is about, when it is a person's mistake there (an e-mail already taken). */
  field?: string;
}

/**
 * Runs a step; a refusal a person can act on (the process refusing the step out of turn, a record changed
 * meanwhile: 400, 409, 422) comes back as a message for the page, never as an error page. A step the process
 * accepted but has not finished (202) is taken. 403 and 404 stay error pages.
 */
async function refusal(step: () => Promise<unknown>, fields: Record<string, string> = {}): Promise<Refusal | null> {
  try {
    await step();
    return null;
  } catch (err) {
    if (err instanceof StepAccepted) return null;
    const described = describeError(err);
    const status = described?.statusCode ?? 500;
    if (!described || status >= 500 || status === HttpStatus.FORBIDDEN || status === HttpStatus.NOT_FOUND || status < 400) throw err;
    const code = String((described.body as { code?: string }).code ?? '');
    return { code, key: refusalKey(code, err), field: fields[code] };
  }
}

/** Whether the form's outcomes and criteria are the stored ones (codes and descriptions, in order). */
function sameOutcomes(stored: { code: string; description: string; assessmentMethods: string[]; criteria: { code: string; description: string }[] }[], state: StandardFormState): boolean {
  const shape = (os: { code: string; description: string; methods: string[]; criteria: { code: string; description: string }[] }[]) =>
    JSON.stringify(os.map((o) => [o.code.trim(), o.description.trim(), [...o.methods].sort(), o.criteria.map((c) => [c.code.trim(), c.description.trim()])]));
  return shape(stored.map((o) => ({ ...o, methods: o.assessmentMethods }))) === shape(state.outcomes.map((o) => ({ ...o, methods: o.methods.split(/[\s,;]+/).filter(Boolean) })));
}

/** The cursor of a later page, as the services take it; another value (a list, nothing) is the first page. */
function cursorOf(cursor: unknown): { cursor?: string } {
  return typeof cursor === 'string' && cursor ? { cursor } : {};
}

/** The links between pages of a list: the next page's path while the service has more, and whether this is a later page. */
function pages(path: string, nextCursor: string | null, cursor: unknown): { nextPath: string | null; firstPath: string | null } {
  return { nextPath: nextCursor ? `${path}?cursor=${encodeURIComponent(nextCursor)}` : null, firstPath: cursorOf(cursor).cursor ? path : null };
}

/** Whether the form's assessment methods are the stored ones (in any order). */
function sameMethods(stored: { code: string; type: string; description: string }[], sent: { code: string; type: string; description: string }[]): boolean {
  const shape = (ms: { code: string; type: string; description: string }[]) => JSON.stringify(ms.map((m) => [m.code.trim(), m.type, m.description.trim()]).sort());
  return shape(stored) === shape(sent);
}

/** A form's values as sent, to show them again. */
function kept(value: object): Record<string, string> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

function credentialAction(action: string): CredentialAction {
  if (!(CREDENTIAL_ACTIONS as readonly string[]).includes(action)) throw new NotFoundPage();
  return action as CredentialAction;
}

/** Suspend and revoke a credential in force; reinstate or revoke a suspended one; nothing once revoked. */
function actionsFor(state: CredentialState): CredentialAction[] {
  if (state === CredentialState.Revoked) return [];
  if (state === CredentialState.Suspended) return ['reinstate', 'revoke'];
  return ['suspend', 'revoke'];
}

class NotFoundPage extends Error {
  readonly status = HttpStatus.NOT_FOUND;
}

/** The dashboard's figures as the page shows them: tables, and the same figures as bar charts. */
function dashboardData(f: DashboardFigures, locale: string, t: (key: string, values?: Record<string, unknown>) => string): Record<string, unknown> {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const days = (d: number | null) => (d === null ? t('admin.dashboard.none') : t('admin.dashboard.days', { days: number.format(d) }));
  const byStage = f.byStage.map((s) => ({ label: t(`admin.stage.${s.stage}`), value: s.count, shown: String(s.count) }));
  const medians = f.medianDays.map((m) => ({ label: t(`admin.stage.${m.stage}`), value: m.days ?? 0, shown: days(m.days) }));
  const load = f.assessorLoad.map((a) => ({ label: a.displayName, value: a.activeAssignments, shown: String(a.activeAssignments) }));
  return {
    figures: {
      total: f.total,
      open: f.open,
      decided: f.decided,
      passed: f.passed,
      passRate: f.passRate === null ? null : Math.round(f.passRate * 100),
      overdue: f.overdue,
      assessmentOverdue: f.assessmentOverdue,
    },
    byStage: { rows: byStage, chart: barChart(byStage) },
    medians: { rows: medians, chart: barChart(medians) },
    load: { rows: load, chart: barChart(load) },
  };
}
