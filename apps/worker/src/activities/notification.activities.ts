import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config';
import { CaseFailure, Role } from '../../../../libs/domain';
import { NOTIFICATION_TRANSPORT } from '../../../../libs/notifications/notification-transport';
import type { NotificationTransport } from '../../../../libs/notifications/notification-transport';
import { TemplateRenderer, TemplateRenderError } from '../../../../libs/notifications/template-renderer';
import { CaseEntity, UserEntity } from '../../../../libs/persistence/entities';
import type { NotificationActivities, NotificationRequest } from '../../../../workflows/activities';

/** Where links in messages point: the public address of the API. */
export interface NotificationLinks {
  publicUrl: string;
}

export const NOTIFICATION_LINKS = Symbol('NOTIFICATION_LINKS');

/**
 * Renders a case's messages from the templates and hands them to the transport (the outbox), once per
 * recipient. Idempotent: the outbox keeps one message per (case key, recipient).
 */
@Injectable()
export class NotificationActivitiesService implements NotificationActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: TemplateRenderer,
    @Inject(NOTIFICATION_TRANSPORT) private readonly transport: NotificationTransport,
    @Inject(NOTIFICATION_LINKS) private readonly links: NotificationLinks,
  ) {}

  static linksFrom(config: AppConfig): NotificationLinks {
    return { publicUrl: config.http.publicUrl };
  }

  toActivities(): NotificationActivities {
    return { notify: this.notify.bind(this) };
  }

  async notify(n: NotificationRequest): Promise<void> {
    const found = await this.dataSource.getRepository(CaseEntity).findOneBy({ id: n.caseId });
    if (!found) throw ApplicationFailure.create({ type: CaseFailure.CaseNotFound, message: `there is no case ${n.caseId}`, nonRetryable: true });
    const users = this.dataSource.getRepository(UserEntity);
    const recipients =
      'userId' in n.to
        ? await users.findBy({ id: n.to.userId })
        : await users.find({ where: { role: Role.BodyAdmin, awardingBodyId: found.awardingBodyId, active: true }, order: { id: 'ASC' } });
    for (const recipient of recipients) {
      let rendered;
      try {
        rendered = this.renderer.render(n.template, {
          ...n.data,
          recipientName: recipient.displayName,
          caseId: n.caseId,
          caseUrl: `${this.links.publicUrl}/cases/${n.caseId}`,
        });
      } catch (err) {
        if (!(err instanceof TemplateRenderError)) throw err;
        // A template and its data that do not fit are a bug: retrying renders the same error.
        throw ApplicationFailure.create({ type: CaseFailure.InvalidInput, message: err.message, nonRetryable: true });
      }
      await this.transport.send({
        key: `${n.caseId}/${n.key}`,
        caseId: n.caseId,
        recipientUserId: recipient.id,
        recipientEmail: recipient.email,
        template: n.template,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
    }
  }
}
