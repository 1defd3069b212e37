import { DateTime } from 'luxon';

/**
 * When a reminder of n days after `from` goes out: 09:00 local time on the n-th calendar day after `from`'s
 * local day, in the IANA zone (people are reminded in the morning, not at midnight).
 */
export function reminderOn(from: Date, days: number, timeZone: string): Date {
  const local = DateTime.fromJSDate(from, { zone: timeZone });
  if (!local.isValid) throw new Error(`invalid time zone or date: ${timeZone}`);
  return local.startOf('day').plus({ days }).set({ hour: 9 }).toJSDate();
}
