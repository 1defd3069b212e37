import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CaseDetailResponse } from '../cases/dto/case.response';
import { NoBody } from '../common/empty-body.dto';
import { RenewalService } from './renewal.service';
import type { HttpResponse } from '../common/http';
import { Role } from '../../../../libs/domain';
import { ReasonDto } from '../cases/dto/case.dto';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CredentialsService } from './credentials.service';
import type { CredentialForm } from './credentials.service';
import { CredentialListResponse, CredentialResponseItem } from './dto/credential.response';
import { VcApiIssueResponse } from './dto/verification.response';
import { PublicPageDto, VcApiIssueCredentialDto, VcApiUpdateStatusDto } from './dto/verify.dto';
import { VcIssuerService } from './vc-issuer.service';

const JSON_DOWNLOAD = { 'application/json': { schema: { type: 'object', additionalProperties: true } } };

@ApiTags('credentials')
@Controller('credentials')
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly vcIssuer: VcIssuerService,
    private readonly renewal: RenewalService,
  ) {}

  @Get()
  @Roles(Role.Candidate, Role.BodyAdmin)
  @ApiOperation({ summary: "The credentials the candidate holds, or the admin's body issued; newest first (200 at most)" })
  @ApiOkResponse({ type: CredentialListResponse })
  list(@CurrentActor() actor: Actor): Promise<CredentialListResponse> {
    return this.credentials.list(actor);
  }

  @Post('issue')
  @Roles(Role.BodyAdmin)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: "W3C VC API: sign any VC Data Model 2.0 credential with the body's key (Data Integrity); not a case's award, no status entry" })
  @ApiCreatedResponse({ type: VcApiIssueResponse })
  async issue(@CurrentActor() actor: Actor, @Body() dto: VcApiIssueCredentialDto): Promise<VcApiIssueResponse> {
    return { verifiableCredential: await this.vcIssuer.issue(actor, dto.credential) };
  }

  @Post('status')
  @Roles(Role.BodyAdmin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'W3C VC API: set or clear the revocation or suspension status of a credential the body issued' })
  @ApiOkResponse({ type: CredentialResponseItem })
  @ApiConflictResponse({ description: 'a revocation cannot be cleared, nor a revoked credential suspended' })
  @ApiNotFoundResponse({ description: 'no credential of this body has that id' })
  updateStatus(@CurrentActor() actor: Actor, @Body() dto: VcApiUpdateStatusDto): Promise<CredentialResponseItem> {
    return this.credentials.updateStatus(actor, dto.credentialId, dto.credentialStatus.statusPurpose, dto.status);
  }

  @Get(':id')
  @Roles(Role.Candidate, Role.BodyAdmin)
  @ApiOperation({ summary: 'One credential: what it recognises, its status and where to download it' })
  @ApiOkResponse({ type: CredentialResponseItem })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CredentialResponseItem> {
    return this.credentials.get(actor, id);
  }

  @Get(':id/open-badge.json')
  @Roles(Role.Candidate, Role.BodyAdmin)
  @ApiOperation({ summary: 'The Open Badges 3.0 credential with its embedded Data Integrity proof (eddsa-rdfc-2022)' })
  @ApiOkResponse({ content: JSON_DOWNLOAD })
  @ApiConflictResponse({ description: 'issued before credentials were signed' })
  openBadge(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    return this.send(res, actor, id, 'openBadge', 'application/json; charset=utf-8');
  }

  @Get(':id/credential.jwt')
  @Roles(Role.Candidate, Role.BodyAdmin)
  @ApiOperation({ summary: 'The same credential secured as a VC-JWT (EdDSA)' })
  @ApiOkResponse({ content: { 'application/vc+jwt': { schema: { type: 'string' } } } })
  @ApiConflictResponse({ description: 'issued before credentials were signed' })
  jwt(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    return this.send(res, actor, id, 'jwt', 'application/vc+jwt');
  }

  @Get(':id/europass.json')
  @Roles(Role.Candidate, Role.BodyAdmin)
  @ApiOperation({ summary: 'The European Learning Model (Europass) document for the same achievement' })
  @ApiOkResponse({ content: JSON_DOWNLOAD })
  @ApiConflictResponse({ description: 'issued before credentials were signed' })
  europass(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    return this.send(res, actor, id, 'europass', 'application/json; charset=utf-8');
  }

  @Get(':id/certificate.pdf')
  @Roles(Role.Candidate, Role.BodyAdmin)
  @ApiOperation({ summary: 'The printable certificate: every element of the micro-credential and a QR code to its verification page' })
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiConflictResponse({ description: 'issued before credentials were signed, or not in force (revoked, suspended)' })
  @ApiServiceUnavailableResponse({ description: 'the printer (headless Chromium) is not available just now' })
  async certificate(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) res: HttpResponse): Promise<StreamableFile> {
    const file = await this.credentials.certificate(actor, id);
    res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    return new StreamableFile(file.body, { type: 'application/pdf', length: file.body.length, disposition: `attachment; filename="${file.fileName}"` });
  }

  @Put(':id/public-page')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: "The holder shows or hides their name and the credential's details on its public verification page (hidden by default)" })
  @ApiOkResponse({ type: CredentialResponseItem })
  @ApiConflictResponse({ description: 'turning it on while the credential is suspended or revoked (turning it off is always allowed)' })
  publicPage(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: PublicPageDto): Promise<CredentialResponseItem> {
    return this.credentials.setPublicPage(actor, id, dto.enabled);
  }

  @Post(':id/suspend')
  @Roles(Role.BodyAdmin)
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Suspend a credential (reversible): verification fails with "suspended" until it is reinstated' })
  @ApiOkResponse({ type: CredentialResponseItem })
  @ApiConflictResponse({ description: 'already suspended, or revoked' })
  suspend(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<CredentialResponseItem> {
    return this.credentials.suspend(actor, id, dto.reason);
  }

  @Post(':id/reinstate')
  @Roles(Role.BodyAdmin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Lift a suspension' })
  @ApiOkResponse({ type: CredentialResponseItem })
  @ApiConflictResponse({ description: 'not suspended, or revoked' })
  reinstate(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<CredentialResponseItem> {
    return this.credentials.reinstate(actor, id, dto.reason);
  }

  @Post(':id/revoke')
  @Roles(Role.BodyAdmin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke a credential for good (the decision stands; revoke the decision to withdraw the award)' })
  @ApiOkResponse({ type: CredentialResponseItem })
  @ApiConflictResponse({ description: 'already revoked' })
  revoke(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto): Promise<CredentialResponseItem> {
    return this.credentials.revoke(actor, id, dto.reason);
  }

  @Post(':id/renew')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Renew a credential in force or expired: a new case on the same standard, with this credential as evidence for the outcomes it recognised' })
  @ApiCreatedResponse({ type: CaseDetailResponse, description: 'the new case' })
  @ApiConflictResponse({ description: 'the credential is revoked, suspended or unsigned, or a case on the standard is open' })
  renew(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @NoBody() _body: Record<string, never>): Promise<CaseDetailResponse> {
    return this.renewal.renew(actor, id);
  }

  private async send(res: HttpResponse, actor: Actor, id: string, form: CredentialForm, type: string): Promise<string> {
    const file = await this.credentials.download(actor, id, form);
    res.set({
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    return file.body;
  }
}
