import { csvField, csvRecord } from './csv';

describe('CSV fields', () => {
  it('leaves plain text as it is and writes nothing for a missing value', () => {
    expect(csvField('Amira Haddad')).toBe('Amira Haddad');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes a field with a comma, a quote, a line break or outer spaces, doubling its quotes (RFC 4180)', () => {
    expect(csvField('Haddad, Amira')).toBe('"Haddad, Amira"');
    expect(csvField('the "Data" course')).toBe('"the ""Data"" course"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('one\nline')).toBe('"one\nline"');
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('makes text a spreadsheet would run as a formula inert with a leading quote', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('+33 1 23')).toBe(`"'+33 1 23"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    // numbers we write ourselves are not text from people
    expect(csvField(-1)).toBe('-1');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('ends each record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});
