import { LearningSetting, ParticipationForm } from '../domain';

/** How each form of participation reads on a certificate (the Recommendation's own wording where it has one). */
export const PARTICIPATION_FORM_LABELS: Readonly<Record<ParticipationForm, string>> = {
  [ParticipationForm.Online]: 'Online',
  [ParticipationForm.Onsite]: 'On-site',
  [ParticipationForm.Blended]: 'Blended (online and on-site)',
  [ParticipationForm.Volunteering]: 'Volunteering',
  [ParticipationForm.WorkExperience]: 'Work experience',
  [ParticipationForm.SelfDirected]: 'Self-directed learning',
};

/** The European Learning Model's learning settings, in words. */
export const LEARNING_SETTING_LABELS: Readonly<Record<LearningSetting, string>> = {
  [LearningSetting.Formal]: 'Formal learning',
  [LearningSetting.NonFormal]: 'Non-formal learning',
  [LearningSetting.Informal]: 'Informal learning',
};

export function participationFormLabel(form: ParticipationForm): string {
  const label = PARTICIPATION_FORM_LABELS[form];
  if (!label) throw new RangeError(`unknown form of participation: ${String(form)}`);
  return label;
}

export function learningSettingLabel(setting: LearningSetting): string {
  const label = LEARNING_SETTING_LABELS[setting];
  if (!label) throw new RangeError(`unknown learning setting: ${String(setting)}`);
  return label;
}

const DATE_IN_WORDS = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** An ISO 8601 date or instant as "27 November 2026" (the UTC calendar day, as the credential records it). */
export function dateInWords(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an ISO 8601 date: ${JSON.stringify(iso)}`);
  return DATE_IN_WORDS.format(at);
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "France (FR)" for "FR"; the code alone if ICU does not know it. */
export function countryInWords(code: string): string {
  const name = /^[A-Z]{2}$/.test(code) ? REGION_NAMES.of(code) : undefined;
  return name ? `${name} (${code})` : code;
}
