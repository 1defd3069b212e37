import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NotificationTemplate } from '../domain';
import { TemplateRenderer, TemplateRenderError } from './template-renderer';

/** Every variable any template may use, as the workflow and the notification activity supply them. */
const FULL_DATA = {
  recipientName: 'Ada Lovelace',
  caseId: '0b6c3d5e-0000-4000-8000-000000000001',
  caseUrl: 'http://127.0.0.1:3000/cases/0b6c3d5e-0000-4000-8000-000000000001',
  standardTitle: 'Facilitating online learning',
  status: 'awarded',
  reason: 'all criteria met',
  outcome: 'awarded',
  dueDate: '2030-01-31',
  lapseDate: '2030-03-01',
  reopenDeadline: '2031-03-01',
  retryDate: '2030-01-02',
  purpose: 'assessment',
  note: 'A new case is assigned to you.',
  recommendation: 'award',
  result: 'awarded',
  appealDeadline: '2030-02-28',
};

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();

  it('has a subject, text and HTML template for every notification', () => {
    for (const id of Object.values(NotificationTemplate)) {
      for (const part of ['subject', 'txt', 'html']) {
        expect(existsSync(join(renderer.templatesDir, 'emails', `${id}.${part}.hbs`))).toBe(true);
      }
    }
  });

  it('renders every template with the data the workflow gives, HTML inside the shared layout', () => {
    for (const id of Object.values(NotificationTemplate)) {
      const message = renderer.render(id, FULL_DATA);
      expect(message.subject).not.toMatch(/\n|\{\{/);
      expect(message.subject.length).toBeGreaterThan(0);
      expect(message.text).toContain('Hello Ada Lovelace,');
      expect(message.html).toContain('<!doctype html>');
      expect(message.html).toContain('href="http://127.0.0.1:3000/cases/0b6c3d5e-0000-4000-8000-000000000001"');
    }
  });

  it('escapes user data in HTML and keeps the subject on one line', () => {
    const message = renderer.render(NotificationTemplate.CaseInadmissible, {
      ...FULL_DATA,
      recipientName: '<script>alert(1)</script>',
      reason: 'see "<img src=x onerror=alert(1)>"',
      standardTitle: 'Welding\nBcc: victim@example.com',
    });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).not.toContain('<img');
    expect(message.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(message.subject).toBe('Your case on Welding Bcc: victim@example.com is not admissible');
    expect(message.text).toContain('Hello <script>alert(1)</script>,');
  });

  it('fails clearly when the data lacks a variable', () => {
    const { reason: _reason, ...withoutReason } = FULL_DATA;
    expect(() => renderer.render(NotificationTemplate.CaseWithdrawn, withoutReason)).toThrow(TemplateRenderError);
    expect(() => renderer.render(NotificationTemplate.CaseWithdrawn, withoutReason)).toThrow(/case-withdrawn\.(txt|html)\.hbs: "reason" not defined/);
  });

  it('shows the appeal deadline only when there is one', () => {
    expect(renderer.render(NotificationTemplate.DecisionMade, FULL_DATA).text).toContain('You may appeal once, until 2030-02-28.');
    expect(renderer.render(NotificationTemplate.DecisionMade, { ...FULL_DATA, appealDeadline: null }).text).toContain('This decision is final.');
  });
});
