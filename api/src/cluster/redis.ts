// Redis connections for multi-node operation (REDIS_URL). Two clients: the socket.io adapter's
// (queues commands while Redis restarts, so broadcasts resume) and the lease client's (fails at
// once while Redis is down, so an owner notices it can no longer renew and stops acting).
import Redis from 'ioredis';

export const REDIS_ADAPTER = Symbol('REDIS_ADAPTER');
export const REDIS_LEASES = Symbol('REDIS_LEASES');

export function adapterClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

export function leaseClient(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
}
