import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorResponse } from '../openapi/error-responses';
import { MultipartBody, Public, TextBody } from '../common/decorators';
import type { HttpRequest, HttpResponse } from '../common/http';
import { UuidParam } from '../common/uuid-param';
import { readCredentialFile } from './credential-file';
import { VcApiVerifyCredentialDto, VcApiVerifyPresentationDto, VerifyDto } from './dto/verify.dto';
import { VcApiPresentationVerificationResponse, VcApiVerificationResponse, VerificationResponse } from './dto/verification.response';
import { VerificationService } from './verification.service';

/** Content types a program may ask for by name; a browser names text/html ahead of them (and of its catch-all). */
const PAGE_TYPES = ['application/json', 'application/ld+json', 'application/vc+jwt', 'text/html'];

/** Whether the request is a person's browser: it names text/html in Accept and prefers it (Express's negotiation). */
function asksForHtmlPage(req: HttpRequest): boolean {
  const accept = String(req.headers.accept ?? '');
  const negotiate = (req as HttpRequest & { accepts?: (types: string[]) => string | false }).accepts;
  return /\btext\/html\b/i.test(accept) && typeof negotiate === 'function' && negotiate.call(req, PAGE_TYPES) === 'text/html';
}

/** The VC API answers a failed verification 400 with its result; a request that is not one gets the usual error body. */
const VC_API_FAILURE = (result: new () => unknown) => ({ oneOf: [{ $ref: getSchemaPath(result) }, { $ref: getSchemaPath(ApiErrorResponse) }] });

/**
 * Public verification, offline: our own endpoint (every check with its reason) and the W3C VC API's verifier
 * endpoints, which answer 400 for a credential or presentation that fails any check (as the VC API test suites
 * expect), with the same detail in the body.
 */
@ApiTags('verification')
@ApiExtraModels(VcApiVerificationResponse, VcApiPresentationVerificationResponse, ApiErrorResponse)
@Public()
@Controller()
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @TextBody()
  @ApiConsumes('application/json', 'application/vc+jwt')
  @ApiBody({ type: VerifyDto, description: '{"credential": <the credential as JSON, or its VC-JWT>}, or the VC-JWT itself as application/vc+jwt' })
  @ApiOperation({ summary: 'Verify a credential (JSON with an embedded proof, or a VC-JWT): every check with its outcome' })
  @ApiOkResponse({ type: VerificationResponse, description: 'the checks ran; `verified` says whether the credential holds' })
  @ApiBadRequestResponse({ description: 'the input is not a credential at all' })
  verify(@Body() body: VerifyDto | string): Promise<VerificationResponse> {
    return this.verification.verifyForPeople(typeof body === 'string' ? body : body.credential);
  }

  @Post('verify/file')
  @HttpCode(HttpStatus.OK)
  @MultipartBody()
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'the credential as JSON, or its VC-JWT' } } } })
  @ApiOperation({ summary: 'Verify an uploaded credential file (its JSON or its VC-JWT, at most 1 MiB): every check with its outcome' })
  @ApiOkResponse({ type: VerificationResponse, description: 'the checks ran; `verified` says whether the credential holds' })
  @ApiBadRequestResponse({ description: 'no file, or the file is not a credential at all' })
  @ApiPayloadTooLargeResponse({ description: 'the file is larger than 1 MiB' })
  async verifyFile(@Req() req: HttpRequest): Promise<VerificationResponse> {
    return this.verification.verifyForPeople(await readCredentialFile(req));
  }

  @Get('verify/:id')
  @Header('Cache-Control', 'no-store')
  @Header('Vary', 'Accept')
  @ApiOperation({
    summary:
      'The public verification page of a credential issued here (the QR code of its certificate): every check, and its details if the holder shared them. ' +
      "A browser (Accept naming text/html first) is sent on (303) to the portal's page /portal/verify/{id}, in the reader's language; any other client gets this page",
  })
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiResponse({ status: HttpStatus.SEE_OTHER, description: "a browser: the portal's page of the credential, in the reader's language (Location)" })
  async page(@UuidParam('id') id: string, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    // the address is in every credential and on its QR code: it stays, and people land on the portal's page
    if (asksForHtmlPage(req)) {
      res.status(HttpStatus.SEE_OTHER).set({ Location: `/portal/verify/${id}` });
      return '';
    }
    const html = await this.verification.page(id);
    // set once the page exists: an error is answered as JSON, like every other
    res.set({ 'Content-Type': 'text/html; charset=utf-8' });
    return html;
  }

  @Post('credentials/verify')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'W3C VC API: verify a verifiable credential (embedded proof, VC-JWT string, or EnvelopedVerifiableCredential)' })
  @ApiOkResponse({ type: VcApiVerificationResponse, description: 'the credential verified' })
  @ApiBadRequestResponse({ description: 'the credential failed a check (its result), or the request is not one (an error)', schema: VC_API_FAILURE(VcApiVerificationResponse) })
  async verifyCredential(@Body() dto: VcApiVerifyCredentialDto, @Res({ passthrough: true }) res: HttpResponse): Promise<VcApiVerificationResponse> {
    const result = await this.verification.verifyForVcApi(dto.verifiableCredential);
    if (!result.verified) res.status(HttpStatus.BAD_REQUEST);
    return result;
  }

  @Post('presentations/verify')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'W3C VC API: verify a presentation (its proof, with options.challenge) and every credential in it' })
  @ApiOkResponse({ type: VcApiPresentationVerificationResponse, description: 'the presentation and every credential verified' })
  @ApiBadRequestResponse({ description: 'the presentation or a credential failed a check (its result), or the request is not one (an error)', schema: VC_API_FAILURE(VcApiPresentationVerificationResponse) })
  async verifyPresentation(@Body() dto: VcApiVerifyPresentationDto, @Res({ passthrough: true }) res: HttpResponse): Promise<VcApiPresentationVerificationResponse> {
    const result = await this.verification.verifyPresentation(dto);
    if (!result.verified) res.status(HttpStatus.BAD_REQUEST);
    return result;
  }
}
