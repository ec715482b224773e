// The question model: one zod schema that the shipped bank, every importer and the api share.
// Answers are stored in the form a person writes in a 题库 sheet (letters, 对/错 as a boolean,
// accepted fill-in texts), so bank files stay easy to review by eye.
import { z } from 'zod';

export const CATEGORIES = [
  '党史',
  '新中国史',
  '改革开放史',
  '社会主义发展史',
  '党章党规',
  '重要讲话与理论',
  '退役军人事务',
  '军史与英烈',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** File name (without .yaml) of each category's file under data/. */
export const CATEGORY_FILES: Record<Category, string> = {
  党史: 'dangshi',
  新中国史: 'xinzhongguo',
  改革开放史: 'gaigekaifang',
  社会主义发展史: 'shehuizhuyi',
  党章党规: 'dangzhang',
  重要讲话与理论: 'lilun',
  退役军人事务: 'tuiyi',
  军史与英烈: 'junshi',
};

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_STATUSES = ['draft', 'reviewed', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** What kind of reference a source is; each kind has its own shape check in the validator. */
export const SOURCE_KINDS = ['book', 'charter', 'law', 'event', 'document'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Letter = (typeof LETTERS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const sourceSchema = z.object({
  kind: z.enum(SOURCE_KINDS),
  /** e.g. 《中国共产党简史》第一章, 《中国共产党章程》第五条, 1921年7月23日 中共一大开幕 */
  ref: text(300),
});
export type Source = z.infer<typeof sourceSchema>;

export const mediaSchema = z.object({
  image: text(500),
  alt: text(300),
});

const common = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'id: lower-case letters, digits, "-" or "_", at most 64'),
  stem: text(1000),
  explanation: text(2000),
  source: sourceSchema,
  category: z.string().trim().min(1).max(40),
  tags: z.array(text(40)).max(20).default([]),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  media: mediaSchema.optional(),
  status: z.enum(QUESTION_STATUSES).default('reviewed'),
  /** Suggested answer time in seconds. */
  timeLimit: z.number().int().min(5).max(300).default(20),
};

const options = z.array(text(300)).min(2).max(6);
const letter = z.enum(LETTERS);

export const singleQuestionSchema = z.object({
  ...common,
  type: z.literal('single'),
  options,
  answer: letter,
});
export const multipleQuestionSchema = z.object({
  ...common,
  type: z.literal('multiple'),
  options,
  /** Letters of every correct option, e.g. ["A","C","D"]; at least two. */
  answer: z.array(letter).min(2),
});
export const trueFalseQuestionSchema = z.object({
  ...common,
  type: z.literal('truefalse'),
  answer: z.boolean(),
});
export const fillQuestionSchema = z.object({
  ...common,
  type: z.literal('fill'),
  /** Every accepted answer text; compared after normalisation (see answer.ts). */
  answer: z.array(text(100)).min(1).max(10),
});

export const questionSchema = z
  .discriminatedUnion('type', [
    singleQuestionSchema,
    multipleQuestionSchema,
    trueFalseQuestionSchema,
    fillQuestionSchema,
  ])
  .superRefine((q, ctx) => {
    if (q.type === 'single' || q.type === 'multiple') {
      const keys = Array.isArray(q.answer) ? q.answer : [q.answer];
      for (const key of keys) {
        if (LETTERS.indexOf(key) >= q.options.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['answer'],
            message: `answer ${key} has no option (only ${q.options.length} options)`,
          });
        }
      }
      if (new Set(keys).size !== keys.length) {
        ctx.addIssue({ code: 'custom', path: ['answer'], message: 'answer repeats a letter' });
      }
      if (new Set(q.options).size !== q.options.length) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'two options are the same' });
      }
    }
  });
export type Question = z.infer<typeof questionSchema>;
export type QuestionInput = z.input<typeof questionSchema>;

/** One file of the shipped bank: data/<slug>.yaml. */
export const bankFileSchema = z.object({
  category: z.string().min(1),
  questions: z.array(z.unknown()),
});

/** A themed set: a named selection of the bank by tags and/or ids (data/sets.yaml). */
export const themedSetSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: text(100),
  description: text(500),
  tags: z.array(text(40)).default([]),
  ids: z.array(z.string()).default([]),
});
export type ThemedSet = z.infer<typeof themedSetSchema>;
