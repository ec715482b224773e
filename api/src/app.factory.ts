// Builds the whole application from a validated config; main.ts and the medium tests share it.
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/env';
import { Metrics } from './metrics/metrics';
import { metricsMiddleware } from './metrics/metrics.middleware';
import { SocketAdapter } from './realtime/socket-adapter';
import { REDIS_ADAPTER } from './cluster/redis';
import type Redis from 'ioredis';
import { inlineScriptHashes, mountClient } from './static/client-files';

export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(metricsMiddleware(app.get(Metrics)));
  app.useBodyParser('json', { limit: '2mb' });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...inlineScriptHashes(config.clientDir)],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // The site is usually served over plain HTTP inside a bureau's network.
      strictTransportSecurity: config.COOKIE_SECURE,
    }),
  );
  app.use(cookieParser());
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useWebSocketAdapter(new SocketAdapter(app, app.get<Redis | null>(REDIS_ADAPTER, { strict: false })));

  const openApi = new DocumentBuilder()
    .setTitle('党史知识竞赛 API')
    .setDescription('HTTP API of the Party-history contest platform. Socket protocol: protocol/README.md')
    .setVersion('0.1.0')
    .addCookieAuth('dsc_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/json',
  });

  if (!mountClient(app.getHttpAdapter().getInstance(), config.clientDir)) {
    app.get(Logger).warn(`client build not found in ${config.clientDir}; serving the api only`);
  }
  app.enableShutdownHooks();
  return app;
}
