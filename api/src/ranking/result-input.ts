// What a scored activity hands to ResultsService.record: the contest module does it when a
// contest finishes; practice, stage and match modules will do the same.
import { z } from 'zod';
import { RESULT_SOURCES } from '@dangshi/protocol';

export const resultInputSchema = z
  .object({
    source: z.enum(RESULT_SOURCES),
    /** The contest, practice session, stage or match id: (source, sourceId, userId) is recorded once. */
    sourceId: z.string().min(1).max(64),
    userId: z.string().min(1).max(36),
    /** Negative points are possible (penalties in some contest rules). */
    points: z.number().int().min(-1_000_000).max(1_000_000),
    answered: z.number().int().min(0).max(100_000),
    correct: z.number().int().min(0).max(100_000),
    occurredAt: z.number().int().min(0),
  })
  .refine((r) => r.correct <= r.answered, { message: 'correct cannot exceed answered', path: ['correct'] });

export type ResultInput = z.infer<typeof resultInputSchema>;
