// What the live preview draws for a draft, derived the way the contest pages show a question:
// each option with its letter, shape and colour from answer-style.ts (never colour alone), and
// which ones are right, so the reviewer sees the reveal too. Works on half-typed drafts.
import type { QuestionTypeName } from '@dangshi/protocol';
import { optionStyle, TRUE_FALSE_STYLES, type OptionStyle } from '$lib/contest/answer-style';
import { isChoice, LETTERS, splitTags, type Draft } from './question-draft';

export interface PreviewChoice {
  key: string;
  /** Letter (A–F) for options; empty for true/false, whose text says it. */
  letter: string;
  glyph: string;
  background: string;
  shape: OptionStyle['shape'] | 'tick' | 'cross';
  /** The option's text; null for true/false (the page shows 正确/错误 in its language). */
  text: string | null;
  truth?: boolean;
  correct: boolean;
}

export interface Preview {
  type: QuestionTypeName;
  stem: string;
  choices: PreviewChoice[];
  fillAnswers: string[];
  explanation: string;
  sourceRef: string;
  category: string;
  tags: string[];
  difficulty: 1 | 2 | 3;
  timeLimit: number;
  image: string;
  imageAlt: string;
}

function choices(draft: Draft): PreviewChoice[] {
  if (isChoice(draft.type)) {
    return draft.options.map((text, i) => {
      const style = optionStyle(i);
      const letter = LETTERS[i] ?? style.letter;
      const correct = draft.type === 'single' ? draft.single === letter : draft.multiple.includes(letter);
      return { key: letter, letter, glyph: style.glyph, background: style.background, shape: style.shape, text: text.trim(), correct };
    });
  }
  if (draft.type === 'truefalse') {
    return TRUE_FALSE_STYLES.map((style) => ({
      key: String(style.value),
      letter: '',
      glyph: style.glyph,
      background: style.background,
      shape: style.value ? 'tick' : 'cross',
      text: null,
      truth: style.value,
      correct: draft.truth === style.value,
    }));
  }
  return [];
}

export function previewOf(draft: Draft): Preview {
  return {
    type: draft.type,
    stem: draft.stem.trim(),
    choices: choices(draft),
    fillAnswers: draft.fill.map((a) => a.trim()).filter((a) => a !== ''),
    explanation: draft.explanation.trim(),
    sourceRef: draft.sourceRef.trim(),
    category: draft.category.trim(),
    tags: splitTags(draft.tags),
    difficulty: draft.difficulty,
    timeLimit: draft.timeLimit ?? 0,
    image: draft.image.trim(),
    imageAlt: draft.imageAlt.trim(),
  };
}
