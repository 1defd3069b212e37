import busboy from 'busboy';
import type { HttpRequest } from '../common/http';
import { printable, unstorableText } from '../common/request-input';
import { StorageError, StorageErrorCode } from '../../../../libs/storage/evidence-store';
import type { EvidenceStore, StagedFile } from '../../../../libs/storage/evidence-store';

/** What a multipart upload carried: its text fields, the staged file (if any) and what was wrong with it. */
export interface ReceivedUpload {
  fields: { kind?: string; title?: string; description?: string; learningOutcomeIds: string[] };
  file: { staged: StagedFile; truncated: boolean; clientName: string; declaredType: string } | null;
  problems: string[];
  /** The store could not take the file (disk full, unwritable): not the candidate's mistake. */
  storageFault: StorageError | null;
  /** The file passed the largest limit (the store refused more). */
  tooLarge: boolean;
}

const FIELD_NAMES = new Set(['kind', 'title', 'description', 'learningOutcomeIds', 'learningOutcomeIds[]']);
/** What a browser form sends when no file was chosen: a part named file with `filename=""` and nothing in it. */
const NO_FILE_CHOSEN = 'choose a file to upload';

export function isMultipart(req: HttpRequest): boolean {
  return /^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '');
}

/**
 * Streams a multipart request: text fields are collected, the one part named `file` goes through the store's
 * hash into a temporary file (busboy truncates it at maxBytes and flags it). Nothing is held whole in memory.
 */
export async function receiveUpload(req: HttpRequest, store: EvidenceStore, maxBytes: number): Promise<ReceivedUpload> {
  const received: ReceivedUpload = { fields: { learningOutcomeIds: [] }, file: null, problems: [], storageFault: null, tooLarge: false };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { fileSize: maxBytes, files: 1, fields: 20, parts: 25, fieldSize: 16 * 1024, fieldNameSize: 100 },
    });
  } catch (err) {
    received.problems.push(`the multipart body cannot be read: ${(err as Error).message}`);
    return received;
  }
  let filePromise: Promise<void> | null = null;

  await new Promise<void>((resolve) => {
    const fail = (message: string) => {
      received.problems.push(message);
      req.unpipe(parser);
      req.resume();
      resolve();
    };
    parser.on('field', (name, value, info) => {
      // busboy hands a part with an empty file name and no Content-Type over as a text field
      if (name === 'file') return void received.problems.push(value === '' ? NO_FILE_CHOSEN : `${NO_FILE_CHOSEN}: the part named file came as a text field, without a file name`);
      if (!FIELD_NAMES.has(name)) return void received.problems.push(`property ${printable(name)} is not accepted here`);
      if (info.valueTruncated) return void received.problems.push(`${name} is too long`);
      // the same rule as for every JSON body and query (common/request-input.ts)
      const unstorable = unstorableText(value);
      if (unstorable) return void received.problems.push(`${name} ${unstorable}`);
      if (name === 'kind') received.fields.kind = value;
      else if (name === 'title') received.fields.title = value;
      else if (name === 'description') received.fields.description = value;
      else received.fields.learningOutcomeIds.push(...value.split(',').map((v) => v.trim()).filter(Boolean));
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        received.problems.push(`unexpected file part ${printable(name)}: send the file in the part named file`);
        stream.resume();
        return;
      }
      const unstorableName = unstorableText(info.filename ?? '');
      if (unstorableName) {
        received.problems.push(`the file name ${unstorableName}`);
        stream.resume();
        return;
      }
      filePromise = store.stage(stream, { maxBytes }).then(
        async (staged) => {
          if (!info.filename && staged.sizeBytes === 0) {
            received.problems.push(NO_FILE_CHOSEN);
            await store.discard(staged).catch(() => undefined);
            return;
          }
          received.file = { staged, truncated: stream.truncated === true, clientName: info.filename ?? '', declaredType: info.mimeType ?? '' };
        },
        (err: Error) => {
          if (err instanceof StorageError && err.code === StorageErrorCode.TooLarge) received.tooLarge = true;
          else if (err instanceof StorageError) received.storageFault = err;
          // the client's stream ended early or broke: busboy's own sentences, which name no path
          else received.problems.push(`the upload was interrupted: ${err.message}`);
        },
      );
    });
    parser.on('filesLimit', () => received.problems.push('send exactly one file per upload'));
    parser.on('fieldsLimit', () => received.problems.push('too many fields in the upload'));
    parser.on('partsLimit', () => received.problems.push('too many parts in the upload'));
    parser.on('error', (err: Error) => fail(`the multipart body is malformed: ${err.message}`));
    parser.on('close', () => resolve());
    req.on('aborted', () => fail('the upload was interrupted'));
    req.pipe(parser);
  });
  if (filePromise) await filePromise;
  return received;
}
