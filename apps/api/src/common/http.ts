import type { IncomingMessage } from 'node:http';

/** Larger JSON bodies are refused with 413: nothing the API takes as JSON comes near it. */
export const JSON_BODY_LIMIT_KB = 256;

/** The portal's forms are a few short fields; uploads go as multipart. */
export const FORM_BODY_LIMIT_KB = 64;

/**
 * The parts of Express's request and response the API uses. Declared here because the project carries no
 * @types/express; Express 5 provides all of these at run time.
 */
export type HttpRequest = IncomingMessage;

export interface CookieOptions {
  httpOnly?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  secure?: boolean;
  path?: string;
  expires?: Date;
}

export interface HttpResponse {
  headersSent: boolean;
  statusCode: number;
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
  set(headers: Record<string, string>): HttpResponse;
  cookie(name: string, value: string, options: CookieOptions): HttpResponse;
  clearCookie(name: string, options: CookieOptions): HttpResponse;
  destroy(): void;
  end(): void;
}
