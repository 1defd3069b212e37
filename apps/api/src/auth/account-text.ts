import { ValidateBy } from 'class-validator';
import type { ValidationOptions } from 'class-validator';
import { LINE_BREAK } from '../../../../libs/domain';

/**
 * Control characters a person's name must not hold: C0 and C1 controls (a tab, a bell, an escape), DEL and the
 * direction overrides and isolates, which make a name read differently from what it is. Joiners (U+200C, U+200D)
 * are letters' business in several scripts and stay.
 */
const NAME_CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/** A display name as stored: trimmed and in Unicode NFC, so one name typed two ways is one name. */
export function normaliseDisplayName(name: string): string {
  return name.normalize('NFC').trim();
}

/**
 * A name without control characters (IsSingleLine lets a tab through). Line breaks are left to IsSingleLine,
 * which says "one line"; the sentence is IsSingleLine's for the others, so a name breaking both is told once; a
 * value of another type is left to IsString.
 */
export function HasNoControlCharacters(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasNoControlCharacters',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || [...value].every((c) => LINE_BREAK.test(c) || !NAME_CONTROL.test(c)),
        defaultMessage: () => '$property must be plain text: remove the control or direction-override characters',
      },
    },
    options,
  );
}

/**
 * The time zones a person may read dates in: the IANA names the runtime lists, and UTC. Legacy names that luxon
 * also accepts (US/Pacific, GMT+0, Etc/GMT-2, EST5EDT) are not offered and not accepted.
 */
export const ACCOUNT_TIME_ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
const ZONE_SET = new Set(ACCOUNT_TIME_ZONES);

/** An IANA Area/Location name (Europe/Kyiv), as opposed to the legacy forms US/Pacific, GMT+0 or EST5EDT. */
const AREA_LOCATION = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)?$/;

/**
 * A zone a person may choose: one the runtime lists, or an Area/Location name it knows under an older spelling
 * (Node's ICU lists Europe/Kiev and Asia/Calcutta; IANA's current names Europe/Kyiv and Asia/Kolkata are taken too).
 */
export function isAccountTimeZone(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (ZONE_SET.has(value)) return true;
  const resolved = resolvedZone(value) ?? '';
  // the runtime matches names without regard to case: Europe/PARIS is a typing slip, not another spelling
  return AREA_LOCATION.test(value) && ZONE_SET.has(resolved) && resolved.toLowerCase() !== value.toLowerCase();
}

/** The zone of ACCOUNT_TIME_ZONES a name stands for (US/Pacific: America/Los_Angeles; Europe/Kyiv: the runtime's spelling), or null. */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  if (ZONE_SET.has(value)) return value;
  const resolved = resolvedZone(value);
  return resolved && ZONE_SET.has(resolved) ? resolved : null;
}

function resolvedZone(value: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const ACCOUNT_TIME_ZONE_MESSAGE = 'timeZone must be an IANA time zone name in its canonical form, such as Europe/Paris, America/New_York or UTC; legacy aliases such as US/Pacific or GMT+0 are not accepted';

/** A time zone of ACCOUNT_TIME_ZONES (one constraint, so a wrong value gets one sentence, naming the zone an alias stands for). */
export function IsAccountTimeZone(options?: ValidationOptions): PropertyDecorator {
  const defaultMessage = (args?: { value?: unknown }) => {
    const canonical = canonicalTimeZone(args?.value);
    return canonical ? `${ACCOUNT_TIME_ZONE_MESSAGE}: use ${canonical}` : ACCOUNT_TIME_ZONE_MESSAGE;
  };
  return ValidateBy({ name: 'isAccountTimeZone', validator: { validate: isAccountTimeZone, defaultMessage } }, options);
}
