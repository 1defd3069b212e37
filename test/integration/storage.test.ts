import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EvidenceStore, StorageError, StorageErrorCode, isValidStorageKey } from '../../libs/storage/evidence-store';
import { EvidenceMediaType, classifyContent } from '../../libs/storage/media-type';
import type { ContentSample } from '../../libs/storage/media-type';
import * as files from '../support/evidence-files';

const sniffMediaType = (s: ContentSample): EvidenceMediaType | null => {
  const c = classifyContent(s);
  return c.accepted ? c.type : null;
};

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A stream of `total` bytes in chunks, generated on demand: never a buffer of the whole size. */
function generated(total: number, chunk = 64 * 1024, fill = 0x61): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const size = Math.min(chunk, total - sent);
      sent += size;
      this.push(Buffer.alloc(size, fill));
    },
  });
}

describe('EvidenceStore on a real folder', () => {
  let dir: string;
  let store: EvidenceStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vnfil-store-'));
    store = new EvidenceStore({ dir });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a stream to <aa>/<sha256> and reports its hash, size and head', async () => {
    const content = Buffer.from('%PDF-1.4 portfolio\n');
    const stored = await store.writeStream(Readable.from([content]), { maxBytes: 1024 });
    expect(stored).toMatchObject({ sha256: sha(content), sizeBytes: content.length, storageKey: `${sha(content).slice(0, 2)}/${sha(content)}` });
    expect(stored.head.equals(content)).toBe(true);
    expect(readFileSync(join(dir, stored.storageKey)).equals(content)).toBe(true);
    expect(await store.exists(stored.storageKey)).toBe(true);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('streams a large file through the hash (8 MiB) and keeps only the head in memory', async () => {
    const total = 8 * 1024 * 1024;
    const stored = await store.writeStream(generated(total), { maxBytes: total });
    expect(stored.sizeBytes).toBe(total);
    expect(stored.head.length).toBe(4096);
    expect(stored.sha256).toBe(createHash('sha256').update(Buffer.alloc(total, 0x61)).digest('hex'));
  });

  it('stores identical content once', async () => {
    const a = await store.writeStream(Readable.from([Buffer.from('same bytes')]), { maxBytes: 100 });
    const b = await store.writeStream(Readable.from([Buffer.from('same bytes')]), { maxBytes: 100 });
    expect(b.storageKey).toBe(a.storageKey);
    expect(readdirSync(join(dir, a.storageKey.slice(0, 2)))).toEqual([a.sha256]);
  });

  it('refuses more than maxBytes and leaves nothing behind', async () => {
    await expect(store.writeStream(generated(10_000, 1000), { maxBytes: 5_000 })).rejects.toMatchObject({ code: StorageErrorCode.TooLarge });
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['tmp']);
  });

  it('samples whether the whole content is UTF-8 text without NUL bytes', async () => {
    const text = await store.stage(Readable.from([Buffer.from('Zoë '), Buffer.from([0xc3]), Buffer.from([0xa9, 0x0a])]), { maxBytes: 100 });
    expect(text.sample.utf8Text).toBe(true);
    expect(sniffMediaType(text.sample)).toBe(EvidenceMediaType.Text);
    const nul = await store.stage(Readable.from([Buffer.from('text'), Buffer.from([0x00])]), { maxBytes: 100 });
    expect(nul.sample.utf8Text).toBe(false);
    const broken = await store.stage(Readable.from([Buffer.from([0x61, 0xc3])]), { maxBytes: 100 });
    expect(broken.sample.utf8Text).toBe(false);
    for (const staged of [text, nul, broken]) await store.discard(staged);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('tells text from blank: a byte-order mark or white space alone is not text, even across chunks', async () => {
    const bom = await store.stage(Readable.from([Buffer.from([0xef, 0xbb, 0xbf])]), { maxBytes: 100 });
    expect(bom.sample).toMatchObject({ utf8Text: true, visibleText: false });
    expect(classifyContent(bom.sample)).toEqual({ accepted: false, blank: true });
    const spaces = await store.stage(Readable.from([Buffer.from('   \r\n'), Buffer.from('\t\u00a0 ')]), { maxBytes: 100 });
    expect(classifyContent(spaces.sample)).toEqual({ accepted: false, blank: true });
    const text = await store.stage(Readable.from([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('  '), Buffer.from('x')]), { maxBytes: 100 });
    expect(sniffMediaType(text.sample)).toBe(EvidenceMediaType.Text);
    for (const staged of [bom, spaces, text]) await store.discard(staged);
  });

  it('recognises real files through the library and our own checks, from the staged file', async () => {
    const kinds: [Buffer, EvidenceMediaType | string][] = [
      [readFileSync(join(__dirname, '../fixtures/evidence/photo.heic')), EvidenceMediaType.Heic],
      [files.pdfAfter(Buffer.alloc(300, 0x2a)), EvidenceMediaType.Pdf],
      [files.odf('spreadsheet', 'loose'), EvidenceMediaType.Ods],
      [files.odf('presentation'), EvidenceMediaType.Odp],
      [files.isoMedia('isom'), EvidenceMediaType.Mp4],
      [files.isoMedia('qt  '), EvidenceMediaType.Mov],
      [files.isoMedia('M4A '), EvidenceMediaType.M4a],
      [files.webm(), EvidenceMediaType.Webm],
      [files.mp3(), EvidenceMediaType.Mp3],
      [files.wav(), EvidenceMediaType.Wav],
      [files.oggVorbis(), EvidenceMediaType.Ogg],
      [files.legacyWord(), 'a Word 97-2003 document (.doc)'],
      [files.encryptedOoxml(), 'a password-protected Office document'],
    ];
    for (const [bytes, expected] of kinds) {
      const staged = await store.stage(Readable.from([bytes]), { maxBytes: 1_000_000 });
      const c = classifyContent(staged.sample);
      expect(c.accepted ? c.type : 'kind' in c ? c.kind : 'blank').toBe(expected);
      await store.discard(staged);
    }
  });

  it('refuses Office packages with macros and text in other encodings, read by the library and our own checks', async () => {
    const kinds: [Buffer, string][] = [
      [files.ooxml('docm'), 'a Word document with macros (.docm)'],
      [files.ooxml('dotm'), 'a Word template with macros (.dotm)'],
      [files.ooxml('xlsm'), 'an Excel workbook with macros (.xlsm)'],
      [files.ooxml('xltm'), 'an Excel template with macros (.xltm)'],
      [files.ooxml('xlam'), 'an Excel workbook with macros'],
      [files.ooxml('pptm'), 'a PowerPoint presentation with macros (.pptm)'],
      [files.ooxml('potm'), 'a PowerPoint template with macros (.potm)'],
      [files.ooxml('ppsm'), 'a PowerPoint slide show with macros (.ppsm)'],
      [files.unicodeText('Notes de séance', 'utf16le'), "text saved as UTF-16 ('Unicode')"],
      [files.unicodeText('Notes de séance', 'utf16be'), "text saved as UTF-16 ('Unicode')"],
      [files.unicodeText('Notes de séance', 'utf32le'), 'text saved as UTF-32'],
      [files.latin1Text(), 'text that is not saved as UTF-8 (it looks like an older encoding, such as Windows-1252)'],
    ];
    for (const [bytes, expected] of kinds) {
      const staged = await store.stage(Readable.from([bytes]), { maxBytes: 1_000_000 });
      const c = classifyContent(staged.sample);
      expect(c.accepted ? c.type : 'kind' in c ? c.kind : 'blank').toBe(expected);
      await store.discard(staged);
    }
    for (const [kind, type] of [['docx', EvidenceMediaType.Docx], ['xlsx', EvidenceMediaType.Xlsx], ['pptx', EvidenceMediaType.Pptx]] as const) {
      const staged = await store.stage(Readable.from([files.ooxml(kind)]), { maxBytes: 1_000_000 });
      expect(sniffMediaType(staged.sample)).toBe(type);
      await store.discard(staged);
    }
  });

  it('samples whether every byte is one that single-byte text holds, across chunks', async () => {
    const latin = await store.stage(Readable.from([Buffer.from('caf', 'latin1'), Buffer.from([0xe9]), Buffer.from('\r\n\tok\f')]), { maxBytes: 100 });
    expect(latin.sample).toMatchObject({ utf8Text: false, singleByteText: true });
    const control = await store.stage(Readable.from([Buffer.from('caf\xe9', 'latin1'), Buffer.from([0x1b])]), { maxBytes: 100 });
    expect(control.sample.singleByteText).toBe(false);
    expect(classifyContent(control.sample)).toMatchObject({ kind: 'of a kind we do not recognise' });
    for (const staged of [latin, control]) await store.discard(staged);
  });

  it('reports a full disk or an unusable folder as a storage error that names no path', async () => {
    rmSync(join(dir, 'tmp'), { recursive: true, force: true });
    writeFileSync(join(dir, 'tmp'), 'a file where the folder should be');
    const err = await store.stage(Readable.from([Buffer.from('evidence')]), { maxBytes: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: StorageErrorCode.Unavailable });
    expect((err as Error).message).not.toContain(dir);
  });

  it('opens stored files and refuses keys that are not content addresses', async () => {
    const stored = await store.writeStream(Readable.from([Buffer.from('evidence')]), { maxBytes: 100 });
    const { stream, sizeBytes } = await store.open(stored.storageKey);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('evidence');
    expect(sizeBytes).toBe(8);

    writeFileSync(join(dir, 'secret.txt'), 'not evidence');
    for (const key of ['../secret.txt', 'secret.txt', `${stored.sha256.slice(0, 2)}/../../secret.txt`, `/etc/passwd`, `ff/${stored.sha256}`, stored.sha256, `${stored.storageKey}/`]) {
      expect(isValidStorageKey(key)).toBe(false);
      await expect(store.open(key)).rejects.toBeInstanceOf(StorageError);
      await expect(store.exists(key)).rejects.toMatchObject({ code: StorageErrorCode.InvalidKey });
    }
    const missing = `ab/ab${'0'.repeat(62)}`;
    expect(await store.exists(missing)).toBe(false);
    await expect(store.open(missing)).rejects.toMatchObject({ code: StorageErrorCode.NotFound });
    expect(existsSync(join(dir, 'secret.txt'))).toBe(true);
  });
});
