import { Session } from '../auth/session.entity';
import { User } from '../auth/user.entity';

/** Every entity, registered once for both dialects. */
export const ENTITIES = [User, Session];
