import { attachmentDisposition, inlineDisposition, nameForContent, sanitiseFileName, shortenFileName } from './filename';
import { EvidenceMediaType } from './media-type';

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['/absolute/path/report.pdf', 'report.pdf'],
    ['.htaccess', 'htaccess'],
    ['....', 'evidence'],
    ['', 'evidence'],
    [null, 'evidence'],
    ['a\u0000b\u0007c.txt', 'abc.txt'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['what?<script>.pdf', 'what__script_.pdf'],
    ['  many   spaces\tand\ttabs.pdf ', 'many spaces and tabs.pdf'],
    ['Évaluation finale.pdf', 'Évaluation finale.pdf'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitiseFileName(input)).toBe(expected);
  });

  it('limits the length to 200 characters', () => {
    expect(sanitiseFileName(`${'x'.repeat(500)}.pdf`)).toHaveLength(200);
  });

  it('shortens a long name in the middle, keeping its start, its end and its extension', () => {
    const long = `Payslip ${'January to December '.repeat(14)}final signed copy.pdf`;
    expect(long.length).toBeGreaterThan(280);
    const short = sanitiseFileName(long);
    expect([...short]).toHaveLength(200);
    expect(short.startsWith('Payslip January to December')).toBe(true);
    expect(short.endsWith('final signed copy.pdf')).toBe(true);
    expect(short).toContain('…');
  });
});

describe('shortenFileName', () => {
  it('keeps short names, counts characters not UTF-16 units, and leaves a name without extension an ending', () => {
    expect(shortenFileName('report.pdf', 200)).toBe('report.pdf');
    const emoji = `${'📷'.repeat(150)}.heic`;
    expect([...shortenFileName(emoji, 100)]).toHaveLength(100);
    expect(shortenFileName(emoji, 100).endsWith('📷.heic')).toBe(true);
    expect(shortenFileName('a'.repeat(50) + 'z'.repeat(50), 20)).toMatch(/^a+…z+$/);
  });
});

describe('nameForContent', () => {
  it.each([
    ['photo.heic', EvidenceMediaType.Jpeg, 'photo.jpg'],
    ['IMG_0042.HEIC', EvidenceMediaType.Heic, 'IMG_0042.HEIC'],
    ['scan.jpeg', EvidenceMediaType.Jpeg, 'scan.jpeg'],
    ['notes.pdf', EvidenceMediaType.Text, 'notes.txt'],
    ['notes.md', EvidenceMediaType.Text, 'notes.md'],
    ['payslip', EvidenceMediaType.Pdf, 'payslip.pdf'],
    ['report.final', EvidenceMediaType.Pdf, 'report.final.pdf'],
    ['index.html', EvidenceMediaType.Text, 'index.txt'],
    ['setup.exe', EvidenceMediaType.Pdf, 'setup.pdf'],
    ['../../etc/passwd', EvidenceMediaType.Text, 'passwd.txt'],
    ['budget.xls', EvidenceMediaType.Ods, 'budget.ods'],
  ])('%j with content %s becomes %j', (name, type, expected) => {
    expect(nameForContent(name, type)).toBe(expected);
  });

  it('keeps the right extension when it has to shorten', () => {
    const name = nameForContent(`${'x'.repeat(300)}.heic`, EvidenceMediaType.Jpeg);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('x.jpg')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('always says attachment, with an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Évaluation finale;.pdf')).toBe(`attachment; filename="_valuation finale_.pdf"; filename*=UTF-8''%C3%89valuation%20finale%3B.pdf`);
    expect(attachmentDisposition('a"b%c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a_b%25c.pdf`);
    expect(attachmentDisposition('../../etc/passwd')).toBe(`attachment; filename="passwd"; filename*=UTF-8''passwd`);
  });

  it('cannot be broken out of by header injection', () => {
    const header = attachmentDisposition('x.pdf\r\nSet-Cookie: a=b');
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe('inlineDisposition', () => {
  it('says inline, with the same safe names as an attachment', () => {
    expect(inlineDisposition('Évaluation finale;.pdf')).toBe(`inline; filename="_valuation finale_.pdf"; filename*=UTF-8''%C3%89valuation%20finale%3B.pdf`);
    expect(inlineDisposition('x.pdf\r\nSet-Cookie: a=b')).not.toMatch(/[\r\n]/);
  });
});
