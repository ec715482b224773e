import { Init1764100000000 } from './1764100000000-init';

/** Every migration in order; the same list runs on SQLite and PostgreSQL. */
export const MIGRATIONS = [Init1764100000000];
