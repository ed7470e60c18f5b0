import { z } from 'zod';
import { COMPARISON_IDS } from './comparisons/registry.js';

const probability = z.number().gt(0).lte(1);

/** One level as written in a model file. `weight` and `label` are for readers; parsing ignores them. */
const levelSchema = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
  kind: z.enum(['null', 'neutral', 'agree', 'else']),
  m: probability.optional(),
  u: probability.optional(),
  weight: z.number().optional(),
  termFrequency: z.string().optional(),
});

const stepSchema = z.object({
  step: z.enum([
    'defaults',
    'lambda-from-rules',
    'u-random-sampling',
    'm-expectation-maximisation',
    'labelled-pairs',
    'manual',
  ]),
  description: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  at: z.string().optional(),
});

/** The JSON layout of a model file (format version 1). */
export const modelFileSchema = z.object({
  formatVersion: z.literal(1),
  name: z.string().min(1),
  lambda: z.number().gt(0).lt(1),
  priorWeight: z.number().optional(),
  termFrequency: z.object({ minimumFrequency: probability }),
  comparisons: z
    .array(
      z.object({
        id: z.enum(COMPARISON_IDS),
        label: z.string().optional(),
        options: z.record(z.string(), z.number()),
        levels: z.array(levelSchema).min(2),
      }),
    )
    .min(1),
  provenance: z.array(stepSchema),
});

/** A parsed (shape-checked) model file. */
export type ModelFile = z.infer<typeof modelFileSchema>;
