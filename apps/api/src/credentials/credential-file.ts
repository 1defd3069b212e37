import busboy from 'busboy';
import { HttpStatus } from '@nestjs/common';
import { ApiError, RequestValidationError } from '../common/api-error';
import type { HttpRequest } from '../common/http';
import { printable } from '../common/request-input';
import { credentialFromFile, CredentialInputError } from '../../../../libs/credentials';

/** A credential file is JSON or a compact JWS: a megabyte holds any credential with its images. */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;

export class CredentialFileTooLargeError extends ApiError {
  override name = 'CredentialFileTooLargeError';
  constructor() {
    super('credential.file_too_large', HttpStatus.PAYLOAD_TOO_LARGE, `a credential file is at most ${MAX_CREDENTIAL_FILE_BYTES / 1024} KiB`);
  }
}

/**
 * Reads the one part named `file` of a multipart request into memory (bounded) and returns what it holds: a
 * parsed JSON credential, or the text of a VC-JWT. Its name and declared type are not trusted: the content decides.
 * Errors: 400 for anything but one file part, text that is neither JSON nor a single line; 413 past the bound.
 */
export async function readCredentialFile(req: HttpRequest): Promise<unknown> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fileSize: MAX_CREDENTIAL_FILE_BYTES, files: 1, fields: 5, parts: 6 } });
  } catch (err) {
    throw new RequestValidationError([`the multipart body cannot be read: ${(err as Error).message}`]);
  }
  const { bytes, problems, truncated } = await new Promise<{ bytes: Buffer | null; problems: string[]; truncated: boolean }>((resolve) => {
    const chunks: Buffer[] = [];
    const problems: string[] = [];
    let got = false;
    let truncated = false;
    parser.on('file', (name, stream) => {
      if (name !== 'file') {
        problems.push(`unexpected file part ${printable(name)}: send the credential in the part named file`);
        stream.resume();
        return;
      }
      got = true;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => (truncated = true));
    });
    parser.on('field', (name) => problems.push(`property ${printable(name)} is not accepted here: send only the part named file`));
    parser.on('fieldsLimit', () => problems.push('send only the part named file'));
    parser.on('partsLimit', () => problems.push('send only the part named file'));
    parser.on('filesLimit', () => problems.push('send exactly one file'));
    parser.on('error', (err: Error) => {
      problems.push(`the multipart body is malformed: ${err.message}`);
      req.unpipe(parser);
      req.resume();
      resolve({ bytes: null, problems, truncated });
    });
    parser.on('close', () => resolve({ bytes: got ? Buffer.concat(chunks) : null, problems, truncated }));
    req.pipe(parser);
  });
  if (truncated) throw new CredentialFileTooLargeError();
  if (problems.length) throw new RequestValidationError(problems);
  if (!bytes || bytes.length === 0) throw new RequestValidationError(['choose a credential file to upload (its JSON, or its VC-JWT)']);
  try {
    return credentialFromFile(bytes);
  } catch (err) {
    if (err instanceof CredentialInputError) throw new RequestValidationError([err.message]);
    throw err;
  }
}
