// Catalogue section: the host console and the projector (/host, /screen).
// `zh` is the source of truth; `en` must have exactly the same keys (checked by the type).
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
