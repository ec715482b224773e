// The one place a question becomes the columns of its `questions` row, so editing, importing
// and the shipped sync index the same fields the same way.
import type { Question } from '@dangshi/question-bank';
import { tagsColumn, type QuestionOrigin, type QuestionRecord } from './bank.entities';

export function questionRow(q: Question, version: number, origin: QuestionOrigin, createdAt: number, updatedAt: number): QuestionRecord {
  return {
    id: q.id,
    version,
    origin,
    type: q.type,
    category: q.category,
    difficulty: q.difficulty,
    status: q.status,
    stem: q.stem,
    tags: tagsColumn(q.tags),
    data: q,
    shippedHash: null,
    locallyEdited: false,
    createdAt,
    updatedAt,
  };
}
