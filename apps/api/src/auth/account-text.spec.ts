import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { RegisterDto } from './dto/register.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { ACCOUNT_TIME_ZONE_MESSAGE, canonicalTimeZone, isAccountTimeZone, normaliseDisplayName } from './account-text';

const messages = async <T extends object>(type: new () => T, plain: object) =>
  (await validate(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('display names', () => {
  it('are stored in NFC and trimmed, so one name typed two ways is one name', () => {
    const decomposed = ' Zoe\u0301 Lefe\u0300vre ';
    expect(normaliseDisplayName(decomposed)).toBe('Zoé Lefèvre');
    expect(normaliseDisplayName(decomposed)).toBe(normaliseDisplayName('Zoé Lefèvre'));
  });

  it('refuse control characters at sign-up, and keep the joiners some scripts need', async () => {
    const register = (displayName: string) => messages(RegisterDto, { email: 'ana@example.org', password: 'a long enough passphrase', displayName });
    for (const name of ['Ana\tBell', 'Ana\u0007', 'Ana\u001b[31m', 'Ana\u009b', 'Ana\u202eleB']) {
      expect({ name, messages: await register(name) }).toEqual({ name, messages: expect.arrayContaining(['displayName must be plain text: remove the control or direction-override characters']) });
    }
    expect(await register('Ana\nBell')).toEqual(['displayName must be on one line: remove the line breaks']);
    expect(await register('می\u200cخواهم')).toEqual([]);
  });
});

describe('account time zones', () => {
  it('are the canonical IANA names the runtime lists, and UTC', () => {
    // IANA's current names too, where the runtime's list has an older spelling
    for (const zone of ['Europe/Paris', 'America/New_York', 'UTC', 'Pacific/Auckland', 'Europe/Kyiv', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires']) expect({ zone, ok: isAccountTimeZone(zone) }).toEqual({ zone, ok: true });
    for (const zone of ['US/Pacific', 'GMT+0', 'Etc/GMT-2', 'GMT', 'Europe/paris', 'Europe/PARIS', 'EST5EDT', 'UCT', '', 'Mars/Olympus']) expect({ zone, ok: isAccountTimeZone(zone) }).toEqual({ zone, ok: false });
  });

  it('name the zone a legacy alias stands for', () => {
    expect(['US/Pacific', 'GMT+0', 'America/Montreal', 'Europe/Paris', 'Mars/Olympus', 'x'.repeat(100)].map(canonicalTimeZone)).toEqual(['America/Los_Angeles', 'UTC', 'America/Toronto', 'Europe/Paris', null, null]);
  });

  it('are what PATCH /auth/me accepts, with one sentence for a legacy name', async () => {
    expect(await messages(UpdateMeDto, { timeZone: 'US/Pacific' })).toEqual([`${ACCOUNT_TIME_ZONE_MESSAGE}: use America/Los_Angeles`]);
    expect(await messages(UpdateMeDto, { timeZone: 'Mars/Olympus' })).toEqual([ACCOUNT_TIME_ZONE_MESSAGE]);
    expect(await messages(UpdateMeDto, { timeZone: 'Europe/Helsinki' })).toEqual([]);
    expect(await messages(UpdateMeDto, { timeZone: null })).toEqual([]);
  });
});
