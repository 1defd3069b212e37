import {
  DEFAULT_PROCESS_SETTINGS,
  isSettingDays,
  processSettingsProblems,
  resolveProcessSettings,
  settingsInputProblems,
} from './settings';
import type { ProcessSettings } from './settings';
import { NoShowRule } from './session';

const DAY_SETTINGS: (keyof ProcessSettings)[] = [
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

describe('process settings', () => {
  it('accepts the defaults and an empty object', () => {
    expect(processSettingsProblems({})).toEqual([]);
    expect(processSettingsProblems({ ...DEFAULT_PROCESS_SETTINGS })).toEqual([]);
  });

  it('lets a standard override the body, which overrides the defaults', () => {
    const resolved = resolveProcessSettings({ evidenceRequestDays: 20, appealWindowDays: 15 }, { evidenceRequestDays: 10 });
    expect(resolved).toMatchObject({ evidenceRequestDays: 10, appealWindowDays: 15, assessorSlaDays: DEFAULT_PROCESS_SETTINGS.assessorSlaDays });
  });

  it('takes every setting in days as a whole number from 1 to 3650', () => {
    for (const key of DAY_SETTINGS) {
      for (const days of [1, 7, 3650]) {
        // alone, a value may break an ordering rule (a reminder before what it warns of): another sentence
        const problems = processSettingsProblems({ [key]: days }).filter((p) => p.includes('whole number'));
        expect({ key, days, problems }).toEqual({ key, days, problems: [] });
      }
      for (const days of [0.5, 1.5, 29.999, 0, -1, 3651, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect({ key, days, problems: processSettingsProblems({ [key]: days }) }).toEqual({
          key,
          days,
          problems: expect.arrayContaining([`${key} must be a whole number of days from 1 to 3650`]),
        });
      }
    }
  });

  it('refuses a day setting of the wrong type', () => {
    expect(processSettingsProblems({ evidenceRequestDays: '30' as unknown as number })).toEqual([
      'evidenceRequestDays must be a whole number of days from 1 to 3650',
    ]);
  });

  it('bounds the session settings: notice, reminder, reschedules and the no-show rule', () => {
    expect(processSettingsProblems({ sessionNoticeMinutes: 0, sessionReminderHours: 336, sessionRescheduleLimit: 0, sessionNoShowRule: NoShowRule.Withdraw })).toEqual([]);
    expect(processSettingsProblems({ sessionNoticeMinutes: -1, sessionReminderHours: 0, sessionRescheduleLimit: 11, sessionNoShowRule: 'ignore' as NoShowRule })).toEqual([
      'sessionReminderHours must be a whole number of hours from 1 to 336',
      'sessionNoticeMinutes must be a whole number of minutes from 0 to 20160 (14 days)',
      'sessionRescheduleLimit must be a whole number from 0 to 10',
      'sessionNoShowRule must be one of withdraw, portfolio',
    ]);
    expect(settingsInputProblems({ sessionNoShowRule: 3 })).toEqual(['settings.sessionNoShowRule must be a string']);
  });

  it('isSettingDays says the same', () => {
    expect([1, 30, 3650].map(isSettingDays)).toEqual([true, true, true]);
    expect([0, 0.5, 3651, '3', null, undefined, Number.NaN].map(isSettingDays)).toEqual([false, false, false, false, false, false, false]);
  });

  it('keeps the reminders before what they warn of, and rates and thresholds between 0 and 1', () => {
    expect(processSettingsProblems({ assessorSlaDays: 5, assessorReminderDays: 5 })).toEqual(['assessorReminderDays must be less than assessorSlaDays']);
    expect(processSettingsProblems({ inactivityLapseDays: 30 })).toEqual(['inactivityReminderDays must be less than inactivityLapseDays']);
    expect(processSettingsProblems({ moderationSampleRate: 1.5 })).toEqual(['moderationSampleRate must lie between 0 and 1']);
    expect(processSettingsProblems({ moderationSampleRate: Number.NaN })).toEqual(['moderationSampleRate must lie between 0 and 1']);
    expect(processSettingsProblems({ borderlineLow: 0.7, borderlineHigh: 0.6 })).toEqual(['borderlineLow and borderlineHigh must satisfy 0 <= low <= high <= 1']);
  });
});

describe('settings as a client sends them', () => {
  it('names unknown keys and wrong types before the rules', () => {
    expect(settingsInputProblems({ evidenceDays: 3 })).toEqual([expect.stringMatching(/^settings\.evidenceDays is not a process setting; known settings are evidenceRequestDays, /)]);
    expect(settingsInputProblems({ requireAdmissibility: 'yes' })).toEqual(['settings.requireAdmissibility must be a boolean']);
    expect(settingsInputProblems({ appealWindowDays: '30' })).toEqual(['settings.appealWindowDays must be a number']);
  });

  it('does not take inherited names for settings', () => {
    expect(settingsInputProblems({ constructor: 1 })).toEqual([expect.stringMatching(/^settings\.constructor is not a process setting/)]);
    expect(settingsInputProblems(JSON.parse('{"__proto__": {"x": 1}}'))).toEqual([expect.stringMatching(/^settings\.__proto__ is not a process setting/)]);
  });

  it('then applies the domain rules, fractional days included', () => {
    expect(settingsInputProblems({ appealWindowDays: 0.5 })).toEqual(['settings: appealWindowDays must be a whole number of days from 1 to 3650']);
    expect(settingsInputProblems({ appealWindowDays: 14, requireAdmissibility: true })).toEqual([]);
  });
});
