import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { BankModule } from './bank/bank.module';
import { ClusterModule } from './cluster/cluster.module';
import { ContestModule } from './contest/contest.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { ZodValidationPipe } from './common/zod-validation.pipe';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { MatchModule } from './match/match.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrgModule } from './org/org.module';
import { PracticeModule } from './practice/practice.module';
import { RankingModule } from './ranking/ranking.module';
import { RealtimeModule } from './realtime/realtime.module';
import { StageModule } from './stage/stage.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // Nest 11's router syntax for "every path" (nestjs-pino's default '*' logs a warning).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Health checks and metric scrapes would drown the log.
            autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          },
        }),
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT }]),
        DatabaseModule,
        ClusterModule,
        MetricsModule,
        AuthModule,
        BankModule,
        ContestModule,
        OrgModule,
        RankingModule,
        PracticeModule,
        StageModule,
        MatchModule,
        RealtimeModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
