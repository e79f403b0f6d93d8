import { v7 as uuidv7, validate, version } from 'uuid';

/**
 * Record ids are UUIDv7 made on the device: a rep creating records offline on two laptops can
 * never collide, and v7's leading timestamp keeps ids in creation order (useful for append-only
 * stage events, whose id order is their write order on one device).
 */
export function newId(): string {
  return uuidv7();
}

export function isUuidV7(id: string): boolean {
  return validate(id) && version(id) === 7;
}
