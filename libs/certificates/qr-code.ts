import QRCode from 'qrcode';

/**
 * The verification URL as a QR code: an SVG in a base64 data: URI, so the template shows it with an escaped
 * `<img src>` and nothing is fetched. Error correction M survives a crease or a stamp on a printed page.
 */
export async function qrCodeDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
