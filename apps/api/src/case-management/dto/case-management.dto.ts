import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import type { AttentionAction } from '../../../../../workflows/types';
import { EXAMPLE_ID } from '../../common/examples';
import { IsNotBlank } from '../../common/validation';

export class AssignAssessorDto {
  @ApiProperty({ format: 'uuid', description: 'an active assessor of the body with no conflict of interest with the candidate', example: EXAMPLE_ID.assessor })
  @IsUUID('all', { message: 'assessorId must be a UUID' })
  assessorId: string;

  @ApiProperty({
    description: 'why this assessor, for the case record',
    example: 'She assesses retail data roles and has the lightest queue; the first assessor declared a conflict.',
  })
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}

const ACTIONS: readonly AttentionAction[] = ['retry', 'close'];

export class ResolveAttentionDto {
  @ApiProperty({ enum: ACTIONS, description: 'retry: the process resumes where the case stood; close: the case closes with the reason', example: 'retry' })
  @IsIn(ACTIONS, { message: 'action must be retry or close' })
  action: AttentionAction;

  @ApiProperty({ example: 'The e-mail service was down overnight and is working again, so the case can continue where it stopped.' })
  @IsString({ message: 'reason must be a string' })
  @IsNotBlank({ message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}
