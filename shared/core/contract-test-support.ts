import { expect } from 'vitest';
import { CrmError } from '../api/errors';

/** The CrmError a refused command answers with (test helper, not product code). */
export async function refusal(promise: Promise<unknown>): Promise<CrmError['data']> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return (error as CrmError).data;
}
