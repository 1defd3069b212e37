import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { certificateView, dateInWords } from '../../../../libs/certificates';
import type { CertificateRow } from '../../../../libs/certificates';
import type { AwardSource, PresentedCredentialVerification } from '../../../../libs/credentials';

const TEMPLATE = join('pages', 'verification.html.hbs');

const CHECK_LABELS: Record<string, string> = {
  format: 'Format',
  signature: 'Signature',
  issuer_key: "Issuer's key",
  status: 'Status (revocation, suspension)',
  expiry: 'Validity period',
  schema: 'Open Badges 3.0 schema',
};
const OUTCOME_WORDS: Record<string, string> = { passed: 'passed', failed: 'failed', not_applicable: 'not applicable' };

export interface VerificationPageView {
  title: string;
  credentialId: string;
  issuerName: string;
  issuerDid: string;
  dateOfIssue: string;
  validUntil: string | null;
  verified: boolean;
  verdictReason: string;
  checks: { label: string; outcome: string; outcomeWords: string; reason: string }[];
  /** The holder turned their public page on: their name and what the credential recognises are shown. */
  shared: boolean;
  learnerName: string | null;
  mandatory: CertificateRow[];
  optional: CertificateRow[];
  learningOutcomes: { code: string; description: string }[];
  checkedAt: string;
}

function templatesDir(): string {
  const found = [resolve(__dirname, '../../../../templates'), resolve(__dirname, '../../../../../templates')].find((dir) => existsSync(join(dir, TEMPLATE)));
  if (!found) throw new Error(`no templates/${TEMPLATE} found near ${__dirname}`);
  return found;
}

/**
 * The public verification page of one credential (the certificate's QR code leads here), from the stored
 * credential checked afresh. Strict handlebars, every value escaped.
 */
export class VerificationPage {
  private readonly compiled = Handlebars.create().compile<VerificationPageView>(readFileSync(join(templatesDir(), TEMPLATE), 'utf8'), { strict: true });

  render(source: AwardSource, result: PresentedCredentialVerification, shared: boolean, now: Date): string {
    const failed = result.checks.filter((c) => c.outcome === 'failed');
    const details = certificateView(source, { bodyName: source.issuer.name }, '');
    return this.compiled({
      title: source.elements.title,
      credentialId: source.credentialId,
      issuerName: source.issuer.name,
      issuerDid: source.issuer.id,
      dateOfIssue: dateInWords(source.issuedAt),
      validUntil: source.validUntil ? dateInWords(source.validUntil) : null,
      verified: result.verified,
      verdictReason: failed.map((c) => c.reason).join('; ') || 'a check did not pass',
      checks: result.checks.map((c) => ({ label: CHECK_LABELS[c.check] ?? c.check, outcome: c.outcome, outcomeWords: OUTCOME_WORDS[c.outcome] ?? c.outcome, reason: c.reason })),
      shared,
      learnerName: shared ? source.learner.name : null,
      mandatory: shared ? details.mandatory : [],
      optional: shared ? details.optional : [],
      learningOutcomes: shared ? details.learningOutcomes : [],
      checkedAt: `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    });
  }
}
