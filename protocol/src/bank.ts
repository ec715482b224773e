// The question bank over HTTP. Questions themselves are validated by the api with the schema in
// question-bank; here are the shapes the client reads and the search it can ask for.
import { z } from 'zod';

export type QuestionTypeName = 'single' | 'multiple' | 'truefalse' | 'fill';
export type QuestionStatusName = 'draft' | 'reviewed' | 'retired';

/** A question as stored: the bank's fields plus its version and where it came from. */
export interface QuestionDto {
  id: string;
  version: number;
  origin: 'shipped' | 'org';
  locallyEdited: boolean;
  type: QuestionTypeName;
  stem: string;
  options?: string[];
  /** single: "B"; multiple: ["A","C"]; truefalse: true/false; fill: accepted texts. */
  answer: string | string[] | boolean;
  explanation: string;
  source: { kind: 'book' | 'charter' | 'law' | 'event' | 'document'; ref: string };
  category: string;
  tags: string[];
  difficulty: 1 | 2 | 3;
  media?: { image: string; alt: string };
  status: QuestionStatusName;
  timeLimit: number;
  updatedAt: number;
}

export const questionSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.string().max(40).optional(),
  type: z.enum(['single', 'multiple', 'truefalse', 'fill']).optional(),
  difficulty: z.coerce.number().int().min(1).max(3).optional(),
  status: z.enum(['draft', 'reviewed', 'retired']).optional(),
  tag: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type QuestionSearch = z.input<typeof questionSearchSchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface QuestionSetDto {
  id: string;
  title: string;
  description: string;
  origin: 'shipped' | 'org';
  kind: 'manual' | 'tags' | 'random';
  questionCount: number;
}

export interface CategoryCount {
  category: string;
  count: number;
}

/** 纠错: a member reports an error in a question after its reveal (phone or practice). */
export const errorReportInputSchema = z.object({
  questionId: z.string().min(1).max(64),
  questionVersion: z.number().int().min(1).optional(),
  reason: z.string().trim().min(2).max(300),
  /** Where it was seen, e.g. the contest PIN; helps the reviewer. */
  context: z.string().trim().max(100).optional(),
});
export type ErrorReportInput = z.infer<typeof errorReportInputSchema>;

export interface ErrorReportDto {
  id: string;
  questionId: string;
  questionVersion: number | null;
  reason: string;
  context: string | null;
  reporter: string | null;
  status: 'open' | 'fixed' | 'retired' | 'dismissed';
  createdAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}
