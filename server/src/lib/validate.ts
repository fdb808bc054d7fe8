import type { z } from 'zod';
import { invalidInput } from './errors.js';

/** Parses `input` with a zod schema, turning its issues into a 422 problem that names each field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, prefix = ''): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body',
    message: issue.message,
  }));
  throw invalidInput(errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
