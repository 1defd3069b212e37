import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { isStatusPurpose } from '../../../../libs/credentials';
import type { Credential, DidDocument } from '../../../../libs/credentials';
import { RequestValidationError } from '../common/api-error';
import { Public } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { IssuerService } from './issuer.service';
import type { IssuerProfile } from './issuer.service';
import { StatusListsService } from './status-lists.service';

const OPEN = { schema: { type: 'object', additionalProperties: true } };

/** Public: what verifiers need from an awarding body. Cached briefly; a rotation shows within a minute. */
@ApiTags('issuers')
@Public()
@Controller('bodies/:bodyId')
export class IssuerController {
  constructor(
    private readonly issuers: IssuerService,
    private readonly statusLists: StatusListsService,
  ) {}

  @Get()
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: "The awarding body's issuer profile (Open Badges 3.0 Profile)" })
  @ApiOkResponse({ content: { 'application/json': OPEN } })
  profile(@UuidParam('bodyId') bodyId: string): Promise<IssuerProfile> {
    return this.issuers.profile(bodyId);
  }

  @Get('did.json')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: "The body's did:web document: every key it signed with, current and retired, as assertion methods" })
  @ApiOkResponse({ content: { 'application/json': OPEN } })
  did(@UuidParam('bodyId') bodyId: string): Promise<DidDocument> {
    return this.issuers.didDocument(bodyId);
  }

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: "The body's public keys as a JWK Set (RFC 7517), kid = verification method id" })
  @ApiOkResponse({ content: { 'application/json': OPEN } })
  jwks(@UuidParam('bodyId') bodyId: string): Promise<{ keys: Record<string, unknown>[] }> {
    return this.issuers.jwks(bodyId);
  }

  @Get('status/:purpose/:list')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: "The body's signed status list credential (W3C Bitstring Status List): revocation or suspension; a change shows at once" })
  @ApiOkResponse({ content: { 'application/json': OPEN } })
  @ApiParam({ name: 'purpose', enum: ['revocation', 'suspension'], example: 'revocation' })
  @ApiParam({ name: 'list', schema: { type: 'string', pattern: '^(0|[1-9][0-9]{0,5})$' }, example: '0', description: 'the list number: position ÷ 131,072, from 0' })
  statusList(@UuidParam('bodyId') bodyId: string, @Param('purpose') purpose: string, @Param('list') list: string): Promise<Credential> {
    if (!isStatusPurpose(purpose)) throw new RequestValidationError(['purpose in the path must be revocation or suspension']);
    // digits only: 1e3, 0x10, 00 or 0.0 name no list
    if (!/^(0|[1-9][0-9]{0,5})$/.test(list)) throw new RequestValidationError(['list in the path must be a whole number from 0, written in digits']);
    return this.statusLists.signedList(bodyId, purpose, Number(list));
  }
}
