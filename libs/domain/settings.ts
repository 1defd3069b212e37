import { NoShowRule } from './session';

/**
 * Durations and rules of the validation process. An awarding body sets its defaults and a standard may
 * override any of them; the case workflow reads the resolved values once, at the start of the case.
 */
export interface ProcessSettings {
  /** Days the candidate has to answer an evidence request before the case is withdrawn. */
  evidenceRequestDays: number;
  /** Days an assessor has to record an assessment before the case is reassigned. */
  assessorSlaDays: number;
  /** Day of the assessor's SLA on which the assessor is reminded. */
  assessorReminderDays: number;
  /** Days after a decision during which the candidate may appeal. */
  appealWindowDays: number;
  /** Days of candidate inactivity (draft or lapsed-reopen) before a reminder. */
  inactivityReminderDays: number;
  /** Days of candidate inactivity before the case lapses. */
  inactivityLapseDays: number;
  /** Days during which a lapsed case may be reopened (once). */
  reopenWindowDays: number;
  /** Whether the awarding body decides on admissibility after the completeness check. */
  requireAdmissibility: boolean;
  /** Share of cases (0..1) picked for moderation by sampling, besides borderline ones. */
  moderationSampleRate: number;
  /** A recommendation is borderline when the share of criteria met lies within [low, high]. */
  borderlineLow: number;
  borderlineHigh: number;
  /** Days between retries when no assessor without a conflict of interest is free. */
  assessorRetryDays: number;
  /** Minutes of notice a session needs: it starts at least this long after it is proposed (0: any later time). */
  sessionNoticeMinutes: number;
  /** Hours before an assessment session at which the candidate and the assessor are reminded of it. */
  sessionReminderHours: number;
  /** Days after a session's end the assessor has to record it (the assessment's SLA runs at least this long). */
  sessionResultDays: number;
  /** Times a candidate may ask for another time for a session, over the whole case. */
  sessionRescheduleLimit: number;
  /** What happens once a candidate has missed a second session without notice (see NoShowRule). */
  sessionNoShowRule: NoShowRule;
}

export const DEFAULT_PROCESS_SETTINGS: Readonly<ProcessSettings> = Object.freeze({
  evidenceRequestDays: 30,
  assessorSlaDays: 14,
  assessorReminderDays: 10,
  appealWindowDays: 30,
  inactivityReminderDays: 60,
  inactivityLapseDays: 90,
  reopenWindowDays: 365,
  requireAdmissibility: false,
  moderationSampleRate: 0,
  borderlineLow: 0.4,
  borderlineHigh: 0.6,
  assessorRetryDays: 1,
  sessionNoticeMinutes: 60,
  sessionReminderHours: 24,
  sessionResultDays: 3,
  sessionRescheduleLimit: 2,
  sessionNoShowRule: NoShowRule.Portfolio,
});

export type ProcessSettingsOverrides = Partial<ProcessSettings>;

/** Body defaults, then the standard's overrides; unknown keys and wrong types are ignored. */
export function resolveProcessSettings(
  body: ProcessSettingsOverrides | null | undefined,
  standard: ProcessSettingsOverrides | null | undefined,
): ProcessSettings {
  const resolved: ProcessSettings = { ...DEFAULT_PROCESS_SETTINGS };
  for (const source of [body, standard]) {
    if (!source) continue;
    for (const key of Object.keys(DEFAULT_PROCESS_SETTINGS) as (keyof ProcessSettings)[]) {
      const value = source[key];
      if (value !== undefined && typeof value === typeof DEFAULT_PROCESS_SETTINGS[key]) {
        (resolved as unknown as Record<string, unknown>)[key] = value;
      }
    }
  }
  return resolved;
}

/** Bounds of every setting in days: whole days, at least one, at most about ten years. */
export const SETTING_DAYS_MIN = 1;
export const SETTING_DAYS_MAX = 3650;

/** Whether `days` is a whole number of days from SETTING_DAYS_MIN to SETTING_DAYS_MAX. */
export function isSettingDays(days: unknown): days is number {
  return typeof days === 'number' && Number.isInteger(days) && days >= SETTING_DAYS_MIN && days <= SETTING_DAYS_MAX;
}

/** Problems with a settings object, as sentences; empty when valid. */
export function processSettingsProblems(settings: ProcessSettingsOverrides): string[] {
  const problems: string[] = [];
  const positiveDays: (keyof ProcessSettings)[] = [
    'evidenceRequestDays',
    'assessorSlaDays',
    'assessorReminderDays',
    'appealWindowDays',
    'inactivityReminderDays',
    'inactivityLapseDays',
    'reopenWindowDays',
    'assessorRetryDays',
    'sessionResultDays',
  ];
  for (const key of positiveDays) {
    const v = settings[key];
    if (v !== undefined && !isSettingDays(v)) {
      problems.push(`${key} must be a whole number of days from ${SETTING_DAYS_MIN} to ${SETTING_DAYS_MAX}`);
    }
  }
  const hours = settings.sessionReminderHours;
  if (hours !== undefined && !(Number.isInteger(hours) && hours >= 1 && hours <= 14 * 24)) {
    problems.push('sessionReminderHours must be a whole number of hours from 1 to 336');
  }
  const notice = settings.sessionNoticeMinutes;
  if (notice !== undefined && !(Number.isInteger(notice) && notice >= 0 && notice <= 14 * 24 * 60)) {
    problems.push('sessionNoticeMinutes must be a whole number of minutes from 0 to 20160 (14 days)');
  }
  const limit = settings.sessionRescheduleLimit;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0 && limit <= 10)) {
    problems.push('sessionRescheduleLimit must be a whole number from 0 to 10');
  }
  const rule = settings.sessionNoShowRule;
  if (rule !== undefined && !Object.values(NoShowRule).includes(rule)) {
    problems.push(`sessionNoShowRule must be one of ${Object.values(NoShowRule).join(', ')}`);
  }
  const r = resolveProcessSettings(null, settings);
  if (r.assessorReminderDays >= r.assessorSlaDays) problems.push('assessorReminderDays must be less than assessorSlaDays');
  if (r.inactivityReminderDays >= r.inactivityLapseDays) problems.push('inactivityReminderDays must be less than inactivityLapseDays');
  if (!(r.moderationSampleRate >= 0 && r.moderationSampleRate <= 1)) problems.push('moderationSampleRate must lie between 0 and 1');
  if (!(r.borderlineLow >= 0 && r.borderlineLow <= r.borderlineHigh && r.borderlineHigh <= 1)) {
    problems.push('borderlineLow and borderlineHigh must satisfy 0 <= low <= high <= 1');
  }
  return problems;
}

/**
 * Problems with settings as a client sent them (any JSON object): unknown keys and wrong types, else the rules of
 * processSettingsProblems; each sentence names the field under `settings`.
 */
export function settingsInputProblems(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const known = Object.keys(DEFAULT_PROCESS_SETTINGS);
  for (const [key, value] of Object.entries(input)) {
    const expected = known.includes(key) ? typeof DEFAULT_PROCESS_SETTINGS[key as keyof ProcessSettings] : undefined;
    if (!expected) problems.push(`settings.${key} is not a process setting; known settings are ${known.join(', ')}`);
    else if (typeof value !== expected) problems.push(`settings.${key} must be a ${expected}`);
  }
  return problems.length ? problems : processSettingsProblems(input as ProcessSettingsOverrides).map((p) => `settings: ${p}`);
}

export const DAY_MS = 24 * 60 * 60 * 1000;

