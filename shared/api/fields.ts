import { z } from 'zod';

/** Reusable argument shapes. Limits are generous for people, tight for abuse. */
export const id = z.string().uuid();
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();
export const isoDate = z.iso.date();
export const moneyArg = z.strictObject({
  minor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export const optionalEmail = z
  .union([z.literal(''), z.string().trim().max(254).pipe(z.email())])
  .optional();
