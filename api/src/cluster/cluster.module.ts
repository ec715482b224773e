import { Global, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { ContestLeases, Leases, MatchHubLease, StageLeases } from './leases';
import { adapterClient, leaseClient, REDIS_ADAPTER, REDIS_LEASES } from './redis';

/** Multi-node plumbing: Redis clients (only with REDIS_URL) and the leases of owned things. */
@Global()
@Module({
  providers: [
    { provide: REDIS_ADAPTER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => (c.REDIS_URL ? adapterClient(c.REDIS_URL) : null) },
    { provide: REDIS_LEASES, inject: [APP_CONFIG], useFactory: (c: AppConfig) => (c.REDIS_URL ? leaseClient(c.REDIS_URL) : null) },
    Leases,
    ContestLeases,
    StageLeases,
    MatchHubLease,
    {
      // Closes the Redis connections last, after contests and stages have handed over their leases.
      provide: 'REDIS_SHUTDOWN',
      inject: [REDIS_ADAPTER, REDIS_LEASES],
      useFactory: (a: Redis | null, l: Redis | null) => ({
        async onApplicationShutdown() {
          for (const client of [a, l]) if (client) client.disconnect();
        },
      }),
    },
  ],
  exports: [Leases, ContestLeases, StageLeases, MatchHubLease, REDIS_ADAPTER, REDIS_LEASES],
})
export class ClusterModule {}
