// Practice match tables (filled in by the match module's slice).
export const MATCH_ENTITIES: Function[] = [];
