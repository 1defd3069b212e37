import { MEDIA_TYPES } from './media-type';
import type { EvidenceMediaType } from './media-type';

/**
 * Display names of uploaded files. The client's file name is only ever shown (and offered back on download);
 * it never becomes part of a path, so these functions make it harmless to display and to put in a header.
 */
export const MAX_NAME_LENGTH = 200;
const FALLBACK_NAME = 'evidence';
/** Longer "extensions" are part of the name, not a type ("notes.from-the-session-with-the-team"). */
const MAX_EXTENSION_LENGTH = 10;
const ELLIPSIS = '…';

/** The name split at its extension (lower-cased, without the dot), when it has one. */
export function splitExtension(name: string): { stem: string; extension: string | null } {
  const match = /^(.+)\.([\p{L}\p{N}]+)$/u.exec(name);
  if (!match || [...match[2]].length > MAX_EXTENSION_LENGTH) return { stem: name, extension: null };
  return { stem: match[1], extension: match[2] };
}

/** Shortens a name to `max` characters by cutting out its middle, so its start, its end and its extension stay. */
export function shortenFileName(name: string, max = MAX_NAME_LENGTH): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const { stem, extension } = splitExtension(name);
  const suffix = extension === null ? '' : `.${extension}`;
  const stemChars = [...stem];
  const room = max - [...suffix].length - ELLIPSIS.length;
  const tail = Math.floor(room / 3);
  const head = room - tail;
  return `${stemChars.slice(0, head).join('').trimEnd()}${ELLIPSIS}${stemChars.slice(stemChars.length - tail).join('').trimStart()}${suffix}`;
}

/** The last path segment, without control characters, reserved characters or leading dots; never empty. */
export function sanitiseFileName(name: string | undefined | null): string {
  return shortenFileName(cleanFileName(name)) || FALLBACK_NAME;
}

/** As sanitiseFileName, without the length limit (the caller shortens once the name is complete). */
function cleanFileName(name: string | undefined | null): string {
  const lastSegment = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/[\t\n\r\f\v]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  return cleaned || FALLBACK_NAME;
}

/** Extensions that name a type of their own: replaced, not kept, when the content is something else. */
const TYPE_EXTENSIONS = new Set([
  ...Object.values(MEDIA_TYPES).flatMap((t) => t.extensions),
  ...['doc', 'dot', 'xls', 'ppt', 'pps', 'rtf', 'html', 'htm', 'xhtml', 'svg', 'js', 'mjs', 'exe', 'msi', 'bat', 'cmd', 'sh', 'ps1', 'zip', 'rar', '7z'],
  ...['gz', 'tar', 'bmp', 'tif', 'tiff', 'avif', 'avi', 'mkv', 'wmv', 'flac', 'wma', 'aiff', 'odg', 'pages', 'numbers', 'key', 'msg', 'eml', 'bin', 'dat'],
]);

/**
 * The display name for a file whose content is `type`: the candidate's name when its extension already names
 * that content, else with the right extension (replacing one that names another type, "photo.heic" for a JPEG
 * becomes "photo.jpg"; appended otherwise, "report.final" becomes "report.final.pdf"). Sanitised and shortened.
 */
export function nameForContent(name: string | undefined | null, type: EvidenceMediaType): string {
  const clean = cleanFileName(name);
  const { extensions } = MEDIA_TYPES[type];
  const { stem, extension } = splitExtension(clean);
  const lower = extension?.toLowerCase() ?? null;
  if (lower !== null && extensions.includes(lower)) return shortenFileName(clean);
  const base = lower !== null && TYPE_EXTENSIONS.has(lower) ? stem : clean;
  return shortenFileName(`${base}.${extensions[0]}`);
}

/** A Content-Disposition attachment header: an ASCII fallback name plus the exact name per RFC 6266/5987. */
export function attachmentDisposition(displayName: string): string {
  return disposition('attachment', displayName);
}

/** The same, inline: the browser shows the file (a PDF in its viewer) and saves it under that name. */
export function inlineDisposition(displayName: string): string {
  return disposition('inline', displayName);
}

function disposition(kind: 'attachment' | 'inline', displayName: string): string {
  const safe = sanitiseFileName(displayName);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
