export { DEFAULT_BACKOFF, retryDelayMs } from './backoff';
export type { BackoffOptions } from './backoff';
export { MailRelay, messageIdOf } from './mail-relay';
export type { MailRelayOptions, MailSender, OutgoingMail, RelayLogger } from './mail-relay';
export { SmtpSender, smtpServerForLog } from './smtp-sender';
