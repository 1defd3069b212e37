import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { MailSender, OutgoingMail } from './mail-relay';

/**
 * Bounds on one SMTP exchange, well inside the relay's lease: a server that accepts a connection and then says
 * nothing fails the attempt instead of holding it (nodemailer would wait up to 10 minutes on the socket).
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends over SMTP with nodemailer: smtp:// upgrades with STARTTLS when offered, smtps:// is TLS from the start. */
export class SmtpSender implements MailSender {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    this.transport = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  }

  async send(mail: OutgoingMail): Promise<void> {
    // nodemailer builds the multipart/alternative (text, then HTML) inside multipart/mixed when there are
    // attachments, and encodes non-ASCII headers (the subject, names) as RFC 2047 encoded words.
    await this.transport.sendMail({
      messageId: mail.messageId,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** The SMTP server of a URL without its credentials, for logs. */
export function smtpServerForLog(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}
