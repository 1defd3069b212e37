import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { MailRelay, SmtpSender, smtpServerForLog } from '../../../libs/mail';

/**
 * Delivers the outbox by e-mail from the worker (MAIL_RELAY=on): starts with the application, and on shutdown
 * finishes the message it is sending before the database connection closes. Several workers may run it at once.
 */
@Injectable()
export class MailRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('MailRelay');
  private relay: MailRelay | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const mail = this.config.mail;
    if (!mail.relay) {
      this.logger.log('mail relay off (MAIL_RELAY=off): messages stay in the outbox for another worker');
      return;
    }
    this.relay = new MailRelay(this.dataSource, new SmtpSender(mail.smtpUrl), {
      from: mail.from,
      messageIdHost: mail.messageIdHost,
      everySeconds: mail.everySeconds,
      maxAttempts: mail.maxAttempts,
      logger: this.logger,
    });
    this.relay.start();
    this.logger.log(`sending the outbox through ${smtpServerForLog(mail.smtpUrl)} every ${mail.everySeconds} s`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}
