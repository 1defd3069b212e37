/**
 * What an uploaded file really is, read from its bytes, never from its name or the declared Content-Type.
 * Magic bytes are read by the maintained `file-type` library (see content-inspection.ts); this module adds what
 * it lacks (a PDF header after a few stray bytes, what a compound file holds, office packages whose directory
 * alone tells, text), decides what a portfolio accepts, and says in a refusal what the file is and what to do.
 */
export enum EvidenceMediaType {
  Pdf = 'application/pdf',
  Png = 'image/png',
  Jpeg = 'image/jpeg',
  Gif = 'image/gif',
  Webp = 'image/webp',
  Heic = 'image/heic',
  Heif = 'image/heif',
  Docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  Xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  Pptx = 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  Odt = 'application/vnd.oasis.opendocument.text',
  Ods = 'application/vnd.oasis.opendocument.spreadsheet',
  Odp = 'application/vnd.oasis.opendocument.presentation',
  Mp4 = 'video/mp4',
  Mov = 'video/quicktime',
  Webm = 'video/webm',
  Mp3 = 'audio/mpeg',
  M4a = 'audio/mp4',
  Wav = 'audio/wav',
  Ogg = 'audio/ogg',
  Text = 'text/plain',
}

/** Documents and images share the upload limit; recordings of practice (video, audio) have their own, larger one. */
export enum MediaClass {
  Document = 'document',
  Image = 'image',
  Recording = 'recording',
}

interface MediaTypeInfo {
  /** How the type is named in messages to the candidate. */
  label: string;
  /** The extension a download gets, then the others that name the same content. */
  extensions: string[];
  mediaClass: MediaClass;
}

export const MEDIA_TYPES: Record<EvidenceMediaType, MediaTypeInfo> = {
  [EvidenceMediaType.Pdf]: { label: 'a PDF', extensions: ['pdf'], mediaClass: MediaClass.Document },
  [EvidenceMediaType.Png]: { label: 'a PNG image', extensions: ['png'], mediaClass: MediaClass.Image },
  [EvidenceMediaType.Jpeg]: { label: 'a JPEG image', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], mediaClass: MediaClass.Image },
  [EvidenceMediaType.Gif]: { label: 'a GIF image', extensions: ['gif'], mediaClass: MediaClass.Image },
  [EvidenceMediaType.Webp]: { label: 'a WebP image', extensions: ['webp'], mediaClass: MediaClass.Image },
  [EvidenceMediaType.Heic]: { label: 'a HEIC photo', extensions: ['heic', 'heif', 'hif'], mediaClass: MediaClass.Image },
  [EvidenceMediaType.Heif]: { label: 'a HEIF photo', extensions: ['heif', 'heic', 'hif'], mediaClass: MediaClass.Image },
  [EvidenceMediaType.Docx]: { label: 'a Word document (docx)', extensions: ['docx'], mediaClass: MediaClass.Document },
  [EvidenceMediaType.Xlsx]: { label: 'an Excel workbook (xlsx)', extensions: ['xlsx'], mediaClass: MediaClass.Document },
  [EvidenceMediaType.Pptx]: { label: 'a PowerPoint presentation (pptx)', extensions: ['pptx'], mediaClass: MediaClass.Document },
  [EvidenceMediaType.Odt]: { label: 'an OpenDocument text (odt)', extensions: ['odt'], mediaClass: MediaClass.Document },
  [EvidenceMediaType.Ods]: { label: 'an OpenDocument spreadsheet (ods)', extensions: ['ods'], mediaClass: MediaClass.Document },
  [EvidenceMediaType.Odp]: { label: 'an OpenDocument presentation (odp)', extensions: ['odp'], mediaClass: MediaClass.Document },
  [EvidenceMediaType.Mp4]: { label: 'an MP4 video', extensions: ['mp4', 'm4v'], mediaClass: MediaClass.Recording },
  [EvidenceMediaType.Mov]: { label: 'a QuickTime video (mov)', extensions: ['mov', 'qt'], mediaClass: MediaClass.Recording },
  [EvidenceMediaType.Webm]: { label: 'a WebM video', extensions: ['webm'], mediaClass: MediaClass.Recording },
  [EvidenceMediaType.Mp3]: { label: 'an MP3 recording', extensions: ['mp3'], mediaClass: MediaClass.Recording },
  [EvidenceMediaType.M4a]: { label: 'an M4A recording', extensions: ['m4a', 'mp4', 'aac'], mediaClass: MediaClass.Recording },
  [EvidenceMediaType.Wav]: { label: 'a WAV recording', extensions: ['wav', 'wave'], mediaClass: MediaClass.Recording },
  [EvidenceMediaType.Ogg]: { label: 'an Ogg recording', extensions: ['ogg', 'oga', 'opus'], mediaClass: MediaClass.Recording },
  [EvidenceMediaType.Text]: { label: 'plain text', extensions: ['txt', 'text', 'md', 'markdown', 'csv', 'tsv', 'log', 'json', 'xml', 'yaml', 'yml', 'rtf', 'ini', 'cfg', 'conf', 'srt', 'vtt', 'tex'], mediaClass: MediaClass.Document },
};

export const ACCEPTED_TYPES_SENTENCE =
  'PDF; Word (docx), Excel (xlsx), PowerPoint (pptx) or OpenDocument (odt, ods, odp); plain UTF-8 text; ' +
  'PNG, JPEG, GIF, WebP or HEIC images; MP4, MOV or WebM video; MP3, M4A, WAV or Ogg audio';

export function mediaClassOf(type: EvidenceMediaType): MediaClass {
  return MEDIA_TYPES[type].mediaClass;
}

/** Bytes of the start of a file that sniffing needs (the ODF mimetype entry ends well before this). */
export const SNIFF_HEAD_BYTES = 4096;
/** Readers find a PDF's header anywhere in its first 1,024 bytes (exports often put a line break or junk before it). */
export const PDF_HEADER_WINDOW = 1024;

/** What the store learned about a file while streaming it, and what the inspection of the staged file added. */
export interface ContentSample {
  /** The first SNIFF_HEAD_BYTES bytes (or the whole file when shorter). */
  head: Buffer;
  /** Names in the ZIP central directory, when the file is a ZIP archive whose directory could be read. */
  zipEntryNames: string[] | null;
  /** Stream names in a compound file's (MS-CFB) directory, when the file is one whose directory could be read. */
  compoundEntryNames?: string[] | null;
  /** The whole content decoded as UTF-8 without error and held no NUL byte. */
  utf8Text: boolean;
  /**
   * Every byte of the content is printable ASCII, a tab, a line break, a form feed or a byte from 0x80 up (no NUL,
   * no other control byte): text in a single-byte encoding (Windows-1252, Latin-1...) when it is not UTF-8.
   */
  singleByteText?: boolean;
  /** The text held something other than white space and byte-order marks. */
  visibleText?: boolean;
  sizeBytes: number;
  /** What the file-type library recognised, if anything. */
  detected?: { mime: string; ext: string } | null;
}

/** What the content is: an accepted type, nothing at all (blank), or a kind we refuse with what to do about it. */
export type Classification =
  | { accepted: true; type: EvidenceMediaType }
  | { accepted: false; blank: true }
  | { accepted: false; blank: false; kind: string; advice: string };

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function startsWith(head: Buffer, bytes: number[] | string | Buffer, offset = 0): boolean {
  const sig = Buffer.isBuffer(bytes) ? bytes : typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= offset + sig.length && head.subarray(offset, offset + sig.length).equals(sig);
}

export function isZip(head: Buffer): boolean {
  return startsWith(head, ZIP_LOCAL_HEADER);
}

export function isCompoundFile(head: Buffer): boolean {
  return startsWith(head, CFB_SIGNATURE);
}

/** The library's answers that are accepted types (it names some types differently from us). */
const LIBRARY_ACCEPTED: Record<string, EvidenceMediaType> = {
  'application/pdf': EvidenceMediaType.Pdf,
  'image/png': EvidenceMediaType.Png,
  'image/jpeg': EvidenceMediaType.Jpeg,
  'image/gif': EvidenceMediaType.Gif,
  'image/webp': EvidenceMediaType.Webp,
  'image/heic': EvidenceMediaType.Heic,
  'image/heic-sequence': EvidenceMediaType.Heic,
  'image/heif': EvidenceMediaType.Heif,
  'image/heif-sequence': EvidenceMediaType.Heif,
  [EvidenceMediaType.Docx]: EvidenceMediaType.Docx,
  [EvidenceMediaType.Xlsx]: EvidenceMediaType.Xlsx,
  [EvidenceMediaType.Pptx]: EvidenceMediaType.Pptx,
  [EvidenceMediaType.Odt]: EvidenceMediaType.Odt,
  [EvidenceMediaType.Ods]: EvidenceMediaType.Ods,
  [EvidenceMediaType.Odp]: EvidenceMediaType.Odp,
  'video/mp4': EvidenceMediaType.Mp4,
  'video/x-m4v': EvidenceMediaType.Mp4,
  'video/quicktime': EvidenceMediaType.Mov,
  'video/webm': EvidenceMediaType.Webm,
  'audio/webm': EvidenceMediaType.Webm,
  'audio/mpeg': EvidenceMediaType.Mp3,
  'audio/x-m4a': EvidenceMediaType.M4a,
  'audio/mp4': EvidenceMediaType.M4a,
  'audio/aac': EvidenceMediaType.M4a,
  'audio/wav': EvidenceMediaType.Wav,
  'audio/vnd.wave': EvidenceMediaType.Wav,
  'audio/ogg': EvidenceMediaType.Ogg,
  'audio/opus': EvidenceMediaType.Ogg,
  'video/ogg': EvidenceMediaType.Ogg,
};

interface Refusal {
  kind: string;
  advice: string;
}

const AS_DOCUMENT = 'save it as PDF (or docx, xlsx, pptx) and upload it again';
const AS_IMAGE = 'save it as JPEG, PNG or PDF and upload it again';
const AS_VIDEO = 'convert it to MP4 (H.264) or WebM and upload it again';
const AS_AUDIO = 'convert it to MP3, M4A, WAV or Ogg and upload it again';
const UNPACK = 'unpack it and upload the files in it one by one';
const NO_PROGRAMS = 'programs and scripts are not evidence: upload a document, a photo or a recording of your work';

/** Kinds the library recognises that a portfolio refuses, by the extension it reports, with what to do. */
const LIBRARY_REFUSED: Record<string, Refusal> = {
  zip: { kind: 'a ZIP archive', advice: UNPACK },
  rar: { kind: 'a RAR archive', advice: UNPACK },
  '7z': { kind: 'a 7-Zip archive', advice: UNPACK },
  gz: { kind: 'a gzip archive', advice: UNPACK },
  tar: { kind: 'a tar archive', advice: UNPACK },
  bz2: { kind: 'a bzip2 archive', advice: UNPACK },
  xz: { kind: 'an xz archive', advice: UNPACK },
  exe: { kind: 'a Windows program', advice: NO_PROGRAMS },
  elf: { kind: 'a program', advice: NO_PROGRAMS },
  macho: { kind: 'a macOS program', advice: NO_PROGRAMS },
  class: { kind: 'a Java class file', advice: NO_PROGRAMS },
  wasm: { kind: 'a WebAssembly program', advice: NO_PROGRAMS },
  tif: { kind: 'a TIFF image', advice: AS_IMAGE },
  bmp: { kind: 'a BMP image', advice: AS_IMAGE },
  avif: { kind: 'an AVIF image', advice: AS_IMAGE },
  ico: { kind: 'an icon file', advice: AS_IMAGE },
  psd: { kind: 'a Photoshop file', advice: AS_IMAGE },
  cr2: { kind: 'a camera raw photo', advice: AS_IMAGE },
  nef: { kind: 'a camera raw photo', advice: AS_IMAGE },
  dng: { kind: 'a camera raw photo', advice: AS_IMAGE },
  jxl: { kind: 'a JPEG XL image', advice: AS_IMAGE },
  avi: { kind: 'an AVI video', advice: AS_VIDEO },
  mkv: { kind: 'a Matroska video (mkv)', advice: AS_VIDEO },
  wmv: { kind: 'a Windows Media video', advice: AS_VIDEO },
  asf: { kind: 'a Windows Media file', advice: AS_VIDEO },
  flv: { kind: 'a Flash video', advice: AS_VIDEO },
  mpg: { kind: 'an MPEG video', advice: AS_VIDEO },
  mts: { kind: 'an AVCHD video', advice: AS_VIDEO },
  '3gp': { kind: 'a 3GP video', advice: AS_VIDEO },
  flac: { kind: 'a FLAC recording', advice: AS_AUDIO },
  wma: { kind: 'a Windows Media recording', advice: AS_AUDIO },
  amr: { kind: 'an AMR recording', advice: AS_AUDIO },
  aif: { kind: 'an AIFF recording', advice: AS_AUDIO },
  mid: { kind: 'a MIDI file', advice: AS_AUDIO },
  epub: { kind: 'an EPUB book', advice: 'save it as PDF and upload it again' },
  ps: { kind: 'a PostScript file', advice: 'save it as PDF and upload it again' },
  odg: { kind: 'an OpenDocument drawing (odg)', advice: 'export it as PDF and upload it again' },
  sqlite: { kind: 'a database file', advice: AS_DOCUMENT },
};

/**
 * What a compound file (MS-CFB) holds, read from its stream names: legacy Office documents and OOXML documents
 * encrypted with a password (MS-OFFCRYPTO keeps them in EncryptionInfo and EncryptedPackage streams).
 */
export function classifyCompoundFile(names: string[] | null | undefined): Refusal {
  const has = (name: string) => names?.some((n) => n.toLowerCase() === name.toLowerCase()) ?? false;
  if (has('EncryptionInfo') || has('EncryptedPackage')) {
    return {
      kind: 'a password-protected Office document',
      advice: 'remove the password (in Word, Excel or PowerPoint: File > Info > Protect > Encrypt with Password, clear it, save), then upload it again',
    };
  }
  if (has('WordDocument')) return { kind: 'a Word 97-2003 document (.doc)', advice: 'save it as .docx or PDF (File > Save As) and upload it again' };
  if (has('Workbook') || has('Book')) return { kind: 'an Excel 97-2003 workbook (.xls)', advice: 'save it as .xlsx or PDF (File > Save As) and upload it again' };
  if (has('PowerPoint Document')) return { kind: 'a PowerPoint 97-2003 presentation (.ppt)', advice: 'save it as .pptx or PDF (File > Save As) and upload it again' };
  if (has('__nameid_version1.0') || has('__substg1.0_0037001F') || has('__substg1.0_0037001E')) {
    return { kind: 'an Outlook message (.msg)', advice: 'print or save the message as PDF and upload that' };
  }
  return { kind: 'an older Office or Windows compound file', advice: 'open it in the program that made it, save it as PDF and upload it again' };
}

const withoutMacros = (extension: string) => `save it as .${extension} without macros, or as PDF, and upload it again`;
const AS_DOCX = withoutMacros('docx');
const AS_XLSX = withoutMacros('xlsx');
const AS_PPTX = withoutMacros('pptx');

/**
 * Office packages that carry macros (VBA), by the extension the library reads from the main part's content type in
 * [Content_Types].xml. Their directory looks like a docx, xlsx or pptx; stored as one, the file would not open.
 */
const MACRO_OFFICE: Record<string, Refusal> = {
  docm: { kind: 'a Word document with macros (.docm)', advice: AS_DOCX },
  dotm: { kind: 'a Word template with macros (.dotm)', advice: AS_DOCX },
  xlsm: { kind: 'an Excel workbook with macros (.xlsm)', advice: AS_XLSX },
  xltm: { kind: 'an Excel template with macros (.xltm)', advice: AS_XLSX },
  pptm: { kind: 'a PowerPoint presentation with macros (.pptm)', advice: AS_PPTX },
  potm: { kind: 'a PowerPoint template with macros (.potm)', advice: AS_PPTX },
  ppsm: { kind: 'a PowerPoint slide show with macros (.ppsm)', advice: AS_PPTX },
};

/** The macro project's part in each application's folder (where Office writes it; add-ins, .xlam and .ppam, too). */
const VBA_PROJECT: [RegExp, Refusal][] = [
  [/^word\/vbaProject\.bin$/i, { kind: 'a Word document with macros', advice: AS_DOCX }],
  [/^xl\/vbaProject\.bin$/i, { kind: 'an Excel workbook with macros', advice: AS_XLSX }],
  [/^ppt\/vbaProject\.bin$/i, { kind: 'a PowerPoint presentation with macros', advice: AS_PPTX }],
];

/** An Office package with macros: named by the library when it read the content types, else by its macro project's part. */
function macroOfficeRefusal(detected: { ext: string } | null | undefined, entries: string[] | null): Refusal | null {
  const named = detected ? MACRO_OFFICE[detected.ext] : undefined;
  if (named) return named;
  for (const [part, refusal] of VBA_PROJECT) if (entries?.some((name) => part.test(name))) return refusal;
  return null;
}

const AS_UTF8 = 'save it as UTF-8 (in Notepad: File > Save As, Encoding: UTF-8) and upload it again';

/**
 * The code points of UTF-16 or UTF-32 text after its byte-order mark, or null when they are not text: a NUL, a lone
 * surrogate, a non-character U+FFFE or U+FFFF, a code point past U+10FFFF. Audio that happens to start with the bytes
 * of a mark (an MPEG frame starts FF Fx) fails this within its first few samples: silence is NULs, and compressed
 * bytes read as 16-bit units hit a lone surrogate about once in 30. Other control characters pass (a stray one in a
 * text file is still text).
 */
function unicodeCodePoints(body: Buffer, width: 2 | 4, bigEndian: boolean): number[] | null {
  const points: number[] = [];
  const units = Math.floor(body.length / width);
  for (let i = 0; i < units; i++) {
    const at = i * width;
    let code = width === 2 ? (bigEndian ? body.readUInt16BE(at) : body.readUInt16LE(at)) : bigEndian ? body.readUInt32BE(at) : body.readUInt32LE(at);
    if (width === 2 && code >= 0xd800 && code <= 0xdbff) {
      // a high surrogate: the next unit completes it (or the sample ends here)
      if (i + 1 >= units) break;
      const low = bigEndian ? body.readUInt16BE(at + 2) : body.readUInt16LE(at + 2);
      if (low < 0xdc00 || low > 0xdfff) return null;
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      return null;
    }
    if (code === 0 || code > 0x10ffff || code === 0xfffe || code === 0xffff) return null;
    points.push(code);
  }
  return points;
}

/** Byte-order marks of the Unicode encodings other than UTF-8; UTF-32 LE's begins with UTF-16 LE's, so it is tried first. */
const UNICODE_BOMS: { bom: number[]; width: 2 | 4; bigEndian: boolean; name: string }[] = [
  { bom: [0xff, 0xfe, 0x00, 0x00], width: 4, bigEndian: false, name: 'UTF-32' },
  { bom: [0x00, 0x00, 0xfe, 0xff], width: 4, bigEndian: true, name: 'UTF-32' },
  { bom: [0xff, 0xfe], width: 2, bigEndian: false, name: "UTF-16 ('Unicode')" },
  { bom: [0xfe, 0xff], width: 2, bigEndian: true, name: "UTF-16 ('Unicode')" },
];

/**
 * Text saved as UTF-16 (Notepad's "Unicode") or UTF-32, known by its byte-order mark and text after it: refused
 * with what to do, or blank when the whole file holds nothing visible. Null when the file is not such text.
 */
function unicodeText(head: Buffer, sizeBytes: number): Classification | null {
  for (const { bom, width, bigEndian, name } of UNICODE_BOMS) {
    if (!startsWith(head, bom)) continue;
    const points = unicodeCodePoints(head.subarray(bom.length), width, bigEndian);
    if (!points) return null;
    const whole = sizeBytes <= head.length;
    if (whole && points.every((code) => /[\s\ufeff\u200b]/u.test(String.fromCodePoint(code)))) return { accepted: false, blank: true };
    return { accepted: false, blank: false, kind: `text saved as ${name}`, advice: AS_UTF8 };
  }
  return null;
}

const NOT_UTF8_TEXT: Refusal = { kind: 'text that is not saved as UTF-8 (it looks like an older encoding, such as Windows-1252)', advice: AS_UTF8 };

function officeKind(head: Buffer, entries: string[] | null): EvidenceMediaType | null {
  // ODF whose mimetype entry is first and stored (ODF 1.2, part 3, 3.3); the library reads the other layouts
  if (head.length >= 30 && startsWith(head, 'mimetype', 30) && head.readUInt16LE(8) === 0) {
    const dataStart = 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    const dataLength = head.readUInt32LE(18);
    const mimetype = head.subarray(dataStart, dataStart + dataLength).toString('latin1');
    for (const type of [EvidenceMediaType.Odt, EvidenceMediaType.Ods, EvidenceMediaType.Odp]) if (mimetype === type) return type;
  }
  if (!entries || !entries.includes('[Content_Types].xml')) return null;
  if (entries.some((n) => n.startsWith('word/'))) return EvidenceMediaType.Docx;
  if (entries.some((n) => n.startsWith('xl/'))) return EvidenceMediaType.Xlsx;
  if (entries.some((n) => n.startsWith('ppt/'))) return EvidenceMediaType.Pptx;
  return null;
}

/** A PDF header (`%PDF-` and a version digit) within the first 1,024 bytes, where readers look for it. */
export function hasPdfHeader(head: Buffer): boolean {
  const at = head.subarray(0, PDF_HEADER_WINDOW + 8).indexOf('%PDF-', 0, 'latin1');
  return at >= 0 && at < PDF_HEADER_WINDOW && /^%PDF-\d/.test(head.subarray(at, at + 6).toString('latin1'));
}

function imageBySignature(head: Buffer): EvidenceMediaType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return EvidenceMediaType.Png;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return EvidenceMediaType.Jpeg;
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return EvidenceMediaType.Gif;
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return EvidenceMediaType.Webp;
  return null;
}

const UNKNOWN: Refusal = { kind: 'of a kind we do not recognise', advice: `send ${ACCEPTED_TYPES_SENTENCE}` };

/** What the content is, from the library's answer first and our own checks for what it lacks. */
export function classifyContent(sample: ContentSample): Classification {
  const { head, detected } = sample;
  // before the library's answer: a UTF-16 mark (FF FE) reads as an MPEG audio frame's sync
  const unicode = unicodeText(head, sample.sizeBytes);
  if (unicode) return unicode;
  // before the library's answer too: it names macro-enabled packages, and a docx may hide a macro project
  const macros = isZip(head) ? macroOfficeRefusal(detected, sample.zipEntryNames) : null;
  if (macros) return { accepted: false, blank: false, ...macros };
  const accepted = detected ? LIBRARY_ACCEPTED[detected.mime] : undefined;
  if (accepted) return { accepted: true, type: accepted };
  if (detected?.ext === 'cfb' || isCompoundFile(head)) return { accepted: false, blank: false, ...classifyCompoundFile(sample.compoundEntryNames) };
  if (hasPdfHeader(head)) return { accepted: true, type: EvidenceMediaType.Pdf };
  // the library reads images further than their signature and gives up on a damaged chunk; viewers do not
  const image = imageBySignature(head);
  if (image) return { accepted: true, type: image };
  if (isZip(head)) {
    const office = officeKind(head, sample.zipEntryNames);
    if (office) return { accepted: true, type: office };
  }
  if (sample.utf8Text && sample.sizeBytes > 0) {
    return sample.visibleText === false ? { accepted: false, blank: true } : { accepted: true, type: EvidenceMediaType.Text };
  }
  if (sample.sizeBytes === 0) return { accepted: false, blank: true };
  if (sample.singleByteText) return { accepted: false, blank: false, ...NOT_UTF8_TEXT };
  if (detected) {
    const known = LIBRARY_REFUSED[detected.ext];
    if (known) return { accepted: false, blank: false, ...known };
    return { accepted: false, blank: false, kind: `a ${detected.ext.toUpperCase()} file (${detected.mime})`, advice: `save or convert it to one of: ${ACCEPTED_TYPES_SENTENCE}` };
  }
  if (isZip(head)) return { accepted: false, blank: false, ...LIBRARY_REFUSED.zip };
  if (startsWith(head, 'MZ')) return { accepted: false, blank: false, ...LIBRARY_REFUSED.exe };
  return { accepted: false, blank: false, ...UNKNOWN };
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65535 bytes. */
export const ZIP_TAIL_BYTES = 22 + 65535;
const MAX_ZIP_ENTRIES = 10_000;
const MAX_ZIP_DIRECTORY_BYTES = 16 * 1024 * 1024;

export interface ZipDirectoryLocation {
  offset: number;
  size: number;
  count: number;
}

/**
 * Where a ZIP archive's central directory lies, from the last bytes of the file (`tail`). Null when the
 * archive is malformed or absurd: such a file is refused, not guessed at.
 */
export function locateZipDirectory(tail: Buffer, fileSize: number): ZipDirectoryLocation | null {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    const count = tail.readUInt16LE(i + 10);
    const size = tail.readUInt32LE(i + 12);
    const offset = tail.readUInt32LE(i + 16);
    if (count > MAX_ZIP_ENTRIES || offset + size > fileSize || size > MAX_ZIP_DIRECTORY_BYTES) return null;
    return { offset, size, count };
  }
  return null;
}

/** The entry names in a central directory, or null when it is malformed. */
export function zipEntryNames(directory: Buffer, count: number): string[] | null {
  const names: string[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL_SIGNATURE) return null;
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    if (p + 46 + nameLength > directory.length) return null;
    names.push(directory.subarray(p + 46, p + 46 + nameLength).toString('utf8'));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Reads `length` bytes at `offset` of a file; fewer at its end. */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const CFB_FREE = 0xffffffff;
const CFB_END_OF_CHAIN = 0xfffffffe;
const MAX_CFB_DIRECTORY_SECTORS = 256;

/**
 * The stream and storage names in a compound file's directory (MS-CFB 2.6), following the directory's sector
 * chain through the FAT sectors the header lists. Null when the header or chain is malformed.
 */
export async function compoundEntryNames(readAt: ReadAt): Promise<string[] | null> {
  const header = await readAt(0, 512);
  if (header.length < 512 || !isCompoundFile(header)) return null;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = header.readUInt32LE(0x4c + i * 4);
    if (sector === CFB_FREE || sector === CFB_END_OF_CHAIN) break;
    fatSectors.push(sector);
  }
  const fatCache = new Map<number, Buffer>();
  const next = async (sector: number): Promise<number | null> => {
    const perSector = sectorSize / 4;
    const fatIndex = Math.floor(sector / perSector);
    if (fatIndex >= fatSectors.length) return null;
    let fat = fatCache.get(fatIndex);
    if (!fat) {
      fat = await readAt(sectorOffset(fatSectors[fatIndex]), sectorSize);
      if (fat.length < sectorSize) return null;
      fatCache.set(fatIndex, fat);
    }
    return fat.readUInt32LE((sector % perSector) * 4);
  };
  const names: string[] = [];
  let sector: number | null = header.readUInt32LE(0x30);
  for (let n = 0; sector !== null && sector !== CFB_END_OF_CHAIN; n++) {
    if (n >= MAX_CFB_DIRECTORY_SECTORS || sector > 0xfffffffa) return n > 0 ? names : null;
    const block = await readAt(sectorOffset(sector), sectorSize);
    if (block.length < sectorSize) return n > 0 ? names : null;
    for (let at = 0; at + 128 <= block.length; at += 128) {
      const nameBytes = block.readUInt16LE(at + 0x40);
      const type = block.readUInt8(at + 0x42);
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      names.push(block.subarray(at, at + nameBytes - 2).toString('utf16le'));
    }
    sector = await next(sector);
  }
  return names;
}

/** A declared Content-Type without parameters, lower-cased (recorded for the audit trail, never trusted). */
export function normaliseDeclaredType(declared: string | undefined | null): string {
  return (declared ?? '').split(';')[0].trim().toLowerCase();
}
