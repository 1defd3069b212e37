import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { AwardSource } from '../credentials/award-source';
import { Semaphore } from '../concurrency/semaphore';
import { CertificateTemplate } from './certificate-html';
import type { CertificateBranding } from './certificate-view';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
/** Chromium without its own traffic: no update checks, no sync, no first-run pages. */
export const CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface CertificateRendererOptions {
  /** The Chromium binary (config: CHROMIUM_PATH); Debian's package by default. */
  executablePath?: string;
  /** Longest one certificate may take once it has a slot, browser launch included. */
  renderTimeoutMs?: number;
  /** Certificates printed at once; further requests wait for a slot. */
  maxConcurrent?: number;
  /** The templates/ folder (tests point it elsewhere). */
  templatesDir?: string;
}

export enum CertificateRenderFailure {
  Timeout = 'timeout',
  Closed = 'closed',
  Browser = 'browser',
}

export class CertificateRenderError extends Error {
  override name = 'CertificateRenderError';
  constructor(
    readonly code: CertificateRenderFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A4 at 96 CSS pixels per inch, for the preview image. */
const A4_VIEWPORT = { width: 794, height: 1123 };

/**
 * Prints certificates with one headless Chromium, launched on first use and kept for every later one (a launch
 * costs far more than a page). Each certificate gets its own context with JavaScript off and every request aborted,
 * so a template can neither run nor fetch anything. A render that exceeds its time is abandoned and its context
 * closed; a browser that crashed is launched again on the next render. Call close() on shutdown.
 */
export class CertificateRenderer {
  private readonly executablePath: string;
  private readonly renderTimeoutMs: number;
  private readonly templatesDir: string | undefined;
  private template: CertificateTemplate | null = null;
  private browser: Promise<Browser> | null = null;
  private closed = false;
  /** Certificates printing at once; the others wait their turn in arrival order. */
  private readonly slots: Semaphore;

  constructor(options: CertificateRendererOptions = {}) {
    this.executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
    this.renderTimeoutMs = options.renderTimeoutMs ?? 15_000;
    this.slots = new Semaphore(options.maxConcurrent ?? 4, Number.POSITIVE_INFINITY);
    this.templatesDir = options.templatesDir;
  }

  /** The certificate as an A4 PDF. */
  async renderPdf(source: AwardSource, branding: CertificateBranding): Promise<Buffer> {
    const html = await this.html(source, branding);
    return this.withPage(html, (page) => page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
  }

  /** The certificate's first page as a PNG, as the PDF shows it (a preview, and what tests scan the QR code from). */
  async renderPng(source: AwardSource, branding: CertificateBranding): Promise<Buffer> {
    const html = await this.html(source, branding);
    return this.withPage(html, async (page) => {
      await page.emulateMedia({ media: 'print' });
      return page.screenshot({ type: 'png', fullPage: false });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }

  private async html(source: AwardSource, branding: CertificateBranding): Promise<string> {
    this.template ??= new CertificateTemplate(this.templatesDir);
    return this.template.render(source, branding);
  }

  private async withPage<T>(html: string, work: (page: Page) => Promise<T>): Promise<T> {
    if (this.closed) throw new CertificateRenderError(CertificateRenderFailure.Closed, 'the certificate renderer is closed');
    return this.slots.run(() => this.printIn(html, work));
  }

  /** One print in a fresh context, within its time; the context is closed whatever happens. */
  private async printIn<T>(html: string, work: (page: Page) => Promise<T>): Promise<T> {
    let context: BrowserContext | null = null;
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CertificateRenderError(CertificateRenderFailure.Timeout, `the certificate took longer than ${this.renderTimeoutMs} ms to print`)),
        this.renderTimeoutMs,
      );
    });
    const render = async (): Promise<T> => {
      const browser = await this.launched();
      const opened = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block', viewport: A4_VIEWPORT });
      // the deadline passed while Chromium was starting: nobody will close this context but us
      if (abandoned) {
        await opened.close();
        throw new CertificateRenderError(CertificateRenderFailure.Timeout, 'abandoned after its deadline');
      }
      context = opened;
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: this.renderTimeoutMs });
      return work(page);
    };
    try {
      return await Promise.race([render(), deadline]);
    } catch (err) {
      if (err instanceof CertificateRenderError) throw err;
      throw new CertificateRenderError(CertificateRenderFailure.Browser, `Chromium could not print the certificate: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
    } finally {
      abandoned = true;
      clearTimeout(timer);
      // context is assigned inside render(); TypeScript cannot see that through the closure
      const opened = context as BrowserContext | null;
      if (opened) await opened.close().catch(() => undefined);
    }
  }

  private launched(): Promise<Browser> {
    if (this.closed) return Promise.reject(new CertificateRenderError(CertificateRenderFailure.Closed, 'the certificate renderer is closed'));
    if (!this.browser) {
      const launching = chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, headless: true });
      this.browser = launching;
      launching.then(
        (browser) => {
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          });
          // close() ran while Chromium was starting
          if (this.closed) void browser.close().catch(() => undefined);
        },
        () => {
          if (this.browser === launching) this.browser = null;
        },
      );
    }
    return this.browser;
  }
}

/** One certificate with a browser of its own, closed afterwards; a service printing many keeps a CertificateRenderer. */
export async function renderCertificatePdf(source: AwardSource, branding: CertificateBranding, options: CertificateRendererOptions = {}): Promise<Buffer> {
  const renderer = new CertificateRenderer(options);
  try {
    return await renderer.renderPdf(source, branding);
  } finally {
    await renderer.close();
  }
}
