import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { enabledLogLevels } from '../../../libs/config/config';
import { APP_CONFIG } from '../../../libs/config/config.module';
import type { AppConfig } from '../../../libs/config/config';
import { SESSION_COOKIE } from './auth/auth.service';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { JSON_BODY_LIMIT_KB } from './common/http';
import { createValidationPipe } from './common/validation';
import { documentIdempotencyKeys } from './idempotency/idempotency.openapi';

/** Everything that makes the HTTP pipeline what it is; main.ts and the tests both go through here. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
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

/** The API application, configured; `config` replaces the environment (tests, tools). */
export async function createApp(options: { config?: AppConfig; logLevel?: AppConfig['logLevel'] } = {}): Promise<NestExpressApplication> {
  const level = options.logLevel ?? options.config?.logLevel ?? 'log';
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options.config), {
    bodyParser: false,
    logger: enabledLogLevels(level),
  });
  return configureApp(app);
}
