import type { DataSource } from 'typeorm';
import type { CaseActivities } from '../../../../workflows/activities';
import { TemplateRenderer } from '../../../../libs/notifications/template-renderer';
import { CaseRecordsActivities } from './case-records.activities';
import { loadConfig } from '../../../../libs/config/config';
import type { WorkerSettings } from './case-records.activities';
import { CredentialExpiryActivitiesService } from './credential-expiry.activities';
import { ReconcilerActivitiesService } from './reconciler.activities';
import type { ReconcilerTarget } from './reconciler.activities';

export { CaseRecordsActivities, WORKER_SETTINGS } from './case-records.activities';
export type { WorkerSettings } from './case-records.activities';
export type { IssuanceSettings } from './credential-issuer';
export { ReconcilerActivitiesService } from './reconciler.activities';
export { CredentialExpiryActivitiesService } from './credential-expiry.activities';
export type { ReconcilerTarget } from './reconciler.activities';

/**
 * The worker's real activities built on a DataSource without Nest (tests, scripts); the Nest worker builds the
 * same classes by injection. The reconciler needs a Temporal client to restart workflows.
 */
export function createActivities(
  dataSource: DataSource,
  options: { settings?: WorkerSettings; renderer?: TemplateRenderer; reconciler?: ReconcilerTarget } = {},
): CaseActivities {
  // outside production the configuration's defaults: the development keyring, the local address
  const settings = options.settings ?? CaseRecordsActivities.settingsFrom(loadConfig({ NODE_ENV: 'test' }));
  const renderer = options.renderer ?? new TemplateRenderer();
  const records = new CaseRecordsActivities(dataSource, renderer, settings);
  const reconciler = new ReconcilerActivitiesService(dataSource, records, () => options.reconciler ?? null);
  const expiry = new CredentialExpiryActivitiesService(dataSource, renderer, settings);
  return { ...records.toActivities(), ...reconciler.toActivities(), ...expiry.toActivities() };
}
