import type { DataSource } from 'typeorm';
import type { CaseActivities } from '../../../../workflows/activities';
import { OutboxTransport } from '../../../../libs/notifications/outbox.transport';
import type { NotificationTransport } from '../../../../libs/notifications/notification-transport';
import { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import { CaseRecordsActivities } from './case-records.activities';
import { NotificationActivitiesService } from './notification.activities';
import type { NotificationLinks } from './notification.activities';

export { CaseRecordsActivities } from './case-records.activities';
export { NOTIFICATION_LINKS, NotificationActivitiesService } from './notification.activities';
export type { NotificationLinks } from './notification.activities';

/** Both activity classes as the plain object Worker.create takes. */
export function activitiesOf(records: CaseRecordsActivities, notifications: NotificationActivitiesService): CaseActivities {
  return { ...records.toActivities(), ...notifications.toActivities() };
}

/**
 * The worker's real activities built on a DataSource without Nest (tests, scripts). The Nest worker builds
 * the same classes by injection. A test may swap the transport, the only outbound part.
 */
export function createActivities(
  dataSource: DataSource,
  options: { links?: NotificationLinks; transport?: NotificationTransport; renderer?: TemplateRenderer } = {},
): CaseActivities {
  const records = new CaseRecordsActivities(dataSource);
  const notifications = new NotificationActivitiesService(
    dataSource,
    options.renderer ?? new TemplateRenderer(),
    options.transport ?? new OutboxTransport(dataSource),
    options.links ?? { publicUrl: 'http://127.0.0.1:3000' },
  );
  return activitiesOf(records, notifications);
}
