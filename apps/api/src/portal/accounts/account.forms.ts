import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH, VISIBLE_ADDRESS } from '../../../../../libs/domain';
import { IsNotBlank, IsSingleLine } from '../../common/validation';
import { HasNoControlCharacters } from '../../auth/account-text';

// The portal's account forms. The rules are those of the API's RegisterDto and LoginDto; the messages are keys
// of the message catalogues (templates/locales), with the values their sentence needs in `context`.

const PASSWORD_MAX_LENGTH = 1024;
const EMAIL_MAX_LENGTH = 320;
const NAME_MAX_LENGTH = 200;

export class SignInForm {
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'account.errors.emailTooLong', context: { max: EMAIL_MAX_LENGTH } })
  @IsNotBlank({ message: 'account.errors.emailRequired' })
  @IsString({ message: 'account.errors.emailRequired' })
  email: string;

  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'account.errors.passwordTooLong', context: { max: PASSWORD_MAX_LENGTH } })
  @IsNotBlank({ message: 'account.errors.passwordRequired' })
  @IsString({ message: 'account.errors.passwordRequired' })
  password: string;

  /** Where to go after signing in: a portal path (checked again by the controller). */
  @IsOptional()
  @IsString()
  next?: string;
}

export class EmailForm {
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'account.errors.emailTooLong', context: { max: EMAIL_MAX_LENGTH } })
  @Matches(VISIBLE_ADDRESS, { message: 'form.email' })
  @IsEmail({}, { message: 'form.email' })
  @IsNotBlank({ message: 'account.errors.emailRequired' })
  @IsString({ message: 'account.errors.emailRequired' })
  email: string;
}

export class SignUpForm extends EmailForm {
  @MaxLength(NAME_MAX_LENGTH, { message: 'account.errors.nameTooLong', context: { max: NAME_MAX_LENGTH } })
  @IsSingleLine({ message: 'account.errors.nameSingleLine' })
  @HasNoControlCharacters({ message: 'account.errors.nameControl' })
  @IsNotBlank({ message: 'account.errors.nameRequired' })
  @IsString({ message: 'account.errors.nameRequired' })
  displayName: string;

  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'account.errors.passwordTooLong', context: { max: PASSWORD_MAX_LENGTH } })
  @MinLength(PASSWORD_MIN_LENGTH, { message: 'form.passwordTooShort', context: { min: PASSWORD_MIN_LENGTH } })
  @IsString({ message: 'account.errors.passwordRequired' })
  password: string;

  /** The browser's zone, put there by portal.js; one the account may not have is ignored, never an error. */
  @IsOptional()
  @IsString()
  timeZone?: string;
}

/** The button on the confirmation link's page: the link's token, put there by the page. */
export class VerifyEmailForm {
  @IsString()
  token: string;
}

export class ResetPasswordForm {
  @IsString()
  token: string;

  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'account.errors.passwordTooLong', context: { max: PASSWORD_MAX_LENGTH } })
  @MinLength(PASSWORD_MIN_LENGTH, { message: 'form.passwordTooShort', context: { min: PASSWORD_MIN_LENGTH } })
  @IsString({ message: 'account.errors.passwordRequired' })
  password: string;

  @IsNotBlank({ message: 'account.errors.confirmRequired' })
  @IsString({ message: 'account.errors.confirmRequired' })
  confirm: string;
}

export class LanguageForm {
  @IsString()
  locale: string;

  @IsString()
  next: string;
}
