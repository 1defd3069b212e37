import { Controller, Get, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiError, CommonErrorCode } from '../../common/api-error';
import { FormBody, MultipartBody, Public } from '../../common/decorators';
import { UuidParam } from '../../common/uuid-param';
import { readCredentialFile } from '../../credentials/credential-file';
import type { VerificationCheck } from '../../../../../libs/credentials';
import { VerificationService } from '../../credentials/verification.service';
import type { PortalRequest } from '../portal-context';
import { MalformedFormError } from '../portal-form';
import { FormTokenGuard } from '../portal-guards';
import type { PageResponse } from '../portal-pages';
import { PortalView } from '../portal-view';

/** The longest credential pasted in the form (a VC-JWT or its JSON), in characters: the file route's 1 MiB is for uploads. */
const PASTE_MAX_CHARS = 60_000;

/**
 * Checks in words of the reader's language: label, outcome and detail by catalogue key, the detail's values (key
 * ids, DIDs, ISO dates the page shows in the reader's zone) beside it. The verifier's English reason stays in the JSON API.
 */
function checksInWords(checks: VerificationCheck[]) {
  return checks.map((c) => ({
    labelKey: `verify.checks.${c.check}`,
    outcomeKey: `verify.outcomes.${c.outcome}`,
    failed: c.outcome === 'failed',
    detailKey: `verify.details.${c.detail.code}`,
    values: c.detail.values,
  }));
}

/**
 * Anyone verifies a credential: pasted (its JSON or VC-JWT), uploaded as a file, or by following the QR code of
 * a certificate to the credential's public page. Every check is run afresh, offline, by the service behind
 * POST /verify; nothing is stored.
 */
@ApiExcludeController()
@Public()
@Controller('portal/verify')
export class VerifyPagesController {
  constructor(
    private readonly view: PortalView,
    private readonly verification: VerificationService,
  ) {}

  @Get()
  async form(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    await this.view.render(req, res, 'public/verify', 'verify.title', { pasted: '', problem: null, result: null });
  }

  @Post()
  @FormBody()
  @UseGuards(FormTokenGuard)
  async pasted(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (Object.keys(body).some((k) => k !== '_csrf' && k !== 'credential') || typeof body.credential !== 'string') throw new MalformedFormError('the form has one field, credential');
    const text = body.credential.trim();
    if (!text || text.length > PASTE_MAX_CHARS) {
      await this.view.render(req, res, 'public/verify', 'verify.title', { pasted: text.slice(0, PASTE_MAX_CHARS), problem: text ? 'verify.tooLong' : 'verify.empty', result: null }, HttpStatus.BAD_REQUEST);
      return;
    }
    let input: unknown = text;
    if (text.startsWith('{')) {
      try {
        input = JSON.parse(text);
      } catch {
        await this.view.render(req, res, 'public/verify', 'verify.title', { pasted: text, problem: 'verify.notACredential', result: null }, HttpStatus.BAD_REQUEST);
        return;
      }
    }
    await this.result(req, res, input, text);
  }

  @Post('file')
  @MultipartBody()
  @UseGuards(FormTokenGuard)
  async file(@Req() req: PortalRequest, @Res() res: PageResponse): Promise<void> {
    let input: unknown;
    try {
      input = await readCredentialFile(req);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      const problem = err.status === HttpStatus.PAYLOAD_TOO_LARGE ? 'verify.fileTooLarge' : 'verify.notACredential';
      await this.view.render(req, res, 'public/verify', 'verify.title', { pasted: '', problem, result: null }, err.status);
      return;
    }
    await this.result(req, res, input, '');
  }

  /** A credential issued here, where the QR code of its certificate leads: the checks, and its details if its holder shared them. */
  @Get(':id')
  async issued(@Req() req: PortalRequest, @Res() res: PageResponse, @UuidParam('id') id: string): Promise<void> {
    const { source, result, shared } = await this.verification.checkIssued(id);
    await this.view.render(req, res, 'public/credential', 'verify.credential.title', {
      verified: result.verified,
      checks: checksInWords(result.checks),
      credentialTitle: source.elements.title,
      issuerName: source.issuer.name,
      issuedAt: source.issuedAt,
      validUntil: source.validUntil,
      shared,
      learnerName: shared ? source.learner.name : null,
      learningOutcomes: shared ? source.learningOutcomes.filter((o) => o.recognised).map((o) => ({ code: o.code, description: o.description })) : [],
    });
  }

  private async result(req: PortalRequest, res: PageResponse, input: unknown, pasted: string): Promise<void> {
    try {
      const result = await this.verification.verifyWithDetails(input);
      await this.view.render(req, res, 'public/verify', 'verify.title', {
        pasted,
        problem: null,
        result: { verified: result.verified, name: result.name, issuer: result.issuer, checks: checksInWords(result.checks) },
      });
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== CommonErrorCode.Validation) throw err;
      await this.view.render(req, res, 'public/verify', 'verify.title', { pasted, problem: 'verify.notACredential', result: null }, HttpStatus.BAD_REQUEST);
    }
  }
}
