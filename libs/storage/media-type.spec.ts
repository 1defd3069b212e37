import {
  EvidenceMediaType,
  declaredTypeAgrees,
  locateZipDirectory,
  sniffMediaType,
  zipEntryNames,
} from './media-type';
import type { ContentSample } from './media-type';

const sample = (head: Buffer, extra: Partial<ContentSample> = {}): ContentSample => ({ head, zipEntryNames: null, utf8Text: false, sizeBytes: head.length, ...extra });

/** A stored-entry ZIP with the given names (contents empty), as office suites write them. */
function zip(names: string[], firstEntryData = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  names.forEach((name, i) => {
    const n = Buffer.from(name);
    const data = Buffer.from(i === 0 ? firstEntryData : '');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  });
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function namesOf(file: Buffer): string[] | null {
  const location = locateZipDirectory(file, file.length);
  return location ? zipEntryNames(file.subarray(location.offset, location.offset + location.size), location.count) : null;
}

describe('sniffMediaType', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3'), EvidenceMediaType.Pdf],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), EvidenceMediaType.Png],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), EvidenceMediaType.Jpeg],
    ['GIF89a', Buffer.from('GIF89a\x01\x00'), EvidenceMediaType.Gif],
    ['GIF87a', Buffer.from('GIF87a\x01\x00'), EvidenceMediaType.Gif],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), EvidenceMediaType.Webp],
  ])('recognises %s by its magic bytes', (_name, head, expected) => {
    expect(sniffMediaType(sample(head))).toBe(expected);
  });

  it('tells docx, xlsx and pptx apart by the ZIP directory, and refuses a plain ZIP', () => {
    for (const [part, type] of [['word/document.xml', EvidenceMediaType.Docx], ['xl/workbook.xml', EvidenceMediaType.Xlsx], ['ppt/presentation.xml', EvidenceMediaType.Pptx]] as const) {
      const file = zip(['[Content_Types].xml', '_rels/.rels', part]);
      expect(sniffMediaType(sample(file, { zipEntryNames: namesOf(file) }))).toBe(type);
    }
    const plain = zip(['notes.txt']);
    expect(sniffMediaType(sample(plain, { zipEntryNames: namesOf(plain) }))).toBeNull();
    const noDirectory = zip(['[Content_Types].xml', 'word/document.xml']);
    expect(sniffMediaType(sample(noDirectory, { zipEntryNames: null }))).toBeNull();
  });

  it('recognises an ODF text by its uncompressed mimetype entry, and not a spreadsheet', () => {
    const odt = zip(['mimetype', 'content.xml'], 'application/vnd.oasis.opendocument.text');
    expect(sniffMediaType(sample(odt, { zipEntryNames: namesOf(odt) }))).toBe(EvidenceMediaType.Odt);
    const ods = zip(['mimetype', 'content.xml'], 'application/vnd.oasis.opendocument.spreadsheet');
    expect(sniffMediaType(sample(ods, { zipEntryNames: namesOf(ods) }))).toBeNull();
  });

  it('accepts text only when the whole content was valid UTF-8 without NUL bytes, and never an empty file', () => {
    expect(sniffMediaType(sample(Buffer.from('hello'), { utf8Text: true }))).toBe(EvidenceMediaType.Text);
    expect(sniffMediaType(sample(Buffer.from('hello'), { utf8Text: false }))).toBeNull();
    expect(sniffMediaType(sample(Buffer.alloc(0), { utf8Text: true }))).toBeNull();
  });

  it('refuses executables and scripts that are not text-safe', () => {
    expect(sniffMediaType(sample(Buffer.from('MZ\x90\x00\x03')))).toBeNull();
    expect(sniffMediaType(sample(Buffer.from('\x7fELF\x02\x01')))).toBeNull();
  });
});

describe('zip directory parsing', () => {
  it('reads entry names and rejects truncated or absurd directories', () => {
    const file = zip(['a.txt', 'b/c.xml']);
    expect(namesOf(file)).toEqual(['a.txt', 'b/c.xml']);
    expect(locateZipDirectory(file.subarray(0, file.length - 22), file.length - 22)).toBeNull();
    const lying = Buffer.from(file);
    lying.writeUInt32LE(file.length * 2, lying.length - 6);
    expect(locateZipDirectory(lying, lying.length)).toBeNull();
    expect(zipEntryNames(Buffer.from('not a directory at all, not at all....................'), 1)).toBeNull();
  });
});

describe('declaredTypeAgrees', () => {
  it('accepts the exact type, its aliases, parameters and uninformative declarations', () => {
    expect(declaredTypeAgrees('application/pdf', EvidenceMediaType.Pdf)).toBe(true);
    expect(declaredTypeAgrees('IMAGE/JPG', EvidenceMediaType.Jpeg)).toBe(true);
    expect(declaredTypeAgrees('text/csv; charset=utf-8', EvidenceMediaType.Text)).toBe(true);
    expect(declaredTypeAgrees('application/octet-stream', EvidenceMediaType.Png)).toBe(true);
    expect(declaredTypeAgrees('', EvidenceMediaType.Png)).toBe(true);
    expect(declaredTypeAgrees('application/zip', EvidenceMediaType.Docx)).toBe(true);
  });

  it('refuses a declaration that contradicts the content', () => {
    expect(declaredTypeAgrees('image/png', EvidenceMediaType.Pdf)).toBe(false);
    expect(declaredTypeAgrees('application/pdf', EvidenceMediaType.Text)).toBe(false);
    expect(declaredTypeAgrees('text/html', EvidenceMediaType.Pdf)).toBe(false);
    expect(declaredTypeAgrees('application/zip', EvidenceMediaType.Pdf)).toBe(false);
  });
});
