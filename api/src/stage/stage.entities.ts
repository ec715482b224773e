// Stage contest tables (filled in by the stage module's slice).
export const STAGE_ENTITIES: Function[] = [];
