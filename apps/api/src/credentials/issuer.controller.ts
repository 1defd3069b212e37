import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DidDocument } from '../../../../libs/credentials';
import { Public } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { IssuerService } from './issuer.service';
import type { IssuerProfile } from './issuer.service';

const OPEN = { schema: { type: 'object', additionalProperties: true } };

/** Public: what verifiers need from an awarding body. Cached briefly; a rotation shows within a minute. */
@ApiTags('issuers')
@Public()
@Controller('bodies/:bodyId')
export class IssuerController {
  constructor(private readonly issuers: IssuerService) {}

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
}
