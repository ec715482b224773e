// Catalogue section: the phone pages of a live contest (/join, /play).
// `zh` is the source of truth; `en` must have exactly the same keys (checked by the type).
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
