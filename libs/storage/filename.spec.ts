import { attachmentDisposition, sanitiseFileName } from './filename';

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
