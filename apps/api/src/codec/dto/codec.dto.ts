import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsObject, IsOptional, ValidateNested } from 'class-validator';

/** A Temporal payload as the UI sends it (protobuf JSON): metadata values and data in base64. */
export class PayloadJson {
  @IsOptional()
  @IsObject({ message: 'metadata must be an object of base64 strings' })
  metadata?: Record<string, string>;

  @IsOptional()
  @IsBase64({}, { message: 'data must be base64' })
  data?: string;
}

/** The Temporal UI's remote codec request and answer: `{ payloads: [...] }`. */
export class PayloadsDto {
  @IsArray({ message: 'payloads must be an array' })
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => PayloadJson)
  payloads: PayloadJson[];
}
