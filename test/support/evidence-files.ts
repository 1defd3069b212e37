import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Real files of each kind a candidate may send, built byte by byte to their formats' specifications: small, but
 * what a reader (and a detector) sees in the real thing. The HEIC photo is a committed fixture (see
 * test/fixtures/evidence/README.md): nothing on npm encodes HEIC.
 */

export interface ZipEntry {
  name: string;
  content: string | Buffer;
  /** Deflate the entry (office suites compress everything but an ODF mimetype entry). */
  compress?: boolean;
}

/** A ZIP archive (APPNOTE 6.3): local headers, data, central directory and end record, each entry stored or deflated. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8');
    const data = entry.compress ? deflateRawSync(raw) : raw;
    const method = entry.compress ? 8 : 0;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ODF_MANIFEST = (mime: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">` +
  `<manifest:file-entry manifest:full-path="/" manifest:media-type="${mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;

/**
 * An OpenDocument package. As the specification asks, `mimetype` first and stored; `layout: 'loose'` writes it
 * last and deflated, as some converters and re-zipping tools do (every office suite still opens those).
 */
export function odf(kind: 'text' | 'spreadsheet' | 'presentation', layout: 'strict' | 'loose' = 'strict'): Buffer {
  const mime = `application/vnd.oasis.opendocument.${kind}`;
  const mimetype: ZipEntry = { name: 'mimetype', content: mime, compress: layout === 'loose' };
  const rest: ZipEntry[] = [
    { name: 'content.xml', content: `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`, compress: true },
    { name: 'META-INF/manifest.xml', content: ODF_MANIFEST(mime), compress: true },
  ];
  return zipArchive(layout === 'strict' ? [mimetype, ...rest] : [...rest, mimetype]);
}

/** The main part and its content type in [Content_Types].xml, for each Office Open XML kind a test builds. */
const OOXML_MAIN = {
  docx: ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  xlsx: ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
  pptx: ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
  docm: ['word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'],
  dotm: ['word/document.xml', 'application/vnd.ms-word.template.macroEnabledTemplate.main+xml'],
  xlsm: ['xl/workbook.xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'],
  xltm: ['xl/workbook.xml', 'application/vnd.ms-excel.template.macroEnabled.main+xml'],
  xlam: ['xl/workbook.xml', 'application/vnd.ms-excel.addin.macroEnabled.main+xml'],
  pptm: ['ppt/presentation.xml', 'application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml'],
  potm: ['ppt/presentation.xml', 'application/vnd.ms-powerpoint.template.macroEnabled.main+xml'],
  ppsm: ['ppt/presentation.xml', 'application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml'],
} as const;

/**
 * An Office Open XML package as Word, Excel or PowerPoint write it: [Content_Types].xml naming the main part, all
 * deflated. The macro-enabled kinds (docm, xlsm, pptm, their templates, slide shows and add-ins) also carry the
 * VBA project, `<folder>/vbaProject.bin`, as Office saves them.
 */
export function ooxml(kind: keyof typeof OOXML_MAIN): Buffer {
  const [mainPart, mainType] = OOXML_MAIN[kind];
  const folder = mainPart.split('/')[0];
  const macros = !['docx', 'xlsx', 'pptx'].includes(kind);
  const types =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    (macros ? `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>` : '') +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/${mainPart}" ContentType="${mainType}"/></Types>`;
  return zipArchive([
    { name: '[Content_Types].xml', content: types, compress: true },
    { name: '_rels/.rels', content: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`, compress: true },
    { name: mainPart, content: '<?xml version="1.0"?><root/>', compress: true },
    ...(macros ? [{ name: `${folder}/vbaProject.bin`, content: compoundFile(['VBA', 'PROJECT']), compress: true }] : []),
  ]);
}

/** Text as Notepad saves it as "Unicode" (UTF-16 little-endian with its byte-order mark), or big-endian, or UTF-32. */
export function unicodeText(text: string, encoding: 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (encoding === 'utf16le') return le;
  if (encoding === 'utf16be') return Buffer.from(le).swap16();
  const points = [...`\ufeff${text}`].map((c) => c.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (encoding === 'utf32le' ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
  return out;
}

/** Text saved in Windows-1252 (Latin-1 for these letters): é is one byte, 0xE9, which is not UTF-8. */
export const latin1Text = () => Buffer.from('Évaluation de la formation\r\nJ\'ai animé douze séances\tà Orléans.\r\n', 'latin1');

/**
 * A Compound File Binary (MS-CFB, version 3: 512-byte sectors) holding the named streams, each 4096 bytes so it
 * lives in ordinary sectors. Legacy Office files (.doc, .xls, .ppt) and password-protected OOXML files
 * (EncryptionInfo + EncryptedPackage, MS-OFFCRYPTO) are such containers.
 */
export function compoundFile(streams: string[]): Buffer {
  const SECTOR = 512;
  const STREAM_BYTES = 4096;
  const perStream = STREAM_BYTES / SECTOR;
  const dirEntries = 1 + streams.length;
  const dirSectors = Math.ceil((dirEntries * 128) / SECTOR);
  // sector 0: FAT; then the directory; then the streams
  const total = 1 + dirSectors + streams.length * perStream;
  if (total > 128) throw new Error('one FAT sector is enough for a test file only');
  const FREESECT = 0xffffffff;
  const ENDOFCHAIN = 0xfffffffe;
  const FATSECT = 0xfffffffd;
  const NOSTREAM = 0xffffffff;

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(0x0003, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // 2^9 = 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(4096, 0x38); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 0x3c); // no mini FAT
  header.writeUInt32LE(ENDOFCHAIN, 0x44); // no DIFAT sectors
  header.writeUInt32LE(0, 0x4c); // DIFAT[0] = sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 0x4c + i * 4);

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  for (let s = 0; s < dirSectors; s++) fat.writeUInt32LE(s === dirSectors - 1 ? ENDOFCHAIN : 2 + s, (1 + s) * 4);
  const firstStreamSector = 1 + dirSectors;
  streams.forEach((_, i) => {
    for (let k = 0; k < perStream; k++) {
      const sector = firstStreamSector + i * perStream + k;
      fat.writeUInt32LE(k === perStream - 1 ? ENDOFCHAIN : sector + 1, sector * 4);
    }
  });

  const directory = Buffer.alloc(dirSectors * SECTOR);
  const entry = (index: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = index * 128;
    const utf16 = Buffer.from(`${name}\u0000`, 'utf16le');
    utf16.copy(directory, at);
    directory.writeUInt16LE(utf16.length, at + 0x40);
    directory.writeUInt8(type, at + 0x42);
    directory.writeUInt8(1, at + 0x43); // black
    directory.writeUInt32LE(NOSTREAM, at + 0x44); // left sibling
    directory.writeUInt32LE(right, at + 0x48);
    directory.writeUInt32LE(child, at + 0x4c);
    directory.writeUInt32LE(start, at + 0x74);
    directory.writeUInt32LE(size, at + 0x78);
  };
  entry(0, 'Root Entry', 5, streams.length ? 1 : NOSTREAM, NOSTREAM, ENDOFCHAIN, 0);
  // siblings chained to the right: a degenerate but valid red-black tree for a handful of entries
  streams.forEach((name, i) => entry(1 + i, name, 2, NOSTREAM, i + 1 < streams.length ? 2 + i : NOSTREAM, firstStreamSector + i * perStream, STREAM_BYTES));
  for (let i = dirEntries; i < dirSectors * 4; i++) {
    directory.writeUInt32LE(NOSTREAM, i * 128 + 0x44);
    directory.writeUInt32LE(NOSTREAM, i * 128 + 0x48);
    directory.writeUInt32LE(NOSTREAM, i * 128 + 0x4c);
  }
  const data = Buffer.alloc(streams.length * STREAM_BYTES, 0x20);
  return Buffer.concat([header, fat, directory, data]);
}

export const legacyWord = () => compoundFile(['WordDocument', '1Table', '\u0005SummaryInformation']);
export const legacyExcel = () => compoundFile(['Workbook', '\u0005SummaryInformation']);
export const encryptedOoxml = () => compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']);

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/** An ISO base media file (ISO/IEC 14496-12): ftyp with the brand, an empty moov, some mdat. MP4, MOV and M4A differ by brand. */
export function isoMedia(brand: 'isom' | 'qt  ' | 'M4A '): Buffer {
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from(`${brand}mp41`, 'latin1'));
  const mvhd = box('mvhd', Buffer.alloc(100));
  return Buffer.concat([ftyp, box('moov', mvhd), box('mdat', Buffer.alloc(256, 0x11))]);
}

/** A WebM file: the EBML header with DocType webm (Matroska's element ids), then a Segment. */
export function webm(): Buffer {
  const el = (id: number[], data: Buffer) => Buffer.concat([Buffer.from(id), Buffer.from([0x80 | data.length]), data]);
  const header = Buffer.concat([
    el([0x42, 0x86], Buffer.from([1])), // EBMLVersion
    el([0x42, 0xf7], Buffer.from([1])), // EBMLReadVersion
    el([0x42, 0xf2], Buffer.from([4])), // EBMLMaxIDLength
    el([0x42, 0xf3], Buffer.from([8])), // EBMLMaxSizeLength
    el([0x42, 0x82], Buffer.from('webm')), // DocType
    el([0x42, 0x87], Buffer.from([4])), // DocTypeVersion
    el([0x42, 0x85], Buffer.from([2])), // DocTypeReadVersion
  ]);
  return Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | header.length]), header, Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), Buffer.alloc(64)]);
}

/** An MP3: an ID3v2.4 tag, then MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each). */
export function mp3(frames = 4): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
  const frame = Buffer.alloc(417);
  Buffer.from([0xff, 0xfb, 0x90, 0x64]).copy(frame);
  return Buffer.concat([id3, ...Array.from({ length: frames }, () => frame)]);
}

/** A WAV file: RIFF/WAVE with a PCM fmt chunk (16-bit mono, 8 kHz) and a short data chunk of silence. */
export function wav(samples = 800): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(8000, 4);
  fmt.writeUInt32LE(16000, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const chunk = (id: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data]);
  };
  const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), chunk('data', Buffer.alloc(samples * 2))]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/** An Ogg Vorbis stream's first page: OggS capture pattern, one segment holding the Vorbis identification header. */
export function oggVorbis(): Buffer {
  const ident = Buffer.alloc(30);
  ident.writeUInt8(1, 0);
  ident.write('vorbis', 1, 'latin1');
  ident.writeUInt32LE(0, 7); // version
  ident.writeUInt8(1, 11); // channels
  ident.writeUInt32LE(44100, 12); // rate
  ident.writeUInt8(0xb8, 28); // block sizes
  ident.writeUInt8(1, 29); // framing
  const page = Buffer.alloc(27);
  page.write('OggS', 0, 'latin1');
  page.writeUInt8(0, 4);
  page.writeUInt8(2, 5); // beginning of stream
  page.writeUInt32LE(0x1234, 14); // serial
  page.writeUInt8(1, 26); // one segment
  return Buffer.concat([page, Buffer.from([ident.length]), ident, Buffer.alloc(128, 0x55)]);
}

/** A PDF as payroll and HR systems export it: some bytes before the %PDF- header (readers look in the first 1,024). */
export function pdfAfter(prefix: Buffer): Buffer {
  return Buffer.concat([prefix, Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')]);
}

/** A tiny baseline JPEG is long; a JFIF header and an end marker is what a detector reads. */
export function jpeg(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\u0000', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]), Buffer.alloc(64, 0x33), Buffer.from([0xff, 0xd9])]);
}
