import { DateTime, IANAZone } from 'luxon';
import { SETTING_DAYS_MAX, SETTING_DAYS_MIN } from '../domain';

/** The zone of an awarding body that has not chosen one. */
export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

export type DeadlineLocale = 'en' | 'fr';
const LOCALES: readonly DeadlineLocale[] = ['en', 'fr'];

/** Every segment of an IANA name starts with a capital letter: Europe/Paris, America/Port-au-Prince, Etc/GMT+3, UTC. */
const IANA_NAME = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/;

/** An ISO 8601 instant: a date and time with `Z` or an offset, so it means the same moment everywhere. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Whether `zone` is an IANA time zone name this runtime knows, spelled as the tz database spells it
 * ('Europe/Helsinki', 'UTC', 'America/Argentina/Buenos_Aires'). False for '', fixed offsets ('UTC+3', '+03:00'),
 * Luxon's keywords ('local', 'system'), unknown names and other spellings ('europe/paris'). Never throws.
 */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || !IANA_NAME.test(zone) || !IANAZone.isValidZone(zone)) return false;
  // Intl matches names case-insensitively; when it gives back the same name in other capitals, the spelling is wrong
  const canonical = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  return canonical.toLowerCase() !== zone.toLowerCase() || canonical === zone;
}

function assertTimeZone(fn: string, timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`${fn}: ${JSON.stringify(timeZone)} is not an IANA time zone name such as ${DEFAULT_TIME_ZONE}`);
  }
}

/**
 * The end of a deadline of `days` days, as people read one: 23:59:59.999 local time in `timeZone` on the
 * `days`-th calendar day after the local calendar day of `from` (day 0). A deadline of 1 day set at 23:30 on
 * 10 April ends at the end of 11 April. Calendar days, not multiples of 24 h: a day with a DST change counts as
 * one day, so the deadline stays at the local end of day.
 *
 * @param from the instant the period starts (a valid Date)
 * @param days whole number of days, 1 to 3650
 * @param timeZone IANA name (see isValidTimeZone)
 * @returns the last millisecond of that local day, as an instant
 * @throws RangeError when `from` is not a valid date, `days` is not a whole number from 1 to 3650, or the zone is invalid
 */
export function deadlineAfter(from: Date, days: number, timeZone: string): Date {
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw new RangeError('deadlineAfter: from must be a valid Date');
  // the bounds of the process settings in days, which are what deadlines are made of
  if (!Number.isInteger(days) || days < SETTING_DAYS_MIN || days > SETTING_DAYS_MAX) {
    throw new RangeError(`deadlineAfter: days must be a whole number from ${SETTING_DAYS_MIN} to ${SETTING_DAYS_MAX}, got ${String(days)}`);
  }
  assertTimeZone('deadlineAfter', timeZone);
  const end = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day').plus({ days }).endOf('day');
  return end.toJSDate();
}

/**
 * A deadline as a person reads it, in the zone it is kept in: "11 April 2027, 23:59 (Europe/Paris)" in English,
 * "11 avril 2027, 23:59 (Europe/Paris)" in French. Minutes are truncated, so the last millisecond of a day shows 23:59.
 *
 * @param at a valid Date, or an ISO 8601 instant with `Z` or an offset ('2027-04-11T21:59:59.999Z'); a date or
 *   time without an offset is refused, since it would mean a different moment on every server
 * @param timeZone IANA name (see isValidTimeZone)
 * @param locale 'en' (default) or 'fr'
 * @throws RangeError when `at` is not a valid instant, the zone is invalid or the locale is not supported
 */
export function formatDeadline(at: Date | string, timeZone: string, locale: DeadlineLocale = 'en'): string {
  let moment: DateTime;
  if (at instanceof Date) {
    moment = DateTime.fromJSDate(at);
  } else if (typeof at === 'string' && ISO_INSTANT.test(at)) {
    moment = DateTime.fromISO(at);
  } else {
    throw new RangeError(`formatDeadline: ${JSON.stringify(at)} is not an ISO 8601 instant with an offset, such as 2027-04-11T21:59:59.999Z`);
  }
  if (!moment.isValid) throw new RangeError(`formatDeadline: ${JSON.stringify(at instanceof Date ? String(at) : at)} is not a valid date and time`);
  assertTimeZone('formatDeadline', timeZone);
  if (!LOCALES.includes(locale)) throw new RangeError(`formatDeadline: locale must be one of ${LOCALES.join(', ')}, got ${JSON.stringify(locale)}`);
  return `${moment.setZone(timeZone).setLocale(locale).toFormat('d MMMM yyyy, HH:mm')} (${timeZone})`;
}

/**
 * Local calendar days from the day of `from` to the day of `to` in `timeZone` (0 on the same local day, never
 * negative). Used to give back to people the days a case spent parked for the awarding body.
 *
 * @throws RangeError when a date is invalid or the zone is invalid
 */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError('calendarDaysBetween: from and to must be valid Dates');
  assertTimeZone('calendarDaysBetween', timeZone);
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: timeZone }).startOf('day');
  return Math.max(0, Math.round(day(to).diff(day(from), 'days').days));
}

/**
 * A deadline moved `days` local calendar days later, ending at the local end of that day as every deadline does
 * (see deadlineAfter); `days` 0 gives the deadline back unchanged.
 *
 * @throws RangeError when the deadline is invalid, `days` is not a whole number from 0 to 3650, or the zone is invalid
 */
export function extendDeadline(deadline: Date, days: number, timeZone: string): Date {
  if (Number.isNaN(deadline.getTime())) throw new RangeError('extendDeadline: deadline must be a valid Date');
  if (!Number.isInteger(days) || days < 0 || days > SETTING_DAYS_MAX) {
    throw new RangeError(`extendDeadline: days must be a whole number from 0 to ${SETTING_DAYS_MAX}, got ${String(days)}`);
  }
  assertTimeZone('extendDeadline', timeZone);
  if (days === 0) return deadline;
  return DateTime.fromJSDate(deadline, { zone: timeZone }).startOf('day').plus({ days }).endOf('day').toJSDate();
}
