// Whether a response answers a question, and how much of it (partial credit).
import type { AnswerResponse } from '@dangshi/protocol';
import { fillAnswerMatches } from '@dangshi/question-bank';
import type { AnswerKey, ContestQuestion } from './types';

/** A response of the wrong kind or with options that do not exist is invalid, not wrong. */
export function isValidResponse(question: ContestQuestion, response: AnswerResponse): boolean {
  switch (question.type) {
    case 'single':
      return response.kind === 'choice' && response.options.length === 1 && response.options[0] < question.options.length;
    case 'multiple':
      return (
        response.kind === 'choice' &&
        new Set(response.options).size === response.options.length &&
        response.options.every((o) => o < question.options.length)
      );
    case 'truefalse':
      return response.kind === 'truefalse';
    case 'fill':
      return response.kind === 'fill' && response.text.trim().length > 0;
  }
}

/** 1 for right, 0 for wrong; with partial credit, (right picks − wrong picks) / right options. */
export function judge(key: AnswerKey, response: AnswerResponse, partialCredit: boolean): number {
  switch (key.type) {
    case 'single':
      return response.kind === 'choice' && response.options[0] === key.options[0] ? 1 : 0;
    case 'multiple': {
      if (response.kind !== 'choice') return 0;
      const wanted = new Set(key.options);
      const right = response.options.filter((o) => wanted.has(o)).length;
      const wrong = response.options.length - right;
      if (right === wanted.size && wrong === 0) return 1;
      return partialCredit ? Math.max(0, (right - wrong) / wanted.size) : 0;
    }
    case 'truefalse':
      return response.kind === 'truefalse' && response.value === key.value ? 1 : 0;
    case 'fill':
      return response.kind === 'fill' && fillAnswerMatches(key.accepted, response.text) ? 1 : 0;
  }
}
