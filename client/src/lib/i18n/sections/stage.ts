// Catalogue section: stage pages. `zh` is the source of truth; `en` must have exactly the same
// keys (checked by the type).
export const zh = {
  'stage.title': '知识竞赛',
};

export const en: Record<keyof typeof zh, string> = {
  'stage.title': 'Stage contest',
};
