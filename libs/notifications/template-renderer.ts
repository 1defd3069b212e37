import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDeadline } from '../calendar';
import { NotificationTemplate } from '../domain';

export type TemplateData = Record<string, unknown>;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** Data a template asked for but was not given, or a template that does not exist. */
export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
}

type Part = 'subject' | 'txt' | 'html';
const PARTS: readonly Part[] = ['subject', 'txt', 'html'];
const EMAIL_LAYOUT_PARTIAL = 'layouts/email';

/** The templates/ folder, from the sources (libs/notifications) or from the build (dist/libs/notifications). */
export function defaultTemplatesDir(): string {
  const candidates = [resolve(__dirname, '../../templates'), resolve(__dirname, '../../../templates')];
  const found = candidates.find((dir) => existsSync(join(dir, 'emails')));
  if (!found) throw new TemplateRenderError(`no templates/emails folder found near ${__dirname}`);
  return found;
}

/**
 * `{{deadline dueAt timeZone}}`: an ISO 8601 instant (with Z or an offset) and an IANA zone, written as
 * "11 April 2027, 23:59 (Europe/Paris)". Throws, as strict templates do, when either is missing or invalid.
 */
export function deadlineHelper(at: unknown, timeZone: unknown, ...rest: unknown[]): string {
  if (rest.length !== 1) throw new Error('deadline takes two arguments: {{deadline <ISO instant> <IANA time zone>}}');
  if (typeof at !== 'string' && !(at instanceof Date)) throw new Error(`deadline needs an ISO 8601 instant, got ${describe(at)}`);
  if (typeof timeZone !== 'string') throw new Error(`deadline needs an IANA time zone name, got ${describe(timeZone)}`);
  return formatDeadline(at, timeZone, 'en');
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Renders the message templates under templates/emails/<id>.{subject,txt,html}.hbs. Every template is compiled
 * once, strictly (a variable the data lacks is an error, never an empty string). HTML is escaped; the subject
 * and text parts are plain text and are not. The HTML layout is a partial registered once, and so is the one
 * helper, `deadline` (see deadlineHelper).
 */
export class TemplateRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  constructor(readonly templatesDir: string = defaultTemplatesDir()) {
    this.handlebars.registerHelper('deadline', deadlineHelper);
    const layout = readFileSync(join(templatesDir, 'layouts', 'email.html.hbs'), 'utf8');
    this.handlebars.registerPartial(EMAIL_LAYOUT_PARTIAL, this.handlebars.compile(layout, { strict: true }));
    for (const id of Object.values(NotificationTemplate)) {
      for (const part of PARTS) {
        const file = join(templatesDir, 'emails', `${id}.${part}.hbs`);
        if (!existsSync(file)) throw new TemplateRenderError(`template ${id} has no ${part} part: ${file} is missing`);
        const source = readFileSync(file, 'utf8');
        this.compiled.set(`${id}.${part}`, this.handlebars.compile(source, { strict: true, noEscape: part !== 'html' }));
      }
    }
  }

  render(template: NotificationTemplate, data: TemplateData): RenderedMessage {
    return {
      // A subject is one line: line breaks in user data must not reach a mail header, whatever path the data took
      // (the API refuses them in titles; seeds and older rows may hold them). \s misses U+0085 (next line), so
      // every control character goes too.
      subject: this.renderPart(template, 'subject', data).replace(/[\s\p{Cc}]+/gu, ' ').trim(),
      text: this.renderPart(template, 'txt', data),
      html: this.renderPart(template, 'html', data),
    };
  }

  private renderPart(template: NotificationTemplate, part: Part, data: TemplateData): string {
    const compiled = this.compiled.get(`${template}.${part}`);
    if (!compiled) throw new TemplateRenderError(`there is no template ${template}`);
    try {
      return compiled(data);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new TemplateRenderError(`cannot render ${template}.${part}.hbs: ${reason}`);
    }
  }
}
