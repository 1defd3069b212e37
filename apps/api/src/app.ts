import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { enabledLogLevels } from '../../../libs/config/config';
import { APP_CONFIG } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { SESSION_COOKIE } from './auth/auth.service';
import { CODEC_PATH } from './codec/codec.controller';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { JSON_BODY_LIMIT_KB } from './common/http';
import { createValidationPipe } from './common/validation';
import { documentIdempotencyKeys } from './idempotency/idempotency.openapi';

/** Everything that makes the HTTP pipeline what it is; main.ts and the tests both go through here. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  app.use(helmet({ hsts: config.http.publicUrl.startsWith('https:') }));
  app.enableCors(corsPolicy(config));
  app.useBodyParser('json', { limit: `${JSON_BODY_LIMIT_KB}kb` });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('vnfil API')
      .setDescription(
        'Validation of non-formal and informal learning: candidates build a case on a standard, assessors judge it, the awarding body decides. ' +
          'Errors are { statusCode, error, message, code }. Every signed-in POST, PUT, PATCH and DELETE takes an Idempotency-Key header: ' +
          'a retry with the same key gets the first answer. A case step whose result is late answers 202 with a Location to fetch it from.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth(SESSION_COOKIE)
      .build(),
  );
  SwaggerModule.setup('docs', app, documentIdempotencyKeys(document, config.steps.idempotencyKeyTtlHours), { jsonDocumentUrl: 'docs-json' });
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
