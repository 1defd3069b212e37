import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { CurrentActor, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { SigningKeyResponse, SigningKeysResponse } from './dto/signing-key.response';
import { SigningKeysService } from './signing-keys.service';

/** The admin's own body's signing keys: see them, rotate them. Rotation keeps every credential verifiable. */
@ApiTags('awarding-body')
@Roles(Role.BodyAdmin)
@Controller('awarding-body/signing-keys')
export class SigningKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  @Get()
  @ApiOperation({ summary: "The body's signing keys, current and retired (the secret halves never leave the server)" })
  @ApiOkResponse({ type: SigningKeysResponse })
  list(@CurrentActor() actor: Actor): Promise<SigningKeysResponse> {
    return this.keys.list(actor);
  }

  @Post('rotate')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Rotate: the current key retires (still published, so what it signed still verifies) and a new one signs from now on' })
  @ApiCreatedResponse({ type: SigningKeyResponse })
  rotate(@CurrentActor() actor: Actor): Promise<SigningKeyResponse> {
    return this.keys.rotate(actor);
  }
}
