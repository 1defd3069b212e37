import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { DecisionResult, VISIBLE_ADDRESS } from '../../../../../libs/domain';
import { HasNoControlCharacters, IsAccountTimeZone } from '../../auth/account-text';
import { IsDecimal, IsNotBlank, IsSingleLine } from '../../common/validation';

// The admin pages' forms. The rules are those of the API's DTOs (DecideDto, ReasonDto); the messages are keys of
// the message catalogues (templates/locales/<locale>/admin.json), with the values their sentence needs in `context`.

const REASON_MAX_LENGTH = 4000;
const NAME_MAX_LENGTH = 200;
const EMAIL_MAX_LENGTH = 320;

/** The body's decision from the portal: an award of every learning outcome, or none. */
export const PORTAL_DECISIONS = [DecisionResult.Awarded, DecisionResult.NotAwarded] as const;

export class ReasonForm {
  @MaxLength(REASON_MAX_LENGTH, { message: 'admin.errors.reasonTooLong', context: { max: REASON_MAX_LENGTH } })
  @IsNotBlank({ message: 'admin.errors.reasonRequired' })
  @IsString({ message: 'admin.errors.reasonRequired' })
  reason: string;
}

export class DecideForm extends ReasonForm {
  @IsIn(PORTAL_DECISIONS, { message: 'admin.errors.resultRequired' })
  result: (typeof PORTAL_DECISIONS)[number];
}

export class AddAssessorForm {
  @MaxLength(NAME_MAX_LENGTH, { message: 'admin.errors.nameTooLong', context: { max: NAME_MAX_LENGTH } })
  @IsSingleLine({ message: 'admin.errors.nameSingleLine' })
  // as a person's own name at sign-up: no tab, escape or direction override (line breaks: IsSingleLine, after it)
  @HasNoControlCharacters({ message: 'admin.errors.namePlainText' })
  @IsNotBlank({ message: 'admin.errors.nameRequired' })
  @IsString({ message: 'admin.errors.nameRequired' })
  displayName: string;

  @MaxLength(EMAIL_MAX_LENGTH, { message: 'admin.errors.emailTooLong', context: { max: EMAIL_MAX_LENGTH } })
  @Matches(VISIBLE_ADDRESS, { message: 'form.email' })
  @IsEmail({}, { message: 'form.email' })
  @IsNotBlank({ message: 'admin.errors.emailRequired' })
  @IsString({ message: 'admin.errors.emailRequired' })
  email: string;
}

/** A form that is only a button (its token aside). */
export class EmptyForm {}

export class AssignAssessorForm extends ReasonForm {
  @IsUUID('all', { message: 'admin.errors.assessorRequired' })
  assessorId: string;
}

export const ATTENTION_ACTIONS = ['retry', 'close'] as const;

export class ResolveAttentionForm extends ReasonForm {
  @IsIn(ATTENTION_ACTIONS, { message: 'admin.errors.attentionActionRequired' })
  action: (typeof ATTENTION_ACTIONS)[number];
}

/** The body's time zone on its settings page: a canonical IANA name, as for a person's zone and PATCH /awarding-body. */
export class BodyZoneForm {
  @IsAccountTimeZone({ message: 'admin.settings.errors.timeZone' })
  timeZone: string;
}

/** A number as typed ("7,5" as a French reader writes it); anything else is left for the rule to refuse. */
const typedNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*\d{1,6}([.,]\d{1,6})?\s*$/.test(value) ? Number(value.trim().replace(',', '.')) : value);

/** The body's settings page besides the process settings: its zone and its micro-credentials' workload ceiling (UpdateAwardingBodyDto's rules). */
export class BodySettingsForm extends BodyZoneForm {
  @Transform(typedNumber)
  @Max(999, { message: 'admin.settings.errors.maxEcts' })
  @Min(0.01, { message: 'admin.settings.errors.maxEcts' })
  @IsDecimal(2, { message: 'admin.settings.errors.maxEcts' })
  microCredentialMaxEcts: number;

  @Transform(typedNumber)
  @Max(25000, { message: 'admin.settings.errors.maxHours' })
  @Min(1, { message: 'admin.settings.errors.maxHours' })
  @IsInt({ message: 'admin.settings.errors.maxHours' })
  microCredentialMaxHours: number;
}
