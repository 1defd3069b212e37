import type { DataSource } from 'typeorm';
import type { CaseActivities } from '../../../../workflows/activities';
import { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import { CaseRecordsActivities } from './case-records.activities';
import { loadConfig } from '../../../../libs/config/config';
import type { IssuanceSettings } from './credential-issuer';
import { ReconcilerActivitiesService } from './reconciler.activities';
import type { ReconcilerTarget } from './reconciler.activities';

export { CaseRecordsActivities, ISSUANCE_SETTINGS } from './case-records.activities';
export type { IssuanceSettings } from './credential-issuer';
export { ReconcilerActivitiesService } from './reconciler.activities';
export type { ReconcilerTarget } from './reconciler.activities';

/**
 * The worker's real activities built on a DataSource without Nest (tests, scripts); the Nest worker builds the
 * same classes by injection. The reconciler needs a Temporal client to restart workflows.
 */
export function createActivities(
  dataSource: DataSource,
  options: { settings?: IssuanceSettings; renderer?: TemplateRenderer; reconciler?: ReconcilerTarget } = {},
): CaseActivities {
  // outside production the configuration's defaults: the development keyring, the local address
  const settings = options.settings ?? CaseRecordsActivities.settingsFrom(loadConfig({ NODE_ENV: 'test' }));
  const records = new CaseRecordsActivities(dataSource, options.renderer ?? new TemplateRenderer(), settings);
  const reconciler = new ReconcilerActivitiesService(dataSource, records, () => options.reconciler ?? null);
  return { ...records.toActivities(), ...reconciler.toActivities() };
}
