import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { CertificateRenderer } from '../../../../libs/certificates';
import type { CertificateBranding } from '../../../../libs/certificates';
import type { AwardSource } from '../../../../libs/credentials';

/** The API's one certificate printer: one headless Chromium (CHROMIUM_PATH), launched on the first download. */
@Injectable()
export class CertificatePrinter implements OnModuleDestroy {
  private readonly renderer: CertificateRenderer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.renderer = new CertificateRenderer({ executablePath: config.credentials.chromiumPath });
  }

  /** An A4 PDF. Errors: CertificateRenderError (no Chromium, a crash, a timeout). */
  print(source: AwardSource, branding: CertificateBranding): Promise<Buffer> {
    return this.renderer.renderPdf(source, branding);
  }

  async onModuleDestroy(): Promise<void> {
    await this.renderer.close();
  }
}
