import { dependsOn } from '../../shared/rules/catalog';
import { accountOf } from '../../shared/rules/visibility';
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

/** The documents table's owner_id and account_id of a document (shared/rules/visibility.ts). */
export function scopeColumns(
  collection: string,
  data: Record<string, unknown>,
): { owner_id: string | null; account_id: string | null } {
  return {
    owner_id: typeof data.ownerId === 'string' ? data.ownerId : null,
    account_id: accountOf(collection, data) ?? null,
  };
}
