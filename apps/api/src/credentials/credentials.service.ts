import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCALE, NotificationTemplate, Role } from '../../../../libs/domain';
import { portalCaseUrl, writeOutbox } from '../../../../libs/notifications/outbox';
import { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import { AwardingBodyEntity, CaseEntity, CredentialEntity, UserEntity } from '../../../../libs/persistence/entities';
import { CertificateRenderError } from '../../../../libs/certificates';
import { AuditRepository } from '../common/audit.repository';
import { CertificatePrinter } from './certificate-printer';
import type { Actor } from '../common/decorators';
import { CredentialError } from './credentials.errors';
import { toCredentialItem, VC_API_REASON } from './dto/credential.response';
import type { CredentialListResponse, CredentialResponseItem } from './dto/credential.response';

/** The signed forms a holder can download. */
export type CredentialForm = 'openBadge' | 'jwt' | 'europass';

/** The status columns a change writes. */
type StatusChange = Partial<Pick<CredentialEntity, 'suspendedAt' | 'suspendedBy' | 'suspensionReason' | 'revokedAt' | 'revokedBy' | 'revocationReason'>>;


/** How many credentials a list shows, newest first. */
const LIST_LIMIT = 200;

/**
 * The issued credentials: the holder reads and downloads their own; the issuing body's admins read theirs and
 * change their status (suspend, reinstate, revoke), each change audited with its reason. Nobody else sees one
 * here (404): the public checks them through verification.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly printer: CertificatePrinter,
  ) {}

  private readonly messages = new TemplateRenderer();

  async list(actor: Actor): Promise<CredentialListResponse> {
    const where = actor.role === Role.Candidate ? { candidateId: actor.id } : { awardingBodyId: actor.awardingBodyId ?? '' };
    const rows = await this.dataSource.getRepository(CredentialEntity).find({ where, order: { issuedAt: 'DESC', id: 'DESC' }, take: LIST_LIMIT });
    const now = new Date();
    return { items: rows.map((c) => toCredentialItem(c, this.config.http.publicUrl, now)) };
  }

  async get(actor: Actor, id: string): Promise<CredentialResponseItem> {
    return toCredentialItem(await this.visible(this.dataSource.manager, actor, id), this.config.http.publicUrl, new Date());
  }

  /** A signed form, exactly as issued. Errors: 404 not visible; 409 issued before signing. */
  async download(actor: Actor, id: string, form: CredentialForm): Promise<{ body: string; fileName: string }> {
    const c = await this.visible(this.dataSource.manager, actor, id);
    if (!c.keyId || !c.openBadge || !c.jwt || !c.europass) throw CredentialError.notSigned(id);
    switch (form) {
      case 'openBadge':
        return { body: JSON.stringify(c.openBadge, null, 2), fileName: `credential-${c.id}.json` };
      case 'jwt':
        return { body: c.jwt, fileName: `credential-${c.id}.jwt` };
      case 'europass':
        return { body: JSON.stringify(c.europass, null, 2), fileName: `credential-${c.id}-europass.json` };
    }
  }

  /** The printable certificate (A4 PDF) with the body's name and a QR code to the verification page; only while in force (409 otherwise). */
  async certificate(actor: Actor, id: string): Promise<{ body: Buffer; fileName: string }> {
    const c = await this.visible(this.dataSource.manager, actor, id);
    if (!c.awardSource) throw CredentialError.notSigned(id);
    // a fresh print of a credential not in force would look valid on paper: the verification page says why not
    if (c.revokedAt) throw CredentialError.revoked(id);
    if (c.suspendedAt) throw CredentialError.suspendedNoCertificate(id);
    try {
      const body = await this.printer.print(c.awardSource, { bodyName: c.awardSource.issuer.name });
      return { body, fileName: `certificate-${c.id}.pdf` };
    } catch (err) {
      if (err instanceof CertificateRenderError) throw CredentialError.certificateUnavailable(err.code);
      throw err;
    }
  }

  /**
   * The holder turns the public page of their credential on or off (off by default). Turning it on is refused
   * (409) while the credential is suspended or revoked: sharing it would present as theirs what the issuer
   * withdrew. Turning it off is always allowed.
   */
  async setPublicPage(actor: Actor, id: string, enabled: boolean): Promise<CredentialResponseItem> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.visible(em, actor, id, true);
      if (c.candidateId !== actor.id) throw CredentialError.notFound(id);
      if (enabled && c.revokedAt) throw CredentialError.notShareable(id, 'revoked');
      if (enabled && c.suspendedAt) throw CredentialError.notShareable(id, 'suspended');
      await em.update(CredentialEntity, { id }, { publicPage: enabled });
      await this.audit.record({ actorId: actor.id, action: enabled ? 'credential.shared' : 'credential.unshared', subjectType: 'credential', subjectId: id }, em);
      return toCredentialItem({ ...c, publicPage: enabled }, this.config.http.publicUrl, new Date());
    });
  }

  /** Suspends a credential in force (reversible): its suspension status bit is set at once. */
  suspend(actor: Actor, id: string, reason: string): Promise<CredentialResponseItem> {
    return this.changeStatus(actor, id, 'credential.suspended', NotificationTemplate.CredentialSuspended, reason, (c) => {
      if (c.suspendedAt) throw CredentialError.alreadySuspended(id);
      return { suspendedAt: new Date(), suspendedBy: actor.id, suspensionReason: reason };
    });
  }

  /** Lifts a suspension: the credential is in force again (unless it has expired meanwhile). */
  reinstate(actor: Actor, id: string, reason: string): Promise<CredentialResponseItem> {
    return this.changeStatus(actor, id, 'credential.reinstated', NotificationTemplate.CredentialReinstated, reason, (c) => {
      if (!c.suspendedAt) throw CredentialError.notSuspended(id);
      return { suspendedAt: null, suspendedBy: null, suspensionReason: null };
    });
  }

  /**
   * Revokes a credential for good (a wrong credential, a compromised key): its revocation status bit is set at
   * once and never cleared. The decision stands; to withdraw the award itself, revoke the decision.
   */
  revoke(actor: Actor, id: string, reason: string): Promise<CredentialResponseItem> {
    return this.changeStatus(actor, id, 'credential.revoked', NotificationTemplate.CredentialRevoked, reason, () => ({ revokedAt: new Date(), revokedBy: actor.id, revocationReason: reason }));
  }

  /**
   * The VC API's status update (POST /credentials/status): sets or clears the revocation or suspension bit.
   * Clearing a revocation is refused (409): revocation is for good. Setting what is already set changes nothing.
   */
  async updateStatus(actor: Actor, credentialId: string, purpose: 'revocation' | 'suspension', status: boolean): Promise<CredentialResponseItem> {
    const id = credentialId.replace(/^urn:uuid:/i, '').toLowerCase();
    const reason = VC_API_REASON;
    const current = await this.visible(this.dataSource.manager, actor, id);
    if (purpose === 'revocation') {
      if (status) return current.revokedAt ? toCredentialItem(current, this.config.http.publicUrl, new Date()) : this.revoke(actor, id, reason);
      if (current.revokedAt) throw CredentialError.revoked(id);
      return toCredentialItem(current, this.config.http.publicUrl, new Date());
    }
    if (status === !!current.suspendedAt && !current.revokedAt) return toCredentialItem(current, this.config.http.publicUrl, new Date());
    return status ? this.suspend(actor, id, reason) : this.reinstate(actor, id, reason);
  }

  private async changeStatus(
    actor: Actor,
    id: string,
    action: string,
    message: NotificationTemplate,
    reason: string,
    change: (c: CredentialEntity) => StatusChange,
  ): Promise<CredentialResponseItem> {
    const changed = await this.dataSource.transaction(async (em) => {
      const c = await this.visible(em, actor, id, true);
      if (actor.role !== Role.BodyAdmin) throw CredentialError.notFound(id);
      if (c.revokedAt) throw CredentialError.revoked(id);
      const values = change(c);
      // one id per change: its audit entry and its message to the holder, written together or not at all
      const changeId = randomUUID();
      await em.update(CredentialEntity, { id }, values);
      await this.audit.record({ actorId: actor.id, action, subjectType: 'credential', subjectId: id, data: { reason, caseId: c.caseId, changeId } }, em);
      await this.tellHolder(em, c, message, changeId, reason === VC_API_REASON ? '' : reason);
      return { ...c, ...values };
    });
    return toCredentialItem(changed, this.config.http.publicUrl, new Date());
  }

  /**
   * The holder's message about a status change, in their language, to the outbox the worker's mail relay delivers.
   * `reason` is the admin's, as typed; empty (not said) for a change through the VC API, which gives none.
   */
  private async tellHolder(em: EntityManager, c: CredentialEntity, template: NotificationTemplate, changeId: string, reason: string): Promise<void> {
    const holder = await em.findOneByOrFail(UserEntity, { id: c.candidateId });
    const body = await em.findOneByOrFail(AwardingBodyEntity, { id: c.awardingBodyId });
    const kase = c.caseId ? await em.findOne(CaseEntity, { where: { id: c.caseId }, relations: { standard: true } }) : null;
    const base = this.config.http.publicUrl;
    const locale = holder.locale ?? DEFAULT_LOCALE;
    const rendered = this.messages.render(
      template,
      {
        recipientName: holder.displayName,
        credentialTitle: c.elements.title,
        awardingBodyName: body.name,
        reason,
        credentialUrl: `${base}/portal/verify/${c.id}`,
        // the layout's link and footer: the case that awarded it, or the credential's page for a qualification's
        caseId: c.caseId ?? '',
        standardTitle: kase?.standard?.title ?? c.elements.title,
        caseUrl: c.caseId ? portalCaseUrl(base, c.caseId, 'candidate') : `${base}/portal/verify/${c.id}`,
      },
      locale,
    );
    await writeOutbox(em, {
      key: `credential-status/${changeId}`,
      caseId: c.caseId,
      recipientUserId: holder.id,
      recipientEmail: holder.email,
      template,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
    });
  }

  /** The credential if the actor may see it: its holder, or an admin of the body that issued it. */
  private async visible(em: EntityManager, actor: Actor, id: string, lock = false): Promise<CredentialEntity> {
    const rows = await em.getRepository(CredentialEntity).find({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const c = rows[0];
    const mine = c && (actor.role === Role.Candidate ? c.candidateId === actor.id : actor.role === Role.BodyAdmin && c.awardingBodyId === actor.awardingBodyId);
    if (!mine) throw CredentialError.notFound(id);
    return c;
  }
}
