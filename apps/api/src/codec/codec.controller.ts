import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '../../../../libs/domain';
import { Roles } from '../common/decorators';
import { PayloadsDto } from './dto/codec.dto';
import { PayloadCodecService } from './codec.service';

export const CODEC_PATH = 'codec';

/**
 * The Temporal UI's remote codec (`<endpoint>/encode`, `<endpoint>/decode`, endpoint `<PUBLIC_URL>/codec`): an
 * awarding body's admin, signed in to the API in the same browser, sees the payloads of histories in clear.
 * Called cross-origin by the UI (TEMPORAL_UI_ORIGINS, with credentials); left out of the OpenAPI document,
 * since it is an operator's tool, not part of the application's API.
 */
@ApiExcludeController()
@Controller(CODEC_PATH)
@Roles(Role.BodyAdmin)
export class CodecController {
  constructor(private readonly codec: PayloadCodecService) {}

  @Post('encode')
  @HttpCode(HttpStatus.OK)
  encode(@Body() dto: PayloadsDto): Promise<PayloadsDto> {
    return this.codec.encode(dto);
  }

  @Post('decode')
  @HttpCode(HttpStatus.OK)
  decode(@Body() dto: PayloadsDto): Promise<PayloadsDto> {
    return this.codec.decode(dto);
  }
}
