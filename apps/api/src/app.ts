import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { enabledLogLevels } from '../../../libs/config/config';
import { APP_CONFIG } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { CODEC_PATH } from './codec/codec.controller';
import { AppModule } from './app.module';
import { AllowedMethods } from './common/allowed-methods';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { TEXT_BODY_TYPES } from './common/decorators';
import { FORM_BODY_LIMIT_KB, JSON_BODY_LIMIT_KB } from './common/http';
import { PortalErrors } from './portal/portal-errors';
import { portalAssetsDir } from './portal/portal-pages';
import { createValidationPipe } from './common/validation';
import { buildOpenApiDocument } from './openapi/openapi';
import { httpMetrics } from './metrics/http-metrics';
import { ApiMetrics } from './metrics/metrics.service';

/** The pages that show evidence PDFs in an object element: the assessor's case page (and its forms sent back). */
export const PDF_VIEWER_PAGES = /^\/portal\/assessor\/cases\//;

/** Everything that makes the HTTP pipeline what it is; main.ts and the tests both go through here. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  // first, so every answer is counted, those given before routing too
  app.use(httpMetrics(app.get(ApiMetrics)));
  const https = config.http.publicUrl.startsWith('https:');
  // the portal's pages load their styles and scripts from /portal/assets only (no inline script); over plain
  // http (a developer's machine) nothing is upgraded to https; only the assessor's case pages embed (their
  // evidence PDFs, from GET /cases/:id/evidence/:e/inline, the one route that serves a file inline)
  app.use(
    helmet({
      hsts: https,
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: https ? [] : null,
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'object-src': [(req) => (PDF_VIEWER_PAGES.test(req.url ?? '') ? "'self'" : "'none'")],
        },
      },
    }),
  );
  app.useStaticAssets(portalAssetsDir(), { prefix: '/portal/assets/', index: false, maxAge: '1h' });
  app.enableCors(corsPolicy(config));
  app.useBodyParser('json', { limit: `${JSON_BODY_LIMIT_KB}kb` });
  // a VC-JWT posted as it is; only routes marked TextBody accept it (the input gate refuses it elsewhere)
  app.useBodyParser('text', { type: [...TEXT_BODY_TYPES], limit: `${JSON_BODY_LIMIT_KB}kb` });
  // the portal's forms, flat (no nested keys); only routes marked FormBody accept them
  app.useBodyParser('urlencoded', { extended: false, limit: `${FORM_BODY_LIMIT_KB}kb`, parameterLimit: 100 });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter(new AllowedMethods(() => app.getHttpAdapter().getInstance()), app.get(PortalErrors)));
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app, { idempotencyKeyTtlHours: config.steps.idempotencyKeyTtlHours });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/**
 * Closed unless configured: pages of the origins in CORS_ORIGINS may call every route with the user's cookie;
 * the Temporal UI's origins (TEMPORAL_UI_ORIGINS) only the payload codec. Any other origin gets no CORS header,
 * so the browser keeps the answer from it.
 */
export function corsPolicy(config: AppConfig) {
  return (req: { headers: { origin?: string }; url?: string }, answer: (err: Error | null, options: object) => void): void => {
    const origin = req.headers.origin;
    const codec = (req.url ?? '').startsWith(`/${CODEC_PATH}/`);
    const allowed = !!origin && (config.http.corsOrigins.includes(origin) || (codec && config.temporal.uiOrigins.includes(origin)));
    answer(null, allowed ? { origin, credentials: true, maxAge: 600, exposedHeaders: ['Location', 'Retry-After'] } : { origin: false });
  };
}

/** The API application, configured; `config` replaces the environment (tests, tools). */
export async function createApp(options: { config?: AppConfig; logLevel?: AppConfig['logLevel'] } = {}): Promise<NestExpressApplication> {
  const level = options.logLevel ?? options.config?.logLevel ?? 'log';
  // abortOnError off: a module that cannot start rejects here (main.ts says why and exits) instead of Nest ending
  // the whole process, which would end every other test file of an in-band run with it
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options.config), {
    abortOnError: false,
    bodyParser: false,
    logger: enabledLogLevels(level),
  });
  return configureApp(app);
}
