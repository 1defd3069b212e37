import { ACCEPTED_TYPES_SENTENCE, EvidenceMediaType, PDF_HEADER_WINDOW, classifyContent, compoundEntryNames, locateZipDirectory, zipEntryNames } from './media-type';
import type { ContentSample } from './media-type';
import { compoundFile, latin1Text, ooxml, unicodeText } from '../../test/support/evidence-files';

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

const sniffMediaType = (s: ContentSample): EvidenceMediaType | null => {
  const c = classifyContent(s);
  return c.accepted ? c.type : null;
};

describe('classifyContent', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3'), EvidenceMediaType.Pdf],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), EvidenceMediaType.Png],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), EvidenceMediaType.Jpeg],
    ['GIF89a', Buffer.from('GIF89a\x01\x00'), EvidenceMediaType.Gif],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), EvidenceMediaType.Webp],
  ])('recognises %s by its signature where the library gives up', (_name, head, expected) => {
    expect(sniffMediaType(sample(head))).toBe(expected);
  });

  it('takes what the file-type library recognised, under our names', () => {
    expect(sniffMediaType(sample(Buffer.alloc(16), { detected: { mime: 'image/png', ext: 'png' } }))).toBe(EvidenceMediaType.Png);
    expect(sniffMediaType(sample(Buffer.alloc(16), { detected: { mime: 'audio/x-m4a', ext: 'm4a' } }))).toBe(EvidenceMediaType.M4a);
    expect(sniffMediaType(sample(Buffer.alloc(16), { detected: { mime: 'video/quicktime', ext: 'mov' } }))).toBe(EvidenceMediaType.Mov);
    expect(sniffMediaType(sample(Buffer.alloc(16), { detected: { mime: 'image/heic', ext: 'heic' } }))).toBe(EvidenceMediaType.Heic);
  });

  it.each([
    ['a line break', Buffer.from('\r\n')],
    ['a UTF-8 byte-order mark', Buffer.from([0xef, 0xbb, 0xbf])],
    ['300 bytes of junk', Buffer.alloc(300, 0x00)],
    ['1,000 bytes of an HTTP header', Buffer.from(`HTTP/1.1 200 OK\r\n${'X-Pad: y\r\n'.repeat(97)}\r\n`)],
  ])('finds a PDF header after %s, as readers do', (_what, prefix) => {
    expect(prefix.length).toBeLessThan(PDF_HEADER_WINDOW);
    expect(sniffMediaType(sample(Buffer.concat([prefix, Buffer.from('%PDF-1.4\n1 0 obj')])))).toBe(EvidenceMediaType.Pdf);
  });

  it('does not look for a PDF header past the first 1,024 bytes', () => {
    expect(sniffMediaType(sample(Buffer.concat([Buffer.alloc(1100, 0), Buffer.from('%PDF-1.4\n')])))).toBeNull();
  });

  it('tells docx, xlsx and pptx apart by the ZIP directory, and names a plain ZIP in its refusal', () => {
    for (const [part, type] of [['word/document.xml', EvidenceMediaType.Docx], ['xl/workbook.xml', EvidenceMediaType.Xlsx], ['ppt/presentation.xml', EvidenceMediaType.Pptx]] as const) {
      const file = zip(['[Content_Types].xml', '_rels/.rels', part]);
      expect(sniffMediaType(sample(file, { zipEntryNames: namesOf(file) }))).toBe(type);
    }
    const plain = zip(['notes.txt']);
    expect(classifyContent(sample(plain, { zipEntryNames: namesOf(plain) }))).toEqual({ accepted: false, blank: false, kind: 'a ZIP archive', advice: expect.stringMatching(/^unpack it/) });
  });

  it('recognises ODF text, spreadsheet and presentation by an uncompressed first mimetype entry', () => {
    for (const type of [EvidenceMediaType.Odt, EvidenceMediaType.Ods, EvidenceMediaType.Odp]) {
      const file = zip(['mimetype', 'content.xml'], type);
      expect(sniffMediaType(sample(file, { zipEntryNames: namesOf(file) }))).toBe(type);
    }
  });

  it('accepts text only when it holds something visible; a BOM or spaces alone are blank, not text', () => {
    expect(sniffMediaType(sample(Buffer.from('hello'), { utf8Text: true, visibleText: true }))).toBe(EvidenceMediaType.Text);
    expect(sniffMediaType(sample(Buffer.from('hello'), { utf8Text: false }))).toBeNull();
    expect(classifyContent(sample(Buffer.from([0xef, 0xbb, 0xbf]), { utf8Text: true, visibleText: false }))).toEqual({ accepted: false, blank: true });
    expect(classifyContent(sample(Buffer.from('   \n\t '), { utf8Text: true, visibleText: false }))).toEqual({ accepted: false, blank: true });
    expect(classifyContent(sample(Buffer.alloc(0), { utf8Text: true }))).toEqual({ accepted: false, blank: true });
  });

  it('names legacy and password-protected Office files and says what to do', () => {
    const cfb = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const word = classifyContent(sample(cfb, { compoundEntryNames: ['Root Entry', 'WordDocument', '1Table'] }));
    expect(word).toMatchObject({ accepted: false, kind: 'a Word 97-2003 document (.doc)', advice: expect.stringContaining('save it as .docx or PDF') });
    const locked = classifyContent(sample(cfb, { compoundEntryNames: ['Root Entry', 'EncryptionInfo', 'EncryptedPackage'], detected: { mime: 'application/x-cfb', ext: 'cfb' } }));
    expect(locked).toMatchObject({ accepted: false, kind: 'a password-protected Office document', advice: expect.stringContaining('remove the password') });
    expect(classifyContent(sample(cfb, { compoundEntryNames: ['Root Entry', 'Workbook'] }))).toMatchObject({ kind: 'an Excel 97-2003 workbook (.xls)' });
  });

  it('refuses executables with what they are, and unknown bytes with the accepted list', () => {
    expect(classifyContent(sample(Buffer.from('MZ\x90\x00\x03')))).toMatchObject({ accepted: false, kind: 'a Windows program' });
    expect(classifyContent(sample(Buffer.from('\x7fELF\x02\x01'), { detected: { mime: 'application/x-elf', ext: 'elf' } }))).toMatchObject({ accepted: false, kind: 'a program' });
    expect(classifyContent(sample(Buffer.from([1, 2, 3, 0])))).toMatchObject({ accepted: false, kind: 'of a kind we do not recognise', advice: `send ${ACCEPTED_TYPES_SENTENCE}` });
    expect(classifyContent(sample(Buffer.alloc(8), { detected: { mime: 'image/tiff', ext: 'tif' } }))).toMatchObject({ kind: 'a TIFF image', advice: expect.stringContaining('JPEG, PNG or PDF') });
  });
});

describe('classifyContent: Office packages with macros', () => {
  it.each([
    ['docm', 'a Word document with macros (.docm)', 'save it as .docx without macros, or as PDF, and upload it again'],
    ['dotm', 'a Word template with macros (.dotm)', 'save it as .docx without macros, or as PDF, and upload it again'],
    ['xlsm', 'an Excel workbook with macros (.xlsm)', 'save it as .xlsx without macros, or as PDF, and upload it again'],
    ['xltm', 'an Excel template with macros (.xltm)', 'save it as .xlsx without macros, or as PDF, and upload it again'],
    ['pptm', 'a PowerPoint presentation with macros (.pptm)', 'save it as .pptx without macros, or as PDF, and upload it again'],
    ['potm', 'a PowerPoint template with macros (.potm)', 'save it as .pptx without macros, or as PDF, and upload it again'],
    ['ppsm', 'a PowerPoint slide show with macros (.ppsm)', 'save it as .pptx without macros, or as PDF, and upload it again'],
  ] as const)('refuses %s as the library names it, though its directory looks like the plain kind', (ext, kind, advice) => {
    const file = ooxml(ext);
    const detected = { ext, mime: `application/vnd.ms-office.${ext}` };
    expect(classifyContent(sample(file, { zipEntryNames: namesOf(file), detected }))).toEqual({ accepted: false, blank: false, kind, advice });
  });

  it('refuses a package holding a macro project when the library could not name it (an add-in, or unread content types)', () => {
    for (const [ext, kind] of [['xlam', 'an Excel workbook with macros'], ['docm', 'a Word document with macros'], ['pptm', 'a PowerPoint presentation with macros']] as const) {
      const file = ooxml(ext);
      expect(classifyContent(sample(file, { zipEntryNames: namesOf(file), detected: { ext: 'zip', mime: 'application/zip' } }))).toMatchObject({ accepted: false, kind });
      expect(classifyContent(sample(file, { zipEntryNames: namesOf(file) }))).toMatchObject({ accepted: false, kind });
    }
    // a macro project inside a package that declares itself a docx is refused too
    const hidden = ooxml('docm');
    expect(classifyContent(sample(hidden, { zipEntryNames: namesOf(hidden), detected: { ext: 'docx', mime: EvidenceMediaType.Docx } }))).toMatchObject({ accepted: false, kind: 'a Word document with macros' });
    const plain = ooxml('docx');
    expect(sniffMediaType(sample(plain, { zipEntryNames: namesOf(plain), detected: { ext: 'docx', mime: EvidenceMediaType.Docx } }))).toBe(EvidenceMediaType.Docx);
  });
});

describe('classifyContent: text that is not UTF-8', () => {
  const UTF8_ADVICE = 'save it as UTF-8 (in Notepad: File > Save As, Encoding: UTF-8) and upload it again';

  it.each([
    ['utf16le', "text saved as UTF-16 ('Unicode')"],
    ['utf16be', "text saved as UTF-16 ('Unicode')"],
    ['utf32le', 'text saved as UTF-32'],
    ['utf32be', 'text saved as UTF-32'],
  ] as const)('refuses %s text by its byte-order mark before the library takes FF FE for an MPEG frame', (encoding, kind) => {
    const file = unicodeText('Réflexion sur ma pratique 🙂\r\n\tdeuxième ligne', encoding);
    const asMp3 = { mime: 'audio/mpeg', ext: 'mp3' };
    expect(classifyContent(sample(file, { detected: asMp3 }))).toEqual({ accepted: false, blank: false, kind, advice: UTF8_ADVICE });
  });

  it('keeps MPEG audio whose frame starts with the bytes of a UTF-16 mark, and calls a mark with only spaces blank', () => {
    // an MPEG-1 Layer I frame with CRC (FF FE), then silence; and one whose bytes read as a lone UTF-16 surrogate
    const silence = Buffer.concat([Buffer.from([0xff, 0xfe, 0x90, 0x64, 0x12, 0x34]), Buffer.alloc(64)]);
    const noise = Buffer.from([0xff, 0xfe, 0x90, 0x64, 0x01, 0xd9, 0x41, 0x00, 0x7a, 0x3c]);
    for (const layerOne of [silence, noise]) expect(sniffMediaType(sample(layerOne, { detected: { mime: 'audio/mpeg', ext: 'mp1' } }))).toBe(EvidenceMediaType.Mp3);
    // a stray control character (a bell, an end-of-file mark) does not stop UTF-16 text from being known as text
    expect(classifyContent(sample(unicodeText('Notes\u0007 du jour\u001a', 'utf16le')))).toMatchObject({ kind: "text saved as UTF-16 ('Unicode')" });
    expect(classifyContent(sample(unicodeText('  \r\n', 'utf16le')))).toEqual({ accepted: false, blank: true });
  });

  it('says that single-byte text (Windows-1252, Latin-1) is text not saved as UTF-8, not an unknown kind', () => {
    const file = latin1Text();
    expect(classifyContent(sample(file, { utf8Text: false, singleByteText: true }))).toEqual({
      accepted: false,
      blank: false,
      kind: 'text that is not saved as UTF-8 (it looks like an older encoding, such as Windows-1252)',
      advice: UTF8_ADVICE,
    });
    expect(classifyContent(sample(Buffer.from([1, 2, 3, 0]), { singleByteText: false }))).toMatchObject({ kind: 'of a kind we do not recognise' });
  });
});

describe('compound file directory', () => {
  it('reads the stream names of a real compound file, across FAT-chained directory sectors', async () => {
    const streams = ['WordDocument', '1Table', 'Data', 'ObjectPool', 'CompObj', 'SummaryInformation', 'EncryptionInfo'];
    const file = compoundFile(streams);
    const names = await compoundEntryNames(async (offset, length) => file.subarray(offset, offset + length));
    expect(names).toEqual(['Root Entry', ...streams]);
    expect(await compoundEntryNames(async (offset, length) => Buffer.from('not a compound file at all').subarray(offset, offset + length))).toBeNull();
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
