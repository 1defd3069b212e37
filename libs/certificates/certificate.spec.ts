import { LearningSetting, ParticipationForm } from '../domain';
import { CertificateTemplate } from './certificate-html';
import { CertificateBrandingError, certificateView, DEFAULT_ACCENT_COLOUR } from './certificate-view';
import { countryInWords, dateInWords, learningSettingLabel, participationFormLabel } from './labels';
import { linkedInAddToProfileUrl } from './linkedin';
import { qrCodeDataUri } from './qr-code';
import { awardSourceFixture } from './testing/award-source.fixture';

const branding = { bodyName: 'Institut Régional des Compétences' };
const QR = 'data:image/svg+xml;base64,PHN2Zy8+';

describe('labels', () => {
  it('gives every form of participation a label, in words', () => {
    expect(Object.values(ParticipationForm).map(participationFormLabel)).toEqual([
      'Online', 'On-site', 'Blended (online and on-site)', 'Volunteering', 'Work experience', 'Self-directed learning',
    ]);
  });

  it('gives every learning setting a label', () => {
    expect(Object.values(LearningSetting).map(learningSettingLabel)).toEqual(['Formal learning', 'Non-formal learning', 'Informal learning']);
  });

  it('refuses a value the enums do not have rather than printing a blank', () => {
    expect(() => participationFormLabel('telepathy' as ParticipationForm)).toThrow(RangeError);
  });

  it('writes dates in words, on the UTC calendar day the credential records', () => {
    expect(dateInWords('2026-11-27T14:05:00.000Z')).toBe('27 November 2026');
    expect(dateInWords('2027-01-01T00:30:00+01:00')).toBe('31 December 2026');
    expect(() => dateInWords('27/11/2026')).toThrow(RangeError);
  });

  it('names the country of the issuer', () => {
    expect(countryInWords('FR')).toBe('France (FR)');
    expect(countryInWords('DE')).toBe('Germany (DE)');
  });
});

describe('certificateView', () => {
  it('lists every mandatory element of the Recommendation with its value in words', () => {
    const view = certificateView(awardSourceFixture(), branding, QR);
    expect(Object.fromEntries(view.mandatory.map((r) => [r.label, r.value]))).toEqual({
      Learner: 'Zoë Álvarez-Nakamura',
      'Title of the micro-credential': 'Business data with spreadsheets',
      'Country of the issuer': 'France (FR)',
      'Awarding body': 'Institut Régional des Compétences',
      'Date of issue': '27 November 2026',
      'Notional workload': '125 hours',
      Credits: '5 ECTS credits',
      Level: 'EQF level 4, NQF level 4',
      'Type of assessment': 'Portfolio review and a structured interview with two assessors',
      'Form of participation': 'Work experience',
      'Learning setting': 'Informal learning',
      'Type of quality assurance': 'External review by the regional accreditation agency (ESG Part 1 aligned)',
    });
    expect(view.learningOutcomes.map((o) => o.code)).toEqual(['LO1', 'LO2', 'LO3']);
    expect(view.accentColour).toBe(DEFAULT_ACCENT_COLOUR);
  });

  it('shows the optional elements that are set, and leaves out the others', () => {
    const all = certificateView(awardSourceFixture(), branding, QR);
    expect(all.optional.map((r) => r.label)).toEqual([
      'Prerequisites', 'Supervision and identity verification', 'Grade achieved', 'Integration and stackability', 'Further information', 'Valid until',
    ]);
    expect(all.optional.find((r) => r.label === 'Valid until')?.value).toBe('27 November 2031');

    const few = certificateView(
      awardSourceFixture({ elements: { prerequisites: null, gradeAchieved: '  ', integrationStackability: null, furtherInformation: null, validUntil: null, supervisionAndIdentityVerification: null } }),
      branding,
      QR,
    );
    expect(few.optional).toEqual([]);
  });

  it('says so when the workload is not expressed in credits, and prints only the EQF level when there is no NQF level', () => {
    const view = certificateView(awardSourceFixture({ elements: { credits: null, nqfLevel: null, notionalWorkloadHours: 1 } }), branding, QR);
    const rows = Object.fromEntries(view.mandatory.map((r) => [r.label, r.value]));
    expect(rows.Credits).toBe('Not expressed in credits');
    expect(rows.Level).toBe('EQF level 4');
    expect(rows['Notional workload']).toBe('1 hour');
  });

  it('refuses a colour that could break out of the style sheet and a logo that would be fetched', () => {
    const source = awardSourceFixture();
    expect(() => certificateView(source, { ...branding, accentColour: 'red; } body { display: none' }, QR)).toThrow(CertificateBrandingError);
    expect(() => certificateView(source, { ...branding, logoDataUri: 'https://tracker.example/logo.png' }, QR)).toThrow(CertificateBrandingError);
    expect(() => certificateView(source, { ...branding, logoDataUri: 'data:text/html;base64,PHNjcmlwdD4=' }, QR)).toThrow(CertificateBrandingError);
    expect(certificateView(source, { ...branding, accentColour: '#0a7', logoDataUri: 'data:image/png;base64,iVBORw0KGgo=' }, QR).logoDataUri).toBe('data:image/png;base64,iVBORw0KGgo=');
  });
});

describe('CertificateTemplate', () => {
  const template = new CertificateTemplate();

  it('escapes HTML in every value: a title cannot open a script or an element', async () => {
    const html = await template.render(awardSourceFixture({ elements: { title: 'Tables <script>alert(1)</script> & "charts"' } }), branding);
    expect(html).toContain('Tables &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;charts&quot;');
    expect(html).not.toMatch(/<script/i);
  });

  it('says what it certifies: a micro-credential, or a qualification stacked from micro-credentials', async () => {
    const micro = await template.render(awardSourceFixture(), branding);
    expect(micro).toContain('<p class="kind">Micro-credential</p>');
    expect(micro).toContain('Elements of the micro-credential');
    const source = awardSourceFixture();
    const qualification = await template.render({ ...source, achievement: { ...source.achievement, type: 'Certificate' } }, branding);
    expect(qualification).toContain('<p class="kind">Qualification</p>');
    expect(qualification).toContain('Anyone can check this qualification');
    expect(qualification).toContain('Title of the qualification');
    expect(qualification).not.toMatch(/micro-credential/i);
  });

  it('refers to nothing outside the page: every src is a data: URI', async () => {
    const html = await template.render(awardSourceFixture(), { ...branding, logoDataUri: 'data:image/png;base64,iVBORw0KGgo=' });
    const sources = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(sources).toHaveLength(2);
    for (const src of sources) expect(src).toMatch(/^data:image\//);
    expect(html).not.toMatch(/url\(|@import|<link/i);
  });
});

describe('qrCodeDataUri', () => {
  it('is an inline SVG image', async () => {
    const uri = await qrCodeDataUri('https://certify.example.eu/verify/1');
    expect(uri).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(uri.split(',')[1], 'base64').toString('utf8')).toMatch(/^<svg[^>]*viewBox/);
  });
});

describe('linkedInAddToProfileUrl', () => {
  it('fills in the certification from the credential, the body by name', () => {
    const url = new URL(linkedInAddToProfileUrl(awardSourceFixture()));
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Business data with spreadsheets',
      organizationName: 'Institut Régional des Compétences',
      issueYear: '2026',
      issueMonth: '11',
      expirationYear: '2031',
      expirationMonth: '11',
      certUrl: 'https://certify.example.eu/verify/6f1c2a44-8d0b-4f5e-9a51-3c7e2b1d9f08',
      certId: 'urn:uuid:6f1c2a44-8d0b-4f5e-9a51-3c7e2b1d9f08',
    });
  });

  it('names the body by its LinkedIn page id when it has one, and gives no expiry for a credential that does not expire', () => {
    const source = awardSourceFixture({ validUntil: null, elements: { validUntil: null, title: 'Data & analysis: level 1/2', dateOfIssue: '2027-01-05T09:00:00Z' } });
    const url = new URL(linkedInAddToProfileUrl(source, { organizationId: '1337' }));
    expect(url.searchParams.get('organizationId')).toBe('1337');
    expect(url.searchParams.has('organizationName')).toBe(false);
    expect(url.searchParams.has('expirationYear')).toBe(false);
    expect(url.searchParams.has('expirationMonth')).toBe(false);
    expect(url.searchParams.get('name')).toBe('Data & analysis: level 1/2');
    expect(url.searchParams.get('issueMonth')).toBe('1');
    expect(url.search).toContain('name=Data+%26+analysis%3A+level+1%2F2');
  });

  it('refuses an organization id that is not LinkedIn’s number', () => {
    expect(() => linkedInAddToProfileUrl(awardSourceFixture(), { organizationId: '1337&name=Forged' })).toThrow(RangeError);
  });
});
