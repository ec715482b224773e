// Catalogue section: match pages. `zh` is the source of truth; `en` must have exactly the same
// keys (checked by the type).
export const zh = {
  'match.title': '对战',
};

export const en: Record<keyof typeof zh, string> = {
  'match.title': 'Match',
};
