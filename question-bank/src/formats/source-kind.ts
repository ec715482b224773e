// A 题库 sheet gives a source as one text; our schema also wants its kind. The sheet may say
// it in 来源类型; otherwise we guess from how the reference is written.
import { SOURCE_KINDS, type SourceKind } from '../schema';

export function inferSourceKind(ref: string): SourceKind {
  if (/章程|党章/.test(ref)) return 'charter';
  if (/《[^》]*法》.*第[一二三四五六七八九十百零〇\d]+[条章]/.test(ref)) return 'law';
  if (/^\s*\d{4}\s*年?/.test(ref)) return 'event';
  if (/《[^》]+》/.test(ref)) return 'book';
  return 'document';
}

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  book: '书籍',
  charter: '党章',
  law: '法律',
  event: '事件',
  document: '文献',
};

const BY_LABEL: Record<string, SourceKind> = {
  书籍: 'book',
  图书: 'book',
  党章: 'charter',
  章程: 'charter',
  法律: 'law',
  法规: 'law',
  事件: 'event',
  文献: 'document',
  文件: 'document',
};

/** A 来源类型 cell (Chinese label or our English kind) → kind; undefined if unknown. */
export function parseSourceKind(label: string): SourceKind | undefined {
  const value = label.trim();
  const english = value.toLowerCase();
  if ((SOURCE_KINDS as readonly string[]).includes(english)) return english as SourceKind;
  return BY_LABEL[value];
}
