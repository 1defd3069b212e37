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
import { JSON_BODY_LIMIT_KB } from './common/http';
import { createValidationPipe } from './common/validation';
import { buildOpenApiDocument } from './openapi/openapi';

/** Everything that makes the HTTP pipeline what it is; main.ts and the tests both go through here. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  app.use(helmet({ hsts: config.http.publicUrl.startsWith('https:') }));
  app.enableCors(corsPolicy(config));
  app.useBodyParser('json', { limit: `${JSON_BODY_LIMIT_KB}kb` });
  // a VC-JWT posted as it is; only routes marked TextBody accept it (the input gate refuses it elsewhere)
  app.useBodyParser('text', { type: [...TEXT_BODY_TYPES], limit: `${JSON_BODY_LIMIT_KB}kb` });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter(new AllowedMethods(() => app.getHttpAdapter().getInstance())));
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
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options.config), {
    bodyParser: false,
    logger: enabledLogLevels(level),
  });
  return configureApp(app);
}
