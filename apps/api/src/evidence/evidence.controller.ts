import { applyDecorators, Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
  ApiResponse,
  ApiPayloadTooLargeResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { EvidenceMediaType } from '../../../../libs/storage/media-type';
import type { HttpRequest, HttpResponse } from '../common/http';
import { Role } from '../../../../libs/domain';
import { CurrentActor, MultipartBody, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateEvidenceDto, RecogniseCredentialDto, UploadEvidenceSchema } from './dto/evidence.dto';
import { EvidenceResponse, RecognitionResponse } from './dto/evidence.response';
import { PriorCredentialsService } from './prior-credentials.service';
import { EvidenceService } from './evidence.service';
import type { EvidenceDownload } from './evidence.service';

/** A served file's bytes: its Content-Type is the one its bytes show (a PDF, a JPEG, an MP4...). */
const FILE_BYTES = { '*/*': { schema: { type: 'string', format: 'binary' } } };
const fileHeaders = (disposition: string) => ({
  'Content-Disposition': { description: `${disposition}, with the name as sent (its extension matching the content)`, schema: { type: 'string' } },
  'Accept-Ranges': { description: 'bytes', schema: { type: 'string' } },
  ETag: { description: "the file's content hash, for If-Range", schema: { type: 'string' } },
});

/** The answers of a route serving a stored file: the whole file, one byte range (Range), or a range past its end. */
const ApiFileResponses = (whole: string, disposition = 'attachment') => {
  const headers = fileHeaders(disposition);
  return applyDecorators(
    ApiOkResponse({ description: whole, content: FILE_BYTES, headers }),
    ApiResponse({
      status: HttpStatus.PARTIAL_CONTENT,
      description: 'the byte range asked for with a Range header (recordings play in a browser this way)',
      content: FILE_BYTES,
      headers: { ...headers, 'Content-Range': { description: 'bytes <first>-<last>/<size>', schema: { type: 'string' } } },
    }),
    ApiResponse({
      status: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
      description: 'the range starts past the end of the file',
      headers: { 'Content-Range': { description: 'bytes */<size>', schema: { type: 'string' } } },
    }),
  );
};

@ApiTags('evidence')
@Controller('cases/:id/evidence')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly priorCredentials: PriorCredentialsService,
  ) {}

  @Post('files')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Upload a file as evidence (streamed, checked by its bytes, stored by sha256); with kind=credential, a .json or .jwt credential verified and kept as a credential' })
  @MultipartBody()
  @ApiBody({ type: UploadEvidenceSchema })
  @ApiCreatedResponse({ type: EvidenceResponse })
  @ApiPayloadTooLargeResponse({ description: "the file is larger than its type's limit, or the case's storage quota is reached" })
  @ApiUnsupportedMediaTypeResponse({ description: 'content of a kind not accepted; the message says what it is and what to do' })
  @ApiUnprocessableEntityResponse({ description: 'kind credential: the file is not a credential at all; or a photo that cannot be decoded' })
  @ApiResponse({ status: HttpStatus.INSUFFICIENT_STORAGE, description: 'the evidence store is full' })
  @ApiResponse({ status: HttpStatus.SERVICE_UNAVAILABLE, description: 'the evidence store cannot be used right now' })
  upload(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: HttpRequest): Promise<EvidenceResponse> {
    return this.evidence.uploadFile(actor, id, req);
  }

  @Post()
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Add a link, a third-party attestation, or a credential issued elsewhere (verified when added) as evidence' })
  @ApiCreatedResponse({ type: EvidenceResponse })
  @ApiUnprocessableEntityResponse({ description: 'kind credential: the input is not a credential at all' })
  add(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateEvidenceDto): Promise<EvidenceResponse> {
    return this.evidence.add(actor, id, dto);
  }

  @Post(':evidenceId/recognitions')
  @Roles(Role.Assessor)
  @ApiOperation({ summary: 'The assessor holding the case accepts a credential (evidence of kind credential) for one learning outcome it is offered for' })
  @ApiCreatedResponse({ type: RecognitionResponse })
  @ApiBadRequestResponse({ description: 'a learning outcome the credential is not offered for' })
  @ApiForbiddenResponse({ description: 'not an assessor, or no longer assigned to the case' })
  @ApiNotFoundResponse({ description: 'no such case or credential evidence for this assessor' })
  @ApiConflictResponse({ description: 'the case is not being assessed, or the credential is already recognised for that outcome' })
  recognise(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Body() dto: RecogniseCredentialDto,
  ): Promise<RecognitionResponse> {
    return this.priorCredentials.recognise(actor, id, evidenceId, dto);
  }

  @Delete(':evidenceId')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'removed from the portfolio (kept for the record)' })
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('evidenceId') evidenceId: string): Promise<void> {
    return this.evidence.remove(actor, id, evidenceId);
  }

  @Get(':evidenceId/file')
  @ApiOperation({ summary: "Download an evidence file as sent (the case's candidate, assessors and body admins only); one byte range with Range" })
  @ApiFileResponses('the whole file as sent')
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.evidence.download(actor, id, evidenceId, rangeOf(req)));
  }

  @Get(':evidenceId/inline')
  @ApiOperation({
    summary:
      "A PDF evidence file to show in the page (the portal's PDF viewer): inline, nosniff, a CSP that allows no script; the same access as the download. " +
      'Any other kind of file: 404 (download it from /file)',
  })
  @ApiFileResponses('the whole PDF as sent', 'inline')
  async inline(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.evidence.download(actor, id, evidenceId, { ...rangeOf(req), inline: true }), INLINE_PDF_POLICY);
  }

  @Get(':evidenceId/rendition')
  @ApiOperation({ summary: 'Download the viewing copy of an evidence file (a JPEG of a HEIC photo); 404 when it has none' })
  @ApiFileResponses('the viewing copy (image/jpeg)')
  async rendition(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StreamableFile> {
    return sendFile(res, await this.evidence.download(actor, id, evidenceId, { ...rangeOf(req), rendition: true }));
  }
}

function rangeOf(req: HttpRequest): { range?: string; ifRange?: string } {
  return { range: req.headers.range, ifRange: typeof req.headers['if-range'] === 'string' ? req.headers['if-range'] : undefined };
}

/** A downloaded file: nothing in it runs, even when a browser opens it (sandbox). */
const ATTACHMENT_POLICY = "default-src 'none'; sandbox";

/**
 * A PDF shown in a portal page: no script, form, base or connection, and framed only by our own pages. Not
 * `sandbox` nor `default-src 'none'`: browsers do not start their PDF viewer in a document with either.
 */
export const INLINE_PDF_POLICY = "script-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

/** Every file we serve: an attachment (or an inline PDF), its type from the bytes, nosniff, a CSP, and byte ranges. */
function sendFile(res: HttpResponse, file: EvidenceDownload, policy = ATTACHMENT_POLICY): StreamableFile {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': policy,
    'Cache-Control': 'private, no-store',
    'Accept-Ranges': 'bytes',
    ETag: file.etag,
  });
  if (file.range) {
    res.status(HttpStatus.PARTIAL_CONTENT);
    res.set({ 'Content-Range': `bytes ${file.range.start}-${file.range.end}/${file.sizeBytes}` });
  }
  const length = file.range ? file.range.end - file.range.start + 1 : file.sizeBytes;
  // text evidence is accepted only as UTF-8 (media-type.ts): say so, or a browser guesses the encoding
  const type = file.mediaType === EvidenceMediaType.Text ? `${EvidenceMediaType.Text}; charset=utf-8` : file.mediaType;
  return new StreamableFile(file.stream, { type, length, disposition: file.disposition });
}
