/**
 * Display names of uploaded files. The client's file name is only ever shown (and offered back on download);
 * it never becomes part of a path, so these functions make it harmless to display and to put in a header.
 */
const MAX_NAME_LENGTH = 200;
const FALLBACK_NAME = 'evidence';

/** The last path segment, without control characters, reserved characters or leading dots; never empty. */
export function sanitiseFileName(name: string | undefined | null): string {
  const lastSegment = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    .replace(/[\t\n\r\f\v]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  const limited = [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
  return limited || FALLBACK_NAME;
}

/** A Content-Disposition attachment header: an ASCII fallback name plus the exact name per RFC 6266/5987. */
export function attachmentDisposition(displayName: string): string {
  const safe = sanitiseFileName(displayName);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
