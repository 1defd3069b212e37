import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '../../libs/domain';
import { MailRelayService } from '../../apps/worker/src/mail-relay.service';
import { ConfigModule } from '../../libs/config/config.module';
import { MailRelay, SmtpSender } from '../../libs/mail';
import type { MailRelayOptions } from '../../libs/mail';
import { writeOutbox } from '../../libs/notifications/outbox';
import { NotificationEntity } from '../../libs/persistence/entities';
import { PersistenceModule } from '../../libs/persistence/persistence.module';
import type { UserEntity } from '../../libs/persistence/entities';
import { factories } from '../factories';
import { dropDatabase, openTestDataSource, otherTestDatabaseUrl, prepareDatabase, TEST_DATABASE_URL } from '../support/database';
import { startMailServer } from '../support/mail-server';
import type { MailServer, ReceivedMail } from '../support/mail-server';
import { freePort } from '../support/temporal-server';

// The relay claims every due message in its database: a database of its own keeps it off the other files' outboxes.
const DATABASE_URL = otherTestDatabaseUrl(`${new URL(TEST_DATABASE_URL).pathname.slice(1)}_mail_relay`);
const HOST = 'vnfil.example.org';
const FRENCH_SUBJECT = 'Décision rendue — évaluation';
const INVITATION = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REQUEST', 'END:VCALENDAR', ''].join('\r\n');

describe('mail relay (real PostgreSQL, real SMTP server)', () => {
  let ds: DataSource;
  let mail: MailServer;
  const relays: MailRelay[] = [];

  beforeAll(async () => {
    await prepareDatabase(DATABASE_URL);
    ds = await openTestDataSource(DATABASE_URL);
    mail = await startMailServer();
  }, 60_000);

  afterAll(async () => {
    await mail?.stop();
    await ds?.destroy();
    await dropDatabase(DATABASE_URL);
  });

  beforeEach(async () => {
    await ds.query('DELETE FROM notification');
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  function relay(smtpUrl: string, options: Partial<MailRelayOptions> = {}): MailRelay {
    const r = new MailRelay(ds, new SmtpSender(smtpUrl), {
      from: 'vnfil <no-reply@vnfil.example.org>',
      messageIdHost: HOST,
      everySeconds: 1,
      maxAttempts: 8,
      ...options,
    });
    relays.push(r);
    return r;
  }

  async function recipient(): Promise<UserEntity> {
    return factories(ds).user(Role.Candidate);
  }

  async function message(to: UserEntity, subject = 'Votre dossier', attachments = false): Promise<NotificationEntity> {
    const key = `mail-test/${randomUUID()}`;
    await writeOutbox(ds.manager, {
      key,
      caseId: null,
      recipientUserId: to.id,
      recipientEmail: to.email,
      template: 'case-decided',
      subject,
      text: `Bonjour ${to.displayName}, la décision est rendue.`,
      html: `<p>Bonjour ${to.displayName}, la <strong>décision</strong> est rendue.</p>`,
      attachments: attachments ? [{ filename: 'session.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: INVITATION }] : [],
    });
    return ds.getRepository(NotificationEntity).findOneByOrFail({ key, recipientUserId: to.id });
  }

  async function row(id: string): Promise<NotificationEntity> {
    return ds.getRepository(NotificationEntity).findOneByOrFail({ id });
  }

  async function receivedBy(address: string): Promise<ReceivedMail[]> {
    return (await mail.messages()).filter((m) => m.to.includes(address));
  }

  /** Seconds from the database's now until the row's next attempt. */
  async function secondsUntilNextAttempt(id: string): Promise<number> {
    const [r] = (await ds.query(`SELECT extract(epoch FROM next_attempt_at - now())::float AS s FROM notification WHERE id = $1`, [id])) as { s: number }[];
    return r!.s;
  }

  async function makeDue(id: string): Promise<void> {
    await ds.query(`UPDATE notification SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, [id]);
  }

  it('delivers a pending message once: text and HTML, its attachment, the French subject encoded, the Message-ID from the row', async () => {
    const to = await recipient();
    const pending = await message(to, FRENCH_SUBJECT, true);

    expect(await relay(mail.smtpUrl).deliverDue()).toBe(1);

    const received = await mail.waitFor((m) => m.to.includes(to.email), `to ${to.email}`);
    expect(received.subject).toBe(FRENCH_SUBJECT);
    expect(received.text.trim()).toBe(`Bonjour ${to.displayName}, la décision est rendue.`);
    expect(received.html).toContain('la <strong>décision</strong> est rendue.');
    expect(received.headers['message-id']).toBe(`<notification-${pending.id}@${HOST}>`);
    expect(received.attachments).toEqual([{ filename: 'session.ics', contentType: 'text/calendar' }]);

    // on the wire: the subject as RFC 2047 encoded words (ASCII only), text and HTML as alternatives
    const source = await (await fetch(`${mail.webUrl}/api/email/${received.id}/source`)).text();
    const header = source.slice(0, source.indexOf('\r\n\r\n') > 0 ? source.indexOf('\r\n\r\n') : source.indexOf('\n\n'));
    expect(header).toMatch(/^Subject: =\?UTF-8\?[QB]\?/im);
    expect(header).not.toContain('é');
    expect(header).toMatch(/^From: vnfil <no-reply@vnfil\.example\.org>/m);
    expect(header).toContain(`To: ${to.email}`);
    expect(source).toMatch(/Content-Type: multipart\/alternative/);
    expect(source.indexOf('Content-Type: text/plain')).toBeLessThan(source.indexOf('Content-Type: text/html'));
    expect(source).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);

    const sent = await row(pending.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, nextAttemptAt: null, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);

    // another pass sends nothing again
    expect(await relay(mail.smtpUrl).deliverDue()).toBe(0);
    expect(await receivedBy(to.email)).toHaveLength(1);
  });

  it('never sends a message already sent', async () => {
    const to = await recipient();
    const done = await message(to);
    await ds.query(`UPDATE notification SET status = 'sent', sent_at = now(), next_attempt_at = NULL WHERE id = $1`, [done.id]);

    expect(await relay(mail.smtpUrl).deliverDue()).toBe(0);
    const control = await recipient();
    await message(control);
    expect(await relay(mail.smtpUrl).deliverDue()).toBe(1);
    await mail.waitFor((m) => m.to.includes(control.email), 'to the control recipient');
    expect(await receivedBy(to.email)).toHaveLength(0);
  });

  it('sends each of 30 messages exactly once while two relays (two connection pools) run at the same time', async () => {
    const to = await recipient();
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await message(to, `Message ${i}`)).id);
    const other = await openTestDataSource(DATABASE_URL);
    try {
      const second = new MailRelay(other, new SmtpSender(mail.smtpUrl), { from: 'vnfil <no-reply@vnfil.example.org>', messageIdHost: HOST, everySeconds: 1, maxAttempts: 8 });
      relays.push(second);
      const [a, b] = await Promise.all([relay(mail.smtpUrl).deliverDue(), second.deliverDue()]);
      expect(a + b).toBe(30);
    } finally {
      await Promise.all(relays.splice(0).map((r) => r.stop()));
      await other.destroy();
    }

    const received = await receivedBy(to.email);
    expect(received).toHaveLength(30);
    expect(new Set(received.map((m) => m.headers['message-id']))).toEqual(new Set(ids.map((id) => `<notification-${id}@${HOST}>`)));
    const [counts] = (await ds.query(`SELECT count(*) FILTER (WHERE status = 'sent' AND attempts = 1)::int AS once FROM notification`)) as { once: number }[];
    expect(counts!.once).toBe(30);
  });

  it('backs off while the SMTP server is down, fails a message after the last attempt, and sends again once the server is back', async () => {
    const closed = `smtp://127.0.0.1:${await freePort()}`;
    const down = relay(closed, { maxAttempts: 3, backoff: { baseMs: 1_000, maxMs: 60_000 } });
    const to = await recipient();
    const doomed = await message(to, 'Doomed');

    expect(await down.deliverDue()).toBe(0);
    let state = await row(doomed.id);
    expect(state).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(state.lastError).toMatch(/ECONNREFUSED/);
    const firstWait = await secondsUntilNextAttempt(doomed.id);
    expect(firstWait).toBeGreaterThan(0);
    expect(firstWait).toBeLessThanOrEqual(1);

    // not due yet: the next pass leaves it alone
    expect(await down.deliverDue()).toBe(0);
    expect((await row(doomed.id)).attempts).toBe(1);

    await makeDue(doomed.id);
    await down.deliverDue();
    state = await row(doomed.id);
    expect(state).toMatchObject({ status: 'pending', attempts: 2 });
    const secondWait = await secondsUntilNextAttempt(doomed.id);
    expect(secondWait).toBeGreaterThan(1);
    expect(secondWait).toBeLessThanOrEqual(2);

    await makeDue(doomed.id);
    await down.deliverDue();
    state = await row(doomed.id);
    expect(state).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null, sentAt: null });
    expect(state.lastError).toMatch(/ECONNREFUSED/);

    // another message, one attempt failed while the server was down, now due: sent once the server is back;
    // the failed one stays failed
    const later = await message(to, 'Later');
    await down.deliverDue();
    expect(await row(later.id)).toMatchObject({ status: 'pending', attempts: 1 });
    await makeDue(later.id);
    expect(await relay(mail.smtpUrl).deliverDue()).toBe(1);
    await mail.waitFor((m) => m.to.includes(to.email) && m.subject === 'Later', 'the message delayed by the outage');
    expect(await row(later.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null, nextAttemptAt: null });
    expect((await receivedBy(to.email)).map((m) => m.subject)).toEqual(['Later']);
    expect((await row(doomed.id)).status).toBe('failed');
  });

  it('runs in the worker application: starts with it (MAIL_FROM, PUBLIC_URL from the environment) and stops with it', async () => {
    @Module({ imports: [ConfigModule, PersistenceModule], providers: [MailRelayService] })
    class RelayOnlyModule {}
    const saved = { ...process.env };
    Object.assign(process.env, {
      DATABASE_URL,
      SMTP_URL: mail.smtpUrl,
      MAIL_FROM: 'Validation des acquis <relay@vnfil.example.org>',
      MAIL_RELAY_EVERY_SECONDS: '1',
      PUBLIC_URL: 'https://portal.example.org',
      MAIL_RELAY: 'on',
    });
    const app = await NestFactory.createApplicationContext(RelayOnlyModule, { abortOnError: false, logger: ['error'] });
    try {
      const to = await recipient();
      const sent = await message(to, 'Depuis le worker');
      const received = await mail.waitFor((m) => m.to.includes(to.email), 'sent by the worker application');
      expect(received.headers['message-id']).toBe(`<notification-${sent.id}@portal.example.org>`);
      const source = await (await fetch(`${mail.webUrl}/api/email/${received.id}/source`)).text();
      expect(source).toMatch(/^From: Validation des acquis <relay@vnfil\.example\.org>/m);
    } finally {
      await app.close();
      process.env = saved;
    }
    // stopped: a message written now stays pending
    const to = await recipient();
    const after = await message(to, 'After shutdown');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await row(after.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('keeps polling on its own and survives an SMTP server that is down', async () => {
    const to = await recipient();
    const first = await message(to, 'While down');
    const down = relay(`smtp://127.0.0.1:${await freePort()}`, { everySeconds: 1, backoff: { baseMs: 60_000, maxMs: 60_000 } });
    down.start();
    for (let i = 0; i < 50 && (await row(first.id)).attempts === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await down.stop();
    expect(await row(first.id)).toMatchObject({ status: 'pending', attempts: 1 });

    const up = relay(mail.smtpUrl, { everySeconds: 1 });
    up.start();
    const polled = await message(to, 'Polled');
    await mail.waitFor((m) => m.to.includes(to.email) && m.subject === 'Polled', 'sent by the polling relay');
    expect((await row(polled.id)).status).toBe('sent');
    expect((await row(first.id)).attempts).toBe(1);
  });
});
