/**
 * What an uploaded file really is, read from its bytes (magic numbers), never from its name or the declared
 * Content-Type. Only the types a portfolio needs are accepted; everything else is refused.
 */
export enum EvidenceMediaType {
  Pdf = 'application/pdf',
  Png = 'image/png',
  Jpeg = 'image/jpeg',
  Gif = 'image/gif',
  Webp = 'image/webp',
  Docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  Xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  Pptx = 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  Odt = 'application/vnd.oasis.opendocument.text',
  Text = 'text/plain',
}

/** How each type is named in messages to the candidate. */
export const MEDIA_TYPE_LABEL: Record<EvidenceMediaType, string> = {
  [EvidenceMediaType.Pdf]: 'a PDF',
  [EvidenceMediaType.Png]: 'a PNG image',
  [EvidenceMediaType.Jpeg]: 'a JPEG image',
  [EvidenceMediaType.Gif]: 'a GIF image',
  [EvidenceMediaType.Webp]: 'a WebP image',
  [EvidenceMediaType.Docx]: 'a Word document (docx)',
  [EvidenceMediaType.Xlsx]: 'an Excel workbook (xlsx)',
  [EvidenceMediaType.Pptx]: 'a PowerPoint presentation (pptx)',
  [EvidenceMediaType.Odt]: 'an OpenDocument text (odt)',
  [EvidenceMediaType.Text]: 'plain text',
};

export const ACCEPTED_TYPES_SENTENCE =
  'PDF, PNG, JPEG, GIF, WebP, Word (docx), Excel (xlsx), PowerPoint (pptx), OpenDocument text (odt) or plain UTF-8 text';

/** Bytes of the start of a file that sniffing needs (the ODF mimetype entry ends well before this). */
export const SNIFF_HEAD_BYTES = 4096;

/** What the store learned about a file while streaming it. */
export interface ContentSample {
  /** The first SNIFF_HEAD_BYTES bytes (or the whole file when shorter). */
  head: Buffer;
  /** Names in the ZIP central directory, when the file is a ZIP archive whose directory could be read. */
  zipEntryNames: string[] | null;
  /** The whole content decoded as UTF-8 without error and held no NUL byte. */
  utf8Text: boolean;
  sizeBytes: number;
}

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function startsWith(head: Buffer, bytes: number[] | string, offset = 0): boolean {
  const sig = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= offset + sig.length && head.subarray(offset, offset + sig.length).equals(sig);
}

export function isZip(head: Buffer): boolean {
  return startsWith(head, [...ZIP_LOCAL_HEADER]);
}

function officeKind(head: Buffer, entries: string[] | null): EvidenceMediaType | null {
  // ODF: the first entry is an uncompressed `mimetype` file holding the media type (ODF 1.2, part 3, 3.3).
  if (head.length >= 30 && startsWith(head, 'mimetype', 30) && head.readUInt16LE(8) === 0) {
    const dataStart = 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    const dataLength = head.readUInt32LE(18);
    const mimetype = head.subarray(dataStart, dataStart + dataLength).toString('latin1');
    if (mimetype === EvidenceMediaType.Odt) return EvidenceMediaType.Odt;
  }
  if (!entries || !entries.includes('[Content_Types].xml')) return null;
  if (entries.some((n) => n.startsWith('word/'))) return EvidenceMediaType.Docx;
  if (entries.some((n) => n.startsWith('xl/'))) return EvidenceMediaType.Xlsx;
  if (entries.some((n) => n.startsWith('ppt/'))) return EvidenceMediaType.Pptx;
  return null;
}

/** The accepted type the content is, or null when it is none of them. */
export function sniffMediaType(sample: ContentSample): EvidenceMediaType | null {
  const { head } = sample;
  if (startsWith(head, '%PDF-')) return EvidenceMediaType.Pdf;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return EvidenceMediaType.Png;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return EvidenceMediaType.Jpeg;
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return EvidenceMediaType.Gif;
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return EvidenceMediaType.Webp;
  if (isZip(head)) return officeKind(head, sample.zipEntryNames);
  if (sample.sizeBytes > 0 && sample.utf8Text) return EvidenceMediaType.Text;
  return null;
}

/** Declared types that say nothing about the content (browsers send these for unknown extensions). */
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

const ALIASES: Record<string, EvidenceMediaType> = {
  'application/x-pdf': EvidenceMediaType.Pdf,
  'image/jpg': EvidenceMediaType.Jpeg,
  'image/pjpeg': EvidenceMediaType.Jpeg,
  'image/x-png': EvidenceMediaType.Png,
};

export function normaliseDeclaredType(declared: string | undefined | null): string {
  return (declared ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Whether the Content-Type the client declared agrees with what the bytes are. A generic type agrees with
 * anything; a ZIP declared as application/zip may be an office document; any text/* declaration fits text.
 */
export function declaredTypeAgrees(declared: string | undefined | null, detected: EvidenceMediaType): boolean {
  const type = normaliseDeclaredType(declared);
  if (UNINFORMATIVE.has(type)) return true;
  if (type === detected || ALIASES[type] === detected) return true;
  if (detected === EvidenceMediaType.Text) return type.startsWith('text/');
  const zipBased = [EvidenceMediaType.Docx, EvidenceMediaType.Xlsx, EvidenceMediaType.Pptx, EvidenceMediaType.Odt];
  if (zipBased.includes(detected)) return type === 'application/zip' || type === 'application/x-zip-compressed';
  return false;
}

/** How a declared type is named in a message ("image/png"), or "an unnamed type" when it is empty. */
export function describeDeclared(declared: string | undefined | null): string {
  return normaliseDeclaredType(declared) || 'an unnamed type';
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
