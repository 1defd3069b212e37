import type { DataSource } from 'typeorm';
import type { CaseActivities } from '../../../../workflows/activities';
import { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import { CaseRecordsActivities } from './case-records.activities';
import type { MessageLinks } from './case-step.writer';
import { ReconcilerActivitiesService } from './reconciler.activities';
import type { ReconcilerTarget } from './reconciler.activities';

export { CaseRecordsActivities, MESSAGE_LINKS } from './case-records.activities';
export type { MessageLinks } from './case-step.writer';
export { ReconcilerActivitiesService } from './reconciler.activities';
export type { ReconcilerTarget } from './reconciler.activities';

/**
 * The worker's real activities built on a DataSource without Nest (tests, scripts); the Nest worker builds the
 * same classes by injection. The reconciler needs a Temporal client to restart workflows.
 */
export function createActivities(
  dataSource: DataSource,
  options: { links?: MessageLinks; renderer?: TemplateRenderer; reconciler?: ReconcilerTarget } = {},
): CaseActivities {
  const records = new CaseRecordsActivities(dataSource, options.renderer ?? new TemplateRenderer(), options.links ?? { publicUrl: 'http://127.0.0.1:3000' });
  const reconciler = new ReconcilerActivitiesService(dataSource, records, () => options.reconciler ?? null);
  return { ...records.toActivities(), ...reconciler.toActivities() };
}
