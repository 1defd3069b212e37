import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../../../libs/domain';
import type { Actor } from '../../common/decorators';
import type { UserEntity } from '../../../../../libs/persistence/entities';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) awardingBodyId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the IANA zone the person reads dates and times in; null: their awarding body's", example: 'Europe/Paris' })
  timeZone: string | null;
}

export class LoginResponse {
  @ApiProperty({ description: 'Bearer token; also set as the HttpOnly cookie vnfil_session' }) token: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

export function toUserResponse(user: UserEntity | Actor): UserResponse {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, awardingBodyId: user.awardingBodyId, timeZone: user.timeZone ?? null };
}
