import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { mkdir, open as openFile, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { ContentSample } from './media-type';
import { SNIFF_HEAD_BYTES, ZIP_TAIL_BYTES, compoundEntryNames, isCompoundFile, isZip, locateZipDirectory, zipEntryNames } from './media-type';

export enum StorageErrorCode {
  TooLarge = 'storage.too_large',
  InvalidKey = 'storage.invalid_key',
  NotFound = 'storage.not_found',
  /** The disk (or the store's quota on it) is full. */
  Full = 'storage.full',
  /** The store cannot be written or read for another reason (permissions, I/O error, too many open files). */
  Unavailable = 'storage.unavailable',
}

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Error codes of the file system that mean the disk is full. */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * The file system's error as a StorageError whose message names no path (Node's messages do); other errors
 * (the client's stream ending early, a parser's complaint) are returned as they are.
 */
export function storageFault(err: unknown): unknown {
  if (err instanceof StorageError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const syscall = (err as NodeJS.ErrnoException | null)?.syscall;
  if (typeof code !== 'string' || typeof syscall !== 'string') return err;
  if (FULL_CODES.has(code)) return new StorageError(StorageErrorCode.Full, `the evidence store is full (${code})`);
  return new StorageError(StorageErrorCode.Unavailable, `the evidence store cannot be used (${code} on ${syscall})`);
}

/** A file written to the store's temporary folder, hashed and sampled, not yet under its content address. */
export interface StagedFile {
  tempPath: string;
  sha256: string;
  sizeBytes: number;
  sample: ContentSample;
}

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  storageKey: string;
  head: Buffer;
}

/** `<aa>/<sha256>`: the first two hex digits fan the files out over 256 folders. */
const STORAGE_KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;

export function storageKeyFor(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

export function isValidStorageKey(key: string): boolean {
  const match = STORAGE_KEY.exec(key);
  return match !== null && match[2].startsWith(match[1]);
}

/** Bytes that text in a single-byte encoding holds: printable ASCII, tab, line feed, form feed, carriage return, 0x80 up. */
const SINGLE_BYTE_TEXT = new Uint8Array(256).map((_, b) => (b >= 0x20 && b !== 0x7f) || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d ? 1 : 0);

/** Counts, hashes and samples the bytes passing through, and refuses to pass more than maxBytes. */
class SamplingHasher extends Transform {
  readonly hash = createHash('sha256');
  sizeBytes = 0;
  private readonly headChunks: Buffer[] = [];
  private headBytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  utf8Text = true;
  /** Something other than white space and byte-order marks was seen. */
  visibleText = false;
  /** No byte so far is one that text in a single-byte encoding does not hold (see ContentSample.singleByteText). */
  singleByteText = true;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.sizeBytes += chunk.length;
    if (this.sizeBytes > this.maxBytes) {
      done(new StorageError(StorageErrorCode.TooLarge, `the file is larger than the limit of ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(chunk);
    if (this.headBytes < SNIFF_HEAD_BYTES) {
      const part = chunk.subarray(0, SNIFF_HEAD_BYTES - this.headBytes);
      this.headChunks.push(part);
      this.headBytes += part.length;
    }
    if (this.singleByteText) {
      for (let i = 0; i < chunk.length; i++) {
        if (!SINGLE_BYTE_TEXT[chunk[i]]) {
          this.singleByteText = false;
          break;
        }
      }
    }
    if (this.utf8Text) {
      if (chunk.includes(0)) this.utf8Text = false;
      else {
        try {
          const text = this.decoder.decode(chunk, { stream: true });
          if (!this.visibleText && /[^\s\ufeff\u200b]/u.test(text)) this.visibleText = true;
        } catch {
          this.utf8Text = false;
        }
      }
    }
    done(null, chunk);
  }

  override _flush(done: (error?: Error | null) => void): void {
    if (this.utf8Text) {
      try {
        this.decoder.decode();
      } catch {
        this.utf8Text = false;
      }
    }
    done();
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

/**
 * Evidence files, stored by content: the sha256 of the bytes is the file's name, so identical uploads share one
 * file and nothing the client sends (its file name above all) ever becomes part of a path. Uploads stream
 * through a hash into a temporary file and are moved into place only once accepted.
 */
export class EvidenceStore {
  readonly dir: string;
  private readonly tempDir: string;

  constructor(options: { dir: string }) {
    this.dir = options.dir;
    this.tempDir = join(this.dir, 'tmp');
  }

  /** Streams `input` into a temporary file, hashing and sampling it; never holds the whole file in memory. */
  async stage(input: Readable, options: { maxBytes: number }): Promise<StagedFile> {
    // the source may fail while the folder is being made; hold the error until the pipeline can take it
    let earlyError: unknown;
    const holdError = (err: unknown) => (earlyError ??= err);
    input.on('error', holdError);
    try {
      await mkdir(this.tempDir, { recursive: true });
    } catch (err) {
      earlyError ??= storageFault(err);
    } finally {
      input.off('error', holdError);
    }
    if (earlyError) {
      input.resume();
      throw earlyError;
    }
    const tempPath = join(this.tempDir, `${Date.now()}-${randomBytes(12).toString('hex')}.part`);
    const hasher = new SamplingHasher(options.maxBytes);
    try {
      await pipeline(input, hasher, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      input.resume();
      await rm(tempPath, { force: true }).catch(() => undefined);
      throw storageFault(err);
    }
    try {
      const head = hasher.head;
      const zipNames = isZip(head) ? await this.readZipEntryNames(tempPath, hasher.sizeBytes) : null;
      const compoundNames = isCompoundFile(head) ? await this.readCompoundEntryNames(tempPath) : null;
      return {
        tempPath,
        sha256: hasher.hash.digest('hex'),
        sizeBytes: hasher.sizeBytes,
        sample: {
          head,
          zipEntryNames: zipNames,
          compoundEntryNames: compoundNames,
          utf8Text: hasher.utf8Text,
          singleByteText: hasher.singleByteText,
          visibleText: hasher.visibleText,
          sizeBytes: hasher.sizeBytes,
          detected: await this.detect(tempPath),
        },
      };
    } catch (err) {
      await rm(tempPath, { force: true }).catch(() => undefined);
      throw storageFault(err);
    }
  }

  /** Stages bytes held in memory (a rendition made from an upload). */
  stageBuffer(bytes: Buffer): Promise<StagedFile> {
    return this.stage(Readable.from([bytes]), { maxBytes: Number.MAX_SAFE_INTEGER });
  }

  /** Moves a staged file to its content address; when the content is already stored, the copy is dropped. */
  async commit(staged: StagedFile): Promise<string> {
    const storageKey = storageKeyFor(staged.sha256);
    const target = this.pathOf(storageKey);
    try {
      await mkdir(join(this.dir, staged.sha256.slice(0, 2)), { recursive: true });
      if (await this.exists(storageKey)) {
        await rm(staged.tempPath, { force: true });
      } else {
        await rename(staged.tempPath, target);
      }
    } catch (err) {
      throw storageFault(err);
    }
    return storageKey;
  }

  /** Reads a staged or stored file whole (a photo to convert); only for files under the upload limit. */
  async readStaged(staged: StagedFile): Promise<Buffer> {
    try {
      return await readFile(staged.tempPath);
    } catch (err) {
      throw storageFault(err);
    }
  }

  async discard(staged: StagedFile | string): Promise<void> {
    await rm(typeof staged === 'string' ? staged : staged.tempPath, { force: true });
  }

  /** Stage and commit in one step, for callers that accept any content. */
  async writeStream(input: Readable, options: { maxBytes: number }): Promise<StoredFile> {
    const staged = await this.stage(input, options);
    const storageKey = await this.commit(staged);
    return { sha256: staged.sha256, sizeBytes: staged.sizeBytes, storageKey, head: staged.sample.head };
  }

  async exists(storageKey: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(storageKey))).isFile();
    } catch (err) {
      if (err instanceof StorageError) throw err;
      return false;
    }
  }

  /** The size of a stored file; the key is checked strictly before any path is built. */
  async sizeOf(storageKey: string): Promise<number> {
    const path = this.pathOf(storageKey);
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new Error('not a file');
      return info.size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || !(err as NodeJS.ErrnoException).code) {
        throw new StorageError(StorageErrorCode.NotFound, 'the stored file is missing');
      }
      throw storageFault(err);
    }
  }

  /** A read stream of a stored file (or of the bytes start..end, inclusive) and the file's whole size. */
  async open(storageKey: string, range?: { start: number; end: number }): Promise<{ stream: ReadStream; sizeBytes: number }> {
    const sizeBytes = await this.sizeOf(storageKey);
    return { stream: createReadStream(this.pathOf(storageKey), range ? { start: range.start, end: range.end } : {}), sizeBytes };
  }

  private pathOf(storageKey: string): string {
    if (!isValidStorageKey(storageKey)) {
      throw new StorageError(StorageErrorCode.InvalidKey, 'a storage key is two hex digits, a slash and the 64-digit sha256');
    }
    return join(this.dir, storageKey);
  }

  /** What the file-type library recognises in the file; null when nothing (or when it fails on a malformed file). */
  private async detect(path: string): Promise<{ mime: string; ext: string } | null> {
    try {
      const found = await fileTypeFromFile(path);
      return found ? { mime: found.mime, ext: found.ext } : null;
    } catch {
      return null;
    }
  }

  private async readCompoundEntryNames(path: string): Promise<string[] | null> {
    const file = await openFile(path, 'r');
    try {
      return await compoundEntryNames(async (offset, length) => {
        const block = Buffer.alloc(length);
        const { bytesRead } = await file.read(block, 0, length, offset);
        return block.subarray(0, bytesRead);
      });
    } finally {
      await file.close();
    }
  }

  private async readZipEntryNames(path: string, sizeBytes: number): Promise<string[] | null> {
    const file = await openFile(path, 'r');
    try {
      const tailLength = Math.min(sizeBytes, ZIP_TAIL_BYTES);
      const tail = Buffer.alloc(tailLength);
      await file.read(tail, 0, tailLength, sizeBytes - tailLength);
      const location = locateZipDirectory(tail, sizeBytes);
      if (!location) return null;
      const directory = Buffer.alloc(location.size);
      const { bytesRead } = await file.read(directory, 0, location.size, location.offset);
      return bytesRead === location.size ? zipEntryNames(directory, location.count) : null;
    } finally {
      await file.close();
    }
  }
}
