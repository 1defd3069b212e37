import convert from 'heic-convert';

/** JPEG quality of renditions: a viewing copy, close to what the phone itself would export. */
const RENDITION_QUALITY = 0.85;

/**
 * A JPEG rendition of a HEIC/HEIF photo (its primary image), for viewing in browsers that cannot show HEIC; the
 * photo itself is kept as sent. Decoded by heic-convert (libheif compiled to WebAssembly, no native build).
 * Null when the photo cannot be decoded (damaged, or a variant libheif does not read).
 */
export async function jpegRenditionOfHeic(photo: Buffer): Promise<Buffer | null> {
  try {
    const jpeg = await convert({ buffer: photo, format: 'JPEG', quality: RENDITION_QUALITY });
    const bytes = Buffer.from(jpeg);
    return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 ? bytes : null;
  } catch {
    return null;
  }
}
