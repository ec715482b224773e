// What a team device sends as its written answer: the letter(s) of a choice ("B", "AC"), 正确 /
// 错误 for true/false, or the typed text. These are the spellings the server's auto-judge
// accepts (api/src/stage/stage-questions.ts acceptedAnswers), and what the judges read.
import { OPTION_STYLES } from '../contest/answer-style';

export type AnswerDraft =
  | { kind: 'choice'; multiple: boolean; picked: number[] }
  | { kind: 'truefalse'; value: boolean | null }
  | { kind: 'fill'; text: string };

export function emptyDraft(type: 'single' | 'multiple' | 'truefalse' | 'fill'): AnswerDraft {
  if (type === 'truefalse') return { kind: 'truefalse', value: null };
  if (type === 'fill') return { kind: 'fill', text: '' };
  return { kind: 'choice', multiple: type === 'multiple', picked: [] };
}

/** A tap on option i: a single choice replaces, a multiple choice toggles. */
export function toggle(draft: Extract<AnswerDraft, { kind: 'choice' }>, index: number): number[] {
  if (!draft.multiple) return [index];
  return draft.picked.includes(index) ? draft.picked.filter((i) => i !== index) : [...draft.picked, index].sort((a, b) => a - b);
}

/** The answer text, or null while nothing is chosen or typed. */
export function answerText(draft: AnswerDraft): string | null {
  switch (draft.kind) {
    case 'choice':
      return draft.picked.length ? draft.picked.map((i) => OPTION_STYLES[i]?.letter ?? '').join('') : null;
    case 'truefalse':
      return draft.value === null ? null : draft.value ? '正确' : '错误';
    case 'fill': {
      const text = draft.text.trim();
      return text ? text.slice(0, 200) : null;
    }
  }
}
