import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsEnum, ValidateIf } from 'class-validator';
import { Role } from '../../../../../libs/domain';
import type { UserEntity } from '../../../../../libs/persistence/entities';
import { QueryBoolean, QueryList, SearchQueryDto, sortMessage } from '../../common/page.dto';

/** How a body's users are ordered; ties are broken by id. */
export enum UserSort {
  NameAsc = 'name_asc',
  CreatedDesc = 'created_desc',
}

/** The roles that belong to an awarding body (candidates belong to none). */
const BODY_ROLES = [Role.Assessor, Role.BodyAdmin] as const;

export class ListUsersQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({
    enum: BODY_ROLES,
    isArray: true,
    description: 'assessor and/or body_admin: repeat the parameter or separate them by commas',
    example: [Role.Assessor],
  })
  @ValidateIf((o: ListUsersQueryDto) => o.role !== undefined)
  @QueryList()
  @ArrayMaxSize(2, { message: 'role lists at most 2 roles' })
  @IsEnum({ assessor: Role.Assessor, body_admin: Role.BodyAdmin }, { each: true, message: `each of role must be one of ${BODY_ROLES.join(', ')}` })
  role?: Role[];

  @ApiPropertyOptional({ type: Boolean, description: 'true: active users only; false: deactivated users only', example: true })
  @ValidateIf((o: ListUsersQueryDto) => o.active !== undefined)
  @QueryBoolean()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ enum: UserSort, default: UserSort.NameAsc, example: UserSort.CreatedDesc })
  @ValidateIf((o: ListUsersQueryDto) => o.sort !== undefined)
  @IsEnum(UserSort, { message: sortMessage(UserSort) })
  sort?: UserSort;
}

export class BodyUserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
}

export function toBodyUser(u: UserEntity): BodyUserResponse {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, active: u.active, createdAt: u.createdAt.toISOString() };
}
