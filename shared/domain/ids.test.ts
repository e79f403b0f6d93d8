import { describe, expect, it } from 'vitest';
import { isUuidV7, newId } from './ids';

describe('newId', () => {
  it('makes UUIDv7 ids', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuidV7(id)).toBe(true);
    expect(isUuidV7('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false); // v4
    expect(isUuidV7('not-an-id')).toBe(false);
  });

  it('never repeats and sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('leads with the creation time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });
});
