import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsNotBlank, IsSingleLine } from '../../common/validation';
import { HasNoControlCharacters } from '../account-text';
import { PASSWORD_MIN_LENGTH, VISIBLE_ADDRESS } from '../../../../../libs/domain';

/** A candidate signs up; assessor and admin accounts are made by their awarding body. */
export class RegisterDto {
  @ApiProperty({ example: 'lena.schmidt@example.org' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Matches(VISIBLE_ADDRESS, { message: 'email must not contain invisible or space characters' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Lena Schmidt', description: 'one line without control characters: it greets the candidate in every message; stored trimmed and in Unicode NFC' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'displayName must be a string' })
  @IsNotBlank({ message: 'displayName must not be empty' })
  @HasNoControlCharacters()
  @IsSingleLine()
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, example: 'correct horse battery staple' })
  @IsString({ message: 'password must be a string' })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  @MaxLength(1024)
  password: string;
}
