// The addresses of a stage contest's devices: what the host hands to each team table, the
// judges' desk and the projector.

const base = (stageId: string) => `/stage/${encodeURIComponent(stageId)}`;

export const teamPath = (stageId: string, token: string) => `${base(stageId)}/team?token=${encodeURIComponent(token)}`;
export const judgePath = (stageId: string) => `${base(stageId)}/judge`;
export const screenPath = (stageId: string) => `${base(stageId)}/screen`;
export const hostPath = (stageId: string) => base(stageId);

/** A full address (for QR codes and copying): the origin is wherever the app is served. */
export function absolute(origin: string, path: string): string {
  return `${origin}${path}`;
}
