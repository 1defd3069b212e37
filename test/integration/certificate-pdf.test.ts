import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  CertificateRenderError,
  CertificateRenderer,
  CertificateRenderFailure,
  DEFAULT_CHROMIUM_PATH,
  defaultCertificateTemplatesDir,
  renderCertificatePdf,
} from '../../libs/certificates';
import { awardSourceFixture } from '../../libs/certificates/testing/award-source.fixture';

// The real Chromium that ensure-tools installs; one browser for the file, as an API process would keep it.
const executablePath = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
const branding = { bodyName: 'IRC Île-de-France', accentColour: '#7a1f3d' };

async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number; size: number[] }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  const page = await doc.getPage(1);
  return { text: text.replace(/\s+/g, ' '), pages: totalPages, size: page.view.slice(2).map(Math.round) };
}

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

// a render takes well under a second, but a loaded machine launching Chromium and printing seven can take many
jest.setTimeout(90_000);

describe('the printable certificate, printed by Chromium', () => {
  let renderer: CertificateRenderer;
  beforeAll(() => {
    renderer = new CertificateRenderer({ executablePath });
  });
  afterAll(() => renderer.close());

  it('is one A4 PDF page that states every mandatory element of the micro-credential and each optional one set', async () => {
    const source = awardSourceFixture();
    const pdf = await renderer.renderPdf(source, branding);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const { text, pages, size } = await pdfText(pdf);
    expect(pages).toBe(1);
    expect(size).toEqual([595, 842]);
    const e = source.elements;
    const expected = [
      branding.bodyName,
      e.learnerIdentification.name,
      e.title,
      'France',
      e.awardingBody.name,
      '27 November 2026',
      ...e.learningOutcomes.map((o) => o.description),
      '125 hours',
      '5 ECTS credits',
      'EQF level 4',
      'NQF level 4',
      e.typeOfAssessment,
      'Work experience',
      'Informal learning',
      e.typeOfQualityAssurance,
      e.prerequisites,
      e.supervisionAndIdentityVerification,
      e.gradeAchieved,
      e.integrationStackability,
      e.furtherInformation,
      '27 November 2031',
      source.credentialId,
    ];
    for (const value of expected) expect(text).toContain(value);
    // a long URL may be broken across lines
    expect(text.replace(/ /g, '')).toContain(source.verificationUrl);
  });

  it('prints HTML-special characters in a title as text, and runs no script from it', async () => {
    const title = `Spreadsheets <script>document.body.textContent='INJECTED'+'RAN'</script> & <b>pivot</b> tables`;
    const pdf = await renderCertificatePdf(awardSourceFixture({ elements: { title } }), branding, { executablePath });
    const { text } = await pdfText(pdf);
    expect(text).toContain(title);
    expect(text).not.toContain('INJECTEDRAN');
    expect(text).toContain('Learning outcomes recognised');
  });

  it('carries a QR code that reads as the verification URL', async () => {
    const source = awardSourceFixture({ verificationUrl: 'https://certify.example.eu/verify/0d5c3e8a-2f41-4b7e-a9c6-15e2d7f0b3a9' });
    const png = await renderer.renderPng(source, branding);
    expect(decodeQr(png)).toBe(source.verificationUrl);
  });

  it('never fetches, whatever the template asks for', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('body { color: red }');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = mkdtempSync(join(tmpdir(), 'vnfil-cert-template-'));
    try {
      cpSync(join(defaultCertificateTemplatesDir(), 'certificate'), join(dir, 'certificate'), { recursive: true });
      const file = join(dir, 'certificate', 'certificate.html.hbs');
      const hostile = readFileSync(file, 'utf8')
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
        .replace('</head>', `<link rel="stylesheet" href="http://127.0.0.1:${port}/style.css"><style>@font-face { font-family: x; src: url(http://127.0.0.1:${port}/font.woff2) }</style></head>`)
        .replace('<main', `<img src="http://127.0.0.1:${port}/pixel.png"><iframe src="http://127.0.0.1:${port}/frame"></iframe><main`);
      writeFileSync(file, hostile);
      const pdf = await renderCertificatePdf(awardSourceFixture(), branding, { executablePath, templatesDir: dir });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(requests).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('gives up on a render that takes longer than its bound, and a closed renderer refuses work', async () => {
    const hurried = new CertificateRenderer({ executablePath, renderTimeoutMs: 1 });
    await expect(hurried.renderPdf(awardSourceFixture(), branding)).rejects.toMatchObject({ code: CertificateRenderFailure.Timeout });
    await hurried.close();
    await expect(hurried.renderPdf(awardSourceFixture(), branding)).rejects.toBeInstanceOf(CertificateRenderError);
  });

  it('prints many certificates at once, and one after another, with one browser launched once', async () => {
    const launch = jest.spyOn(chromium, 'launch');
    const shared = new CertificateRenderer({ executablePath, maxConcurrent: 2 });
    try {
      const titles = Array.from({ length: 6 }, (_, i) => `Certificate number ${i + 1}`);
      const pdfs = await Promise.all(titles.map((title) => shared.renderPdf(awardSourceFixture({ elements: { title } }), branding)));
      pdfs.push(await shared.renderPdf(awardSourceFixture({ elements: { title: 'Certificate number 7' } }), branding));
      const texts = await Promise.all(pdfs.map(async (pdf) => (await pdfText(pdf)).text));
      [...titles, 'Certificate number 7'].forEach((title, i) => expect(texts[i]).toContain(title));
      expect(launch).toHaveBeenCalledTimes(1);
    } finally {
      launch.mockRestore();
      await shared.close();
    }
  });
});
