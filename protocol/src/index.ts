export * from './errors';
export * from './ack';
export * from './auth';
export * from './health';
export * from './socket';
export * from './contest';
export * from './bank';
