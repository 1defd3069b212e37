import type { DataSource } from 'typeorm';
import { formatDeadline } from '../../../../libs/calendar';
import { DEFAULT_LOCALE, NotificationTemplate } from '../../../../libs/domain';
import type { Locale } from '../../../../libs/domain';
import { portalCaseUrl, writeOutbox } from '../../../../libs/notifications/outbox';
import type { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import type { CredentialExpiryActivities, ExpiryReminderReport } from '../../../../workflows/activities';
import type { WorkerSettings } from './case-records.activities';

/** How many credentials one sweep reminds at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 500;

interface Due {
  id: string;
  case_id: string | null;
  candidate_id: string;
  valid_until: Date;
  title: string;
  standard_title: string;
  body_name: string;
  time_zone: string;
  display_name: string;
  email: string;
  /** The holder's language; null until they choose one (English). */
  locale: Locale | null;
}

/**
 * The expiry reminder: run by the reconciler's periodic workflow, it tells each holder once, some days
 * (CREDENTIAL_EXPIRY_REMINDER_DAYS) before their credential's validUntil, that it expires and how to renew it.
 * Each credential is claimed (expiry_reminded_at) in the transaction that writes its message to the outbox, so a
 * sweep run twice, or retried after a crash, sends one message.
 */
export class CredentialExpiryActivitiesService implements CredentialExpiryActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: TemplateRenderer,
    private readonly settings: WorkerSettings,
  ) {}

  toActivities(): CredentialExpiryActivities {
    return { remindExpiringCredentials: this.remindExpiringCredentials.bind(this) };
  }

  async remindExpiringCredentials(input: { at: string }): Promise<ExpiryReminderReport> {
    const at = new Date(input.at);
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM credential
        WHERE expiry_reminded_at IS NULL AND revoked_at IS NULL AND suspended_at IS NULL
          AND valid_until > $1::timestamptz AND valid_until <= $1::timestamptz + make_interval(days => $2::int)
        ORDER BY valid_until, id LIMIT $3`,
      [at.toISOString(), this.settings.expiryReminderDays, SWEEP_LIMIT],
    );
    const reminded: string[] = [];
    for (const { id } of due) if (await this.remind(id, at)) reminded.push(id);
    return { reminded };
  }

  /** Claims one credential and writes its message, in one transaction; false when another sweep claimed it first. */
  private remind(id: string, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      // a CTE, so the driver hands back the rows (an UPDATE's answer would be [rows, count])
      const claimed: Due[] = await em.query(
        `WITH claimed AS (
           UPDATE credential c SET expiry_reminded_at = $2
             FROM app_user u, awarding_body b
            WHERE c.id = $1 AND c.expiry_reminded_at IS NULL AND u.id = c.candidate_id AND b.id = c.awarding_body_id
            RETURNING c.id, c.case_id, c.candidate_id, c.valid_until, c.elements->>'title' AS title, b.name AS body_name,
                      b.time_zone, u.display_name, u.email, u.locale)
         SELECT claimed.*, COALESCE(s.title, claimed.title) AS standard_title
           FROM claimed LEFT JOIN validation_case k ON k.id = claimed.case_id LEFT JOIN standard s ON s.id = k.standard_id`,
        [id, at],
      );
      const c = claimed[0];
      if (!c) return false;
      const locale = c.locale ?? DEFAULT_LOCALE;
      const rendered = this.renderer.render(
        NotificationTemplate.CredentialExpiring,
        {
          recipientName: c.display_name,
          credentialTitle: c.title,
          awardingBodyName: c.body_name,
          validUntil: formatDeadline(c.valid_until.toISOString(), c.time_zone, locale),
          credentialUrl: `${this.settings.publicUrl}/credentials/${c.id}`,
          // the layout's link and footer: the case that awarded it
          caseId: c.case_id ?? '',
          standardTitle: c.standard_title,
          caseUrl: c.case_id ? portalCaseUrl(this.settings.publicUrl, c.case_id, 'candidate') : `${this.settings.publicUrl}/portal/verify/${c.id}`,
        },
        locale,
      );
      await writeOutbox(em, {
        key: `credential-expiry/${c.id}`,
        caseId: c.case_id,
        recipientUserId: c.candidate_id,
        recipientEmail: c.email,
        template: NotificationTemplate.CredentialExpiring,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
      return true;
    });
  }
}
