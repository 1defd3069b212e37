import type { AwardSource } from '../credentials/award-source';

/**
 * LinkedIn's "Add to profile" link for a certification: opens the member's profile with the certification form
 * filled in. Parameters as LinkedIn's Add to Profile for Certifications documents them: `startTask=CERTIFICATION_NAME`,
 * `name`, `organizationId` (the body's LinkedIn company page id, preferred: it shows the logo) or else
 * `organizationName`, `issueYear`/`issueMonth`, `expirationYear`/`expirationMonth` (months 1 to 12), `certUrl`, `certId`.
 */
export function linkedInAddToProfileUrl(source: AwardSource, options: { organizationId?: string } = {}): string {
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: source.elements.title });
  const organizationId = options.organizationId?.trim();
  if (organizationId) {
    if (!/^\d+$/.test(organizationId)) throw new RangeError(`a LinkedIn organization id is a number, got ${JSON.stringify(organizationId)}`);
    params.set('organizationId', organizationId);
  } else {
    params.set('organizationName', source.elements.awardingBody.name);
  }
  const issued = yearMonth(source.elements.dateOfIssue);
  params.set('issueYear', issued.year);
  params.set('issueMonth', issued.month);
  const validUntil = source.elements.validUntil ?? source.validUntil;
  if (validUntil) {
    const expires = yearMonth(validUntil);
    params.set('expirationYear', expires.year);
    params.set('expirationMonth', expires.month);
  }
  params.set('certUrl', source.verificationUrl);
  params.set('certId', source.credentialId);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

function yearMonth(iso: string): { year: string; month: string } {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an ISO 8601 date: ${JSON.stringify(iso)}`);
  return { year: String(at.getUTCFullYear()), month: String(at.getUTCMonth() + 1) };
}
