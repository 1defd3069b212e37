import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { DEFAULT_LOCALE, isReservedDemoEmail, RESET_PASSWORD_LINK_MINUTES, VERIFY_EMAIL_LINK_HOURS } from '../../../../libs/domain';
import type { Locale } from '../../../../libs/domain';
import { AccountMessages } from '../../../../libs/notifications/account-messages';
import type { RenderedMessage } from '../../../../libs/notifications/template-renderer';
import { writeOutbox } from '../../../../libs/notifications/outbox';
import type { AccountTokenPurpose, UserEntity } from '../../../../libs/persistence/entities';
import { AuditRepository } from '../common/audit.repository';
import { normaliseDisplayName } from './account-text';
import { AuthError } from './auth.errors';
import { AuthRepository } from './auth.repository';
import { tokenHash } from './auth.service';
import { PasswordHasher } from './password-hasher';

/** How long the link of an assessor's invitation works: long enough to be read after a weekend or a trip. */
export const ASSESSOR_INVITATION_LINK_DAYS = 7;

/**
 * How long, at the least, a request about an e-mail address (sign-up, a confirmation link again, a password reset)
 * takes to answer, in ms: the work for an address with an account (a token, an outbox row, an audit row) is then
 * hidden in the same time as the nothing done for one without, so the answer's timing does not tell them apart.
 */
export const ADDRESS_ANSWER_MS = 250;

/** Runs `work`, then waits out what is left of `floorMs` since it began (on success and on failure alike). */
export async function inSteadyTime<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

/** Why a one-time link did nothing: it is not ours, was used, or expired (one answer for all three). */
export class UnusableLinkError extends Error {
  override name = 'UnusableLinkError';
}

/**
 * Accounts beyond signing in: sign-up with a confirmed e-mail address, the confirmation link sent again, and a
 * password reset by e-mail. Links are random 256-bit tokens kept as their sha256, single-use, short-lived
 * (VERIFY_EMAIL_LINK_HOURS, RESET_PASSWORD_LINK_MINUTES), and a new link of a kind cancels the account's older
 * ones; messages go to the outbox in the person's language, and the mail relay delivers them. Nothing here tells
 * whether an address has an account, by its answer or its timing (ADDRESS_ANSWER_MS); the JSON API's register still
 * answers 409, as it signs the new account in.
 */
@Injectable()
export class AccountsService {
  private readonly messages = new AccountMessages();

  constructor(
    private readonly repo: AuthRepository,
    private readonly audit: AuditRepository,
    private readonly passwords: PasswordHasher,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A candidate signs up: the account waits for its address to be confirmed by the link sent to it. When the
   * address already has an account, nothing is made or changed and its owner is told by e-mail that someone
   * tried, with the ways in (sign-in, a forgotten password); the caller answers the same either way, and the
   * password is hashed either way so the time taken tells nothing either. `timeZone` (the browser's, already
   * checked; null: none) is the new account's.
   */
  async signUp(input: { email: string; displayName: string; password: string; timeZone?: string | null }, locale: Locale): Promise<void> {
    if (isReservedDemoEmail(input.email)) throw AuthError.emailReserved();
    return inSteadyTime(ADDRESS_ANSWER_MS, () => this.signUpNow(input, locale));
  }

  private async signUpNow(input: { email: string; displayName: string; password: string; timeZone?: string | null }, locale: Locale): Promise<void> {
    const passwordHash = await this.passwords.hash(input.password);
    const existing = await this.repo.findUserByEmail(input.email);
    const user = existing ? null : await this.repo.createCandidate(input.email, normaliseDisplayName(input.displayName), passwordHash, locale, input.timeZone ?? null);
    if (!user) return this.tellOwnerOfSignUp(existing ?? (await this.repo.findUserByEmail(input.email)));
    await this.audit.record({ actorId: user.id, action: 'auth.register', subjectType: 'user', subjectId: user.id });
    await this.sendVerification(user);
  }

  /**
   * The owner of an address someone tried to sign up with: an e-mail with the sign-in and forgotten-password
   * pages. Not a reset link: a stranger's sign-up must not cancel a link the owner asked for. A deactivated
   * account gets nothing (it cannot sign in).
   */
  private async tellOwnerOfSignUp(user: UserEntity | null): Promise<void> {
    if (!user?.active) return;
    const base = this.config.http.publicUrl;
    const rendered = this.messages.render('sign-up-attempt', user.locale ?? DEFAULT_LOCALE, {
      recipientName: user.displayName,
      signInLink: `${base}/portal/sign-in`,
      resetLink: `${base}/portal/forgot-password`,
    });
    await writeOutbox(this.dataSource.manager, {
      key: `account:sign-up-attempt:${randomUUID()}`,
      caseId: null,
      recipientUserId: user.id,
      recipientEmail: user.email,
      template: 'account-sign_up_attempt',
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
    });
    await this.audit.record({ actorId: null, action: 'auth.sign_up_attempt_on_existing', subjectType: 'user', subjectId: user.id });
  }

  /** Sends the confirmation link to an account that has not confirmed its address; nothing for any other address. */
  async resendVerification(email: string): Promise<void> {
    await inSteadyTime(ADDRESS_ANSWER_MS, async () => {
      const user = await this.repo.findUserByEmail(email);
      if (user?.active && !user.emailVerifiedAt) await this.sendVerification(user);
    });
  }

  /** A new confirmation link for the account, by e-mail; the account's older ones stop working. */
  async sendVerification(user: UserEntity): Promise<void> {
    const hours = VERIFY_EMAIL_LINK_HOURS;
    await this.sendLink(user, 'verify_email', '/portal/verify-email', hours * 3600_000, (link) => this.messages.render('verify-email', user.locale ?? DEFAULT_LOCALE, { recipientName: user.displayName, link, hours }));
  }

  /** Confirms the address of the link's account; UnusableLinkError when the link cannot be used. */
  async verifyEmail(token: string): Promise<void> {
    const now = new Date();
    const userId = await this.repo.useToken('verify_email', tokenHash(token), now);
    if (!userId) throw new UnusableLinkError();
    await this.repo.markEmailVerified(userId, now);
    await this.audit.record({ actorId: userId, action: 'auth.email_verified', subjectType: 'user', subjectId: userId });
  }

  /** Sends a reset link if an active account uses the address; the caller answers the same either way. */
  async requestPasswordReset(email: string): Promise<void> {
    await inSteadyTime(ADDRESS_ANSWER_MS, async () => {
      const user = await this.repo.findUserByEmail(email);
      if (!user?.active) return;
      const minutes = RESET_PASSWORD_LINK_MINUTES;
      await this.sendLink(user, 'reset_password', '/portal/reset-password', minutes * 60_000, (link) => this.messages.render('reset-password', user.locale ?? DEFAULT_LOCALE, { recipientName: user.displayName, link, minutes }));
      await this.audit.record({ actorId: user.id, action: 'auth.password_reset_requested', subjectType: 'user', subjectId: user.id });
    });
  }

  /**
   * Invites a person their awarding body has just added as an assessor: the link that sets their password (a
   * password link, so the reset page serves it and a later reset request replaces it), valid
   * ASSESSOR_INVITATION_LINK_DAYS rather than the reset's minutes.
   */
  async inviteAssessor(user: UserEntity, bodyName: string): Promise<void> {
    const days = ASSESSOR_INVITATION_LINK_DAYS;
    const forgotLink = `${this.config.http.publicUrl}/portal/forgot-password`;
    await this.sendLink(user, 'reset_password', '/portal/reset-password', days * 86_400_000, (link) =>
      this.messages.render('assessor-invitation', user.locale ?? DEFAULT_LOCALE, { recipientName: user.displayName, bodyName, link, days, forgotLink }),
      'account-assessor_invitation',
    );
  }

  /** Whether a reset link can still be used (the form is shown only then). */
  resetLinkUsable(token: string): Promise<boolean> {
    return this.repo.tokenUsable('reset_password', tokenHash(token), new Date());
  }

  /** Whether a confirmation link can still be used (its page offers the button only then); it stays unused. */
  verifyLinkUsable(token: string): Promise<boolean> {
    return this.repo.tokenUsable('verify_email', tokenHash(token), new Date());
  }

  /**
   * Sets the new password of the link's account and ends all its sessions. Following the link proves the
   * address too. UnusableLinkError when the link cannot be used.
   */
  async resetPassword(token: string, password: string): Promise<void> {
    const now = new Date();
    const hash = await this.passwords.hash(password);
    const userId = await this.repo.useToken('reset_password', tokenHash(token), now);
    if (!userId) throw new UnusableLinkError();
    await this.repo.replacePassword(userId, hash, now);
    await this.repo.markEmailVerified(userId, now);
    await this.audit.record({ actorId: userId, action: 'auth.password_reset', subjectType: 'user', subjectId: userId });
  }

  /** Remembers the person's language for the portal and their messages. */
  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.repo.setLocale(userId, locale);
  }

  /** A new one-time link for `purpose` (the older ones of the account cancelled), e-mailed as `render` writes it (through the outbox). */
  private async sendLink(
    user: UserEntity,
    purpose: AccountTokenPurpose,
    path: string,
    ttlMs: number,
    render: (link: string) => RenderedMessage,
    template = `account-${purpose}`,
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const saved = await this.repo.replaceToken(user.id, purpose, tokenHash(token), new Date(now.getTime() + ttlMs), now);
    const rendered = render(`${this.config.http.publicUrl}${path}?token=${token}`);
    await writeOutbox(this.dataSource.manager, {
      key: `account:${saved.id}`,
      caseId: null,
      recipientUserId: user.id,
      recipientEmail: user.email,
      template,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
    });
  }
}
