import { describe, expect, it } from 'vitest';
import { inferSourceKind, parseSourceKind } from './source-kind';

describe('source kinds of a 题库 sheet', () => {
  it('guesses the kind from how the reference is written', () => {
    expect(inferSourceKind('《中国共产党章程》第七条')).toBe('charter');
    expect(inferSourceKind('党章总纲')).toBe('charter');
    expect(inferSourceKind('《中华人民共和国退役军人保障法》第一条')).toBe('law');
    expect(inferSourceKind('《中华人民共和国宪法》第一章')).toBe('law');
    expect(inferSourceKind('1921年7月23日 中共一大在上海开幕')).toBe('event');
    expect(inferSourceKind('《中国共产党简史》第一章')).toBe('book');
    expect(inferSourceKind('《中华人民共和国退役军人保障法》')).toBe('book');
    expect(inferSourceKind('中共中央文件')).toBe('document');
  });

  it('reads 来源类型 in Chinese or as our kind names', () => {
    expect(parseSourceKind('文献')).toBe('document');
    expect(parseSourceKind(' 党章 ')).toBe('charter');
    expect(parseSourceKind('Law')).toBe('law');
    expect(parseSourceKind('网页')).toBeUndefined();
  });
});
