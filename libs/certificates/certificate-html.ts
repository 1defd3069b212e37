import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AwardSource } from '../credentials/award-source';
import type { CertificateBranding, CertificateView } from './certificate-view';
import { certificateView } from './certificate-view';
import { qrCodeDataUri } from './qr-code';

const TEMPLATE = join('certificate', 'certificate.html.hbs');

/** The templates/ folder, from the sources (libs/certificates) or from the build (dist/libs/certificates). */
export function defaultCertificateTemplatesDir(): string {
  const candidates = [resolve(__dirname, '../../templates'), resolve(__dirname, '../../../templates')];
  const found = candidates.find((dir) => existsSync(join(dir, TEMPLATE)));
  if (!found) throw new Error(`no templates/${TEMPLATE} found near ${__dirname}`);
  return found;
}

/**
 * The certificate template, compiled once and strictly (a value the view lacks is an error, never a blank line).
 * Every value is HTML-escaped; the template has no triple-stash.
 */
export class CertificateTemplate {
  private readonly compiled: HandlebarsTemplateDelegate<CertificateView>;

  constructor(templatesDir: string = defaultCertificateTemplatesDir()) {
    const source = readFileSync(join(templatesDir, TEMPLATE), 'utf8');
    this.compiled = Handlebars.create().compile<CertificateView>(source, { strict: true });
  }

  renderView(view: CertificateView): string {
    return this.compiled(view);
  }

  async render(source: AwardSource, branding: CertificateBranding): Promise<string> {
    return this.renderView(certificateView(source, branding, await qrCodeDataUri(source.verificationUrl)));
  }
}
