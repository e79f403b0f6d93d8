import { dependsOn } from '../../shared/rules/catalog';
import type { DocRefsTable } from './tables';

/** The doc_refs rows of one live document (see tables.ts), from the rulebook's reference catalog. */
export function referenceRows(
  orgId: string,
  collection: string,
  id: string,
  data: Record<string, unknown>,
): DocRefsTable[] {
  const seen = new Set<string>();
  const rows: DocRefsTable[] = [];
  // Only what a record depends on (catalog.ts dependsOn): a work-in-progress stamp (a contract's
  // deliveryId before the delivery is written) and the audit trail neither protect a record from
  // deletion nor list it as a child.
  for (const ref of dependsOn(collection, data)) {
    const key = `${ref.field}|${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      org_id: orgId,
      collection,
      id,
      field: ref.field,
      ref_collection: ref.collection,
      ref_id: ref.id,
    });
  }
  return rows;
}
