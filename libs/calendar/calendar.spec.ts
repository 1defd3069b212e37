import { calendarDaysBetween, DEFAULT_TIME_ZONE, deadlineAfter, extendDeadline, formatDeadline, isValidTimeZone } from './calendar';

const DAY_MS = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

describe('deadlineAfter', () => {
  it('ends a deadline that starts at 23:30 local at the end of the next local day', () => {
    // 23:30 on 10 April in Paris (CEST, UTC+2) is 21:30 UTC
    const due = deadlineAfter(at('2027-04-10T21:30:00Z'), 1, 'Europe/Paris');
    expect(due.toISOString()).toBe('2027-04-11T21:59:59.999Z');
    expect(formatDeadline(due, 'Europe/Paris')).toBe('11 April 2027, 23:59 (Europe/Paris)');
  });

  it('counts the local calendar day of the start as day 0, even when the UTC date is another', () => {
    // 20:00 on 13 March in New York (EST) is already 14 March in UTC
    expect(deadlineAfter(at('2027-03-14T01:00:00Z'), 1, 'America/New_York').toISOString()).toBe('2027-03-15T03:59:59.999Z');
    // 00:30 on 12 April in Helsinki (EEST) is still 11 April in UTC
    expect(deadlineAfter(at('2027-04-11T21:30:00Z'), 1, 'Europe/Helsinki').toISOString()).toBe('2027-04-13T20:59:59.999Z');
  });

  describe('across DST changes, the deadline stays at the local end of day', () => {
    it('Europe/Paris, spring forward (28 March 2027, a 23-hour day)', () => {
      expect(deadlineAfter(at('2027-03-27T11:00:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2027-03-28T21:59:59.999Z');
      // starting on the short day itself, before and after the change
      expect(deadlineAfter(at('2027-03-28T00:30:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2027-03-29T21:59:59.999Z');
      expect(deadlineAfter(at('2027-03-28T21:30:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2027-03-29T21:59:59.999Z');
      // a week that spans the change: from winter time (UTC+1) to summer time (UTC+2)
      expect(deadlineAfter(at('2027-03-25T09:00:00Z'), 7, 'Europe/Paris').toISOString()).toBe('2027-04-01T21:59:59.999Z');
    });

    it('Europe/Paris, fall back (31 October 2027, a 25-hour day)', () => {
      expect(deadlineAfter(at('2027-10-30T10:00:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2027-10-31T22:59:59.999Z');
      // 02:30 happens twice on 31 October; both count as day 0
      expect(deadlineAfter(at('2027-10-31T00:30:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2027-11-01T22:59:59.999Z');
      expect(deadlineAfter(at('2027-10-31T01:30:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2027-11-01T22:59:59.999Z');
    });

    it('America/New_York, spring forward (14 March 2027) and fall back (7 November 2027)', () => {
      expect(deadlineAfter(at('2027-03-13T15:00:00Z'), 1, 'America/New_York').toISOString()).toBe('2027-03-15T03:59:59.999Z');
      expect(deadlineAfter(at('2027-03-14T15:00:00Z'), 1, 'America/New_York').toISOString()).toBe('2027-03-16T03:59:59.999Z');
      expect(deadlineAfter(at('2027-11-06T14:00:00Z'), 1, 'America/New_York').toISOString()).toBe('2027-11-08T04:59:59.999Z');
      expect(formatDeadline('2027-11-08T04:59:59.999Z', 'America/New_York')).toBe('7 November 2027, 23:59 (America/New_York)');
    });
  });

  it('still accepts an appeal made in Helsinki on the evening of the last day', () => {
    // decision at 12:00 on 1 March 2027 in Helsinki (EET, UTC+2), an appeal window of 30 days
    const decidedAt = at('2027-03-01T10:00:00Z');
    const due = deadlineAfter(decidedAt, 30, 'Europe/Helsinki');
    // 31 March is in summer time (EEST, UTC+3) since 28 March
    expect(due.toISOString()).toBe('2027-03-31T20:59:59.999Z');
    expect(formatDeadline(due, 'Europe/Helsinki')).toBe('31 March 2027, 23:59 (Europe/Helsinki)');
    const appealedAt = at('2027-03-31T19:30:00Z'); // 22:30 local on 31 March
    expect(appealedAt.getTime()).toBeLessThan(due.getTime());
    // what `now + 30 × 24 h` gave: the appeal would have been refused
    expect(appealedAt.getTime()).toBeGreaterThan(decidedAt.getTime() + 30 * DAY_MS);
  });

  it('counts leap days as calendar days', () => {
    expect(deadlineAfter(at('2028-02-28T08:00:00Z'), 1, 'Europe/Paris').toISOString()).toBe('2028-02-29T22:59:59.999Z');
    expect(deadlineAfter(at('2028-02-28T08:00:00Z'), 2, 'Europe/Paris').toISOString()).toBe('2028-03-01T22:59:59.999Z');
    expect(deadlineAfter(at('2028-02-29T08:00:00Z'), 365, 'UTC').toISOString()).toBe('2029-02-28T23:59:59.999Z');
    expect(deadlineAfter(at('2027-02-28T08:00:00Z'), 1, 'UTC').toISOString()).toBe('2027-03-01T23:59:59.999Z');
  });

  it('accepts the bounds of the day settings', () => {
    expect(deadlineAfter(at('2027-01-01T12:00:00Z'), 1, 'UTC').toISOString()).toBe('2027-01-02T23:59:59.999Z');
    expect(deadlineAfter(at('2027-01-01T12:00:00Z'), 3650, 'UTC').toISOString()).toBe('2036-12-29T23:59:59.999Z');
  });

  it('refuses days that are not a whole number from 1 to 3650', () => {
    for (const days of [0, -1, 0.5, 1.5, 3651, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => deadlineAfter(at('2027-01-01T12:00:00Z'), days, 'UTC')).toThrow(
        new RangeError(`deadlineAfter: days must be a whole number from 1 to 3650, got ${String(days)}`),
      );
    }
    expect(() => deadlineAfter(at('2027-01-01T12:00:00Z'), '3' as unknown as number, 'UTC')).toThrow(RangeError);
  });

  it('refuses an invalid zone or start', () => {
    for (const zone of ['', 'UTC+3', '+03:00', 'Mars/Olympus_Mons', 'europe/paris', 'local']) {
      expect(() => deadlineAfter(at('2027-01-01T12:00:00Z'), 1, zone)).toThrow(
        new RangeError(`deadlineAfter: ${JSON.stringify(zone)} is not an IANA time zone name such as Europe/Brussels`),
      );
    }
    expect(() => deadlineAfter(new Date('nonsense'), 1, 'UTC')).toThrow(new RangeError('deadlineAfter: from must be a valid Date'));
    expect(() => deadlineAfter('2027-01-01T12:00:00Z' as unknown as Date, 1, 'UTC')).toThrow(RangeError);
  });
});

describe('formatDeadline', () => {
  it('writes the local date, time and zone in English and in French', () => {
    expect(formatDeadline('2027-04-11T21:59:59.999Z', 'Europe/Paris')).toBe('11 April 2027, 23:59 (Europe/Paris)');
    expect(formatDeadline('2027-04-11T21:59:59.999Z', 'Europe/Paris', 'en')).toBe('11 April 2027, 23:59 (Europe/Paris)');
    expect(formatDeadline('2027-04-11T21:59:59.999Z', 'Europe/Paris', 'fr')).toBe('11 avril 2027, 23:59 (Europe/Paris)');
    expect(formatDeadline(at('2028-02-29T22:59:59.999Z'), 'Europe/Paris', 'fr')).toBe('29 février 2028, 23:59 (Europe/Paris)');
    expect(formatDeadline(at('2027-04-11T21:59:59.999Z'), 'UTC')).toBe('11 April 2027, 21:59 (UTC)');
  });

  it('reads an instant with any offset', () => {
    expect(formatDeadline('2027-04-11T23:59:59.999+02:00', 'Europe/Paris')).toBe('11 April 2027, 23:59 (Europe/Paris)');
    expect(formatDeadline('2027-04-11T17:59:59-04:00', 'Europe/Helsinki')).toBe('12 April 2027, 00:59 (Europe/Helsinki)');
  });

  it('refuses what is not an instant instead of writing "Invalid DateTime"', () => {
    for (const value of ['', 'not a date', '2027-04-11', '2027-04-11T23:59', '2027-02-30T12:00:00Z', '1712872799999']) {
      expect(() => formatDeadline(value, 'Europe/Paris')).toThrow(RangeError);
    }
    expect(() => formatDeadline('2027-04-11', 'Europe/Paris')).toThrow(/"2027-04-11" is not an ISO 8601 instant with an offset/);
    expect(() => formatDeadline(new Date('nonsense'), 'Europe/Paris')).toThrow(/is not a valid date and time/);
    expect(() => formatDeadline(null as unknown as string, 'Europe/Paris')).toThrow(RangeError);
  });

  it('refuses an invalid zone or an unsupported locale', () => {
    expect(() => formatDeadline('2027-04-11T21:59:59.999Z', 'UTC+3')).toThrow(/"UTC\+3" is not an IANA time zone name/);
    expect(() => formatDeadline('2027-04-11T21:59:59.999Z', 'Europe/Paris', 'de' as 'en')).toThrow(/locale must be one of en, fr, got "de"/);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names as the tz database spells them', () => {
    for (const zone of ['UTC', 'Europe/Helsinki', 'Europe/Paris', 'America/New_York', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'Europe/Kyiv', 'Etc/GMT+3', DEFAULT_TIME_ZONE]) {
      expect({ zone, valid: isValidTimeZone(zone) }).toEqual({ zone, valid: true });
    }
  });

  it('refuses empty strings, offsets, keywords, unknown names and other spellings', () => {
    for (const zone of ['', ' ', 'UTC+3', 'UTC+03:00', 'GMT-5', '+03:00', 'Z', 'local', 'system', 'Europe/Atlantis', 'europe/paris', 'EUROPE/PARIS', 'Europe/Paris ', '../etc/passwd']) {
      expect({ zone, valid: isValidTimeZone(zone) }).toEqual({ zone, valid: false });
    }
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(3 as unknown as string)).toBe(false);
  });

  it('has Europe/Brussels as the default zone', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Brussels');
  });
});

describe('the days a case spent parked', () => {
  it('counts local calendar days, across a DST change, and never less than 0', () => {
    // 22:00 on 27 March to 09:00 on 29 March 2027 in Paris: two local days, one of them 23 hours long
    expect(calendarDaysBetween(at('2027-03-27T21:00:00Z'), at('2027-03-29T07:00:00Z'), 'Europe/Paris')).toBe(2);
    // 10:00 to 23:00 on the same local day
    expect(calendarDaysBetween(at('2027-03-27T09:00:00Z'), at('2027-03-27T22:00:00Z'), 'Europe/Paris')).toBe(0);
    // one UTC day apart, but 23:00 on 9 January to 18:30 on 11 January in New York
    expect(calendarDaysBetween(at('2027-01-10T04:00:00Z'), at('2027-01-11T23:30:00Z'), 'UTC')).toBe(1);
    expect(calendarDaysBetween(at('2027-01-10T04:00:00Z'), at('2027-01-11T23:30:00Z'), 'America/New_York')).toBe(2);
    expect(calendarDaysBetween(at('2027-01-11T00:00:00Z'), at('2027-01-10T00:00:00Z'), 'UTC')).toBe(0);
  });

  it('moves a deadline by whole local days to the end of that local day', () => {
    const due = deadlineAfter(at('2027-03-20T10:00:00Z'), 7, 'Europe/Paris'); // 27 March, 23:59 (UTC+1)
    const moved = extendDeadline(due, 3, 'Europe/Paris'); // 30 March, 23:59 (UTC+2 since 28 March)
    expect(moved.toISOString()).toBe('2027-03-30T21:59:59.999Z');
    expect(formatDeadline(moved, 'Europe/Paris')).toBe('30 March 2027, 23:59 (Europe/Paris)');
    expect(extendDeadline(due, 0, 'Europe/Paris')).toBe(due);
    for (const days of [-1, 0.5, 3651]) expect(() => extendDeadline(due, days, 'Europe/Paris')).toThrow(RangeError);
  });
});
