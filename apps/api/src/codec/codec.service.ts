import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { AesGcmPayloadCodec, PayloadCodecError } from '../../../../libs/temporal/payload-codec';
import { ApiError } from '../common/api-error';
import type { PayloadJson, PayloadsDto } from './dto/codec.dto';

export enum CodecErrorCode {
  Undecodable = 'codec.undecodable',
}

export class CodecError extends ApiError {
  override name = 'CodecError';
  static undecodable(reason: string) {
    return new CodecError(CodecErrorCode.Undecodable, HttpStatus.BAD_REQUEST, reason);
  }
}

/** The worker's and the API's payload codec, over the protobuf JSON form of payloads the Temporal UI sends. */
@Injectable()
export class PayloadCodecService {
  private readonly codec: AesGcmPayloadCodec;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.codec = new AesGcmPayloadCodec(config.temporal.payloadKeys);
  }

  async encode(dto: PayloadsDto): Promise<PayloadsDto> {
    return { payloads: (await this.codec.encode(dto.payloads.map(fromJson))).map(toJson) };
  }

  async decode(dto: PayloadsDto): Promise<PayloadsDto> {
    try {
      return { payloads: (await this.codec.decode(dto.payloads.map(fromJson))).map(toJson) };
    } catch (err) {
      if (err instanceof PayloadCodecError) throw CodecError.undecodable(err.message);
      throw err;
    }
  }
}

function fromJson(payload: PayloadJson): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    if (typeof value !== 'string') throw CodecError.undecodable(`metadata ${key} must be a base64 string`);
    metadata[key] = new Uint8Array(Buffer.from(value, 'base64'));
  }
  return { metadata, data: new Uint8Array(Buffer.from(payload.data ?? '', 'base64')) };
}

function toJson(payload: Payload): PayloadJson {
  const metadata = Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? new Uint8Array()).toString('base64')]));
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
