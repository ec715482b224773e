export * from './schema';
export * from './answer';
export * from './validate';
export * from './bank-files';
export * from './formats';
