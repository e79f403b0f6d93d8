/**
 * How sample data is recognised. Every sample record is written BY a sample person (the core
 * stamps the acting person as owner, and as author of stage events and field changes), and
 * sample people have ids starting with `sample-`. Real people never do: local profiles and sync
 * server users have UUIDs. So the marker needs no extra schema field (old and synced documents
 * stay valid), survives every edit (the owner never changes), and lets one query per collection
 * find all of it — which is what "remove in one step" and "never synced" both rely on.
 */
export const SAMPLE_ID_PREFIX = 'sample-';

export function isSamplePerson(id: string | undefined): boolean {
  return typeof id === 'string' && id.startsWith(SAMPLE_ID_PREFIX);
}

/**
 * A synced document that belongs to the sample firm: owned by (records) or written by (stage
 * events, field changes) a sample person. The sync engine drops these from every push.
 */
export function isSampleDocument(doc: Record<string, unknown>): boolean {
  const owner = doc.ownerId ?? doc.by;
  return typeof owner === 'string' && isSamplePerson(owner);
}

/**
 * RxDB selector matching a collection's sample documents, by owner or by author: a string range
 * ('sample-' ≤ id < 'sample.', '.' being the character after '-') rather than a regex, so every
 * storage (memory, Dexie, the project's SQLite) answers it the same way.
 */
export function sampleSelector(field: 'ownerId' | 'by'): Record<string, unknown> {
  return { [field]: { $gte: SAMPLE_ID_PREFIX, $lt: 'sample.' } };
}
