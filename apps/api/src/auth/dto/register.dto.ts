import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank, IsSingleLine } from '../../common/validation';

/** A candidate signs up; assessor and admin accounts are made by their awarding body. */
export class RegisterDto {
  @ApiProperty({ example: 'lena.schmidt@example.org' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Lena Schmidt', description: 'one line: it greets the candidate in every message' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'displayName must be a string' })
  @IsNotBlank({ message: 'displayName must not be empty' })
  @IsSingleLine()
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ minLength: 12, example: 'correct horse battery staple' })
  @IsString({ message: 'password must be a string' })
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(1024)
  password: string;
}
