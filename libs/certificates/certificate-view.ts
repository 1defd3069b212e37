import type { AwardSource } from '../credentials/award-source';
import { countryInWords, dateInWords, learningSettingLabel, participationFormLabel } from './labels';

/** How the awarding body's certificates look: its name as it signs, and optionally its colour and logo. */
export interface CertificateBranding {
  bodyName: string;
  /** A CSS hex colour, "#1a4d8f" or "#18f". */
  accentColour?: string;
  /** The logo inline: a base64 `data:` URI of a PNG, JPEG, GIF, WebP or SVG image. Nothing is ever fetched. */
  logoDataUri?: string;
}

/** One labelled line of the certificate's table of micro-credential elements. */
export interface CertificateRow {
  label: string;
  value: string;
}

/** What the certificate template is given: every value already in words, nothing left for the template to decide. */
export interface CertificateView {
  lang: string;
  /** What is certified, as printed above the title: "Micro-credential", or "Qualification" for a stacked one. */
  kind: string;
  /** The same in running text: "micro-credential" or "qualification". */
  kindInText: string;
  bodyName: string;
  accentColour: string;
  logoDataUri: string | null;
  learnerName: string;
  title: string;
  awardingBodyName: string;
  dateOfIssue: string;
  /** The mandatory elements of the Recommendation (Annex I, part I), in its order. */
  mandatory: CertificateRow[];
  learningOutcomes: { code: string; description: string }[];
  /** The optional elements (Annex I, part II) that this credential sets; absent ones are left out. */
  optional: CertificateRow[];
  credentialId: string;
  verificationUrl: string;
  qrCodeDataUri: string;
}

/** Branding that cannot be used as given: a colour or logo that is not the plain value it must be. */
export class CertificateBrandingError extends Error {
  override name = 'CertificateBrandingError';
}

export const DEFAULT_ACCENT_COLOUR = '#1f3a68';
const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const IMAGE_DATA_URI = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * The certificate's content, in English, from the issued credential. The colour goes into CSS, where HTML escaping
 * does not protect, so it must be a hex colour; the logo must be an inline image, so printing never fetches.
 */
export function certificateView(source: AwardSource, branding: CertificateBranding, qrCodeDataUri: string): CertificateView {
  const accentColour = branding.accentColour ?? DEFAULT_ACCENT_COLOUR;
  if (!HEX_COLOUR.test(accentColour)) throw new CertificateBrandingError(`the accent colour must be a hex colour such as #1f3a68, got ${JSON.stringify(accentColour)}`);
  const logoDataUri = branding.logoDataUri ?? null;
  if (logoDataUri !== null && !IMAGE_DATA_URI.test(logoDataUri)) {
    throw new CertificateBrandingError('the logo must be a base64 data: URI of a PNG, JPEG, GIF, WebP or SVG image');
  }
  if (!branding.bodyName.trim()) throw new CertificateBrandingError('the body name is required');

  const e = source.elements;
  const kindInText = source.achievement.type === 'Certificate' ? 'qualification' : 'micro-credential';
  const mandatory: CertificateRow[] = [
    { label: 'Learner', value: e.learnerIdentification.name },
    { label: `Title of the ${kindInText}`, value: e.title },
    { label: 'Country of the issuer', value: countryInWords(e.countryOfIssuer) },
    { label: 'Awarding body', value: e.awardingBody.name },
    { label: 'Date of issue', value: dateInWords(e.dateOfIssue) },
    { label: 'Notional workload', value: hours(e.notionalWorkloadHours) },
    { label: 'Credits', value: e.credits ? `${formatNumber(e.credits.value)} ${e.credits.system} credits` : 'Not expressed in credits' },
    { label: 'Level', value: [`EQF level ${e.eqfLevel}`, ...(e.nqfLevel === null ? [] : [`NQF level ${e.nqfLevel}`])].join(', ') },
    { label: 'Type of assessment', value: e.typeOfAssessment },
    { label: 'Form of participation', value: participationFormLabel(e.formOfParticipation) },
    { label: 'Learning setting', value: learningSettingLabel(e.learningSetting) },
    { label: 'Type of quality assurance', value: e.typeOfQualityAssurance },
  ];
  const optionalElements: [string, string | null][] = [
    ['Prerequisites', e.prerequisites],
    ['Supervision and identity verification', e.supervisionAndIdentityVerification],
    ['Grade achieved', e.gradeAchieved],
    ['Integration and stackability', e.integrationStackability],
    ['Further information', e.furtherInformation],
    ['Valid until', e.validUntil === null ? null : dateInWords(e.validUntil)],
  ];
  const optional = optionalElements.filter((row): row is [string, string] => row[1] !== null && row[1].trim() !== '').map(([label, value]) => ({ label, value }));

  return {
    lang: source.achievement.language || 'en',
    kind: kindInText.charAt(0).toUpperCase() + kindInText.slice(1),
    kindInText,
    bodyName: branding.bodyName,
    accentColour,
    logoDataUri,
    learnerName: e.learnerIdentification.name,
    title: e.title,
    awardingBodyName: e.awardingBody.name,
    dateOfIssue: dateInWords(e.dateOfIssue),
    mandatory,
    learningOutcomes: e.learningOutcomes.map(({ code, description }) => ({ code, description })),
    optional,
    credentialId: source.credentialId,
    verificationUrl: source.verificationUrl,
    qrCodeDataUri,
  };
}

function hours(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'hour' : 'hours'}`;
}

function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
}
