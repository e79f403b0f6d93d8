import type { Kysely } from 'kysely';
import type { VisibilityMode } from '../../shared/rules/visibility';
import { docKey, pushTransaction } from './documents';
import { storedSeqs, type OptimisticPlan } from './optimistic';
import {
  judgeGroup,
  notifyGroup,
  prepareGroup,
  writeGroup,
  type GroupCommit,
  type InTransaction,
} from './push-commit';
import {
  claimSeqs,
  claimsTouching,
  beginClaimant,
  endClaim,
  lockFirm,
  waitForClaims,
} from './seq-claims';
import type { SyncDatabase } from './tables';

/**
 * PostgreSQL's group commit (push-commit.ts): the group's transaction, and beside it a short one
 * that locks the firm's row, waits for the claims in progress the group depends on, checks the
 * plans, claims the seqs and commits (seq-claims.ts). The group then writes while the firm's next
 * group claims. `claimDb` is a pool of its own: a group holds its push connection while it waits
 * for a claim connection, so drawing both from one pool could leave every connection held by a
 * group waiting for a second.
 */
export function claimedGroupCommit(
  db: Kysely<SyncDatabase>,
  claimDb: Kysely<SyncDatabase>,
  inTransaction: InTransaction,
): GroupCommit {
  return (orgId, group, claimed) =>
    db.transaction().execute(async (trx) => {
      const xid = await beginClaimant(trx, orgId);
      const views = new Set<string>();
      const decided = await claimDb.transaction().execute(async (claim) => {
        const org = await lockFirm(claim, orgId, 'claim only');
        if (org === undefined) throw new Error(`organisation ${orgId} does not exist`);
        const visibility: VisibilityMode = org.visibility === 'own' ? 'own' : 'everyone';
        const locked = pushTransaction(trx, orgId, visibility, views);
        let drained = false;
        // Every claim in progress ended: for a lookup (which any write may answer differently)
        // and for a push judged again (which may read anything).
        const drain = async () => {
          if (drained) return;
          drained = true;
          await waitForClaims(claim, orgId, org.claims);
        };
        const { accepted, later } = await judgeGroup(
          group,
          { lastSeq: org.lastSeq, visibility },
          locked,
          async (plans) => {
            // What the plans read or write, written by a push not yet committed: wait for it.
            if (org.claims.length > 0 && !drained) {
              await waitForClaims(claim, orgId, await claimsTouching(claim, orgId, keysOf(plans)));
            }
            return storedSeqs(trx, orgId, plans);
          },
          { replan: drain, lookups: drain },
        );
        const prepared = prepareGroup(orgId, accepted);
        const keys = accepted.flatMap(({ writes }) =>
          writes.map((w) => docKey(w.collection, w.id)),
        );
        const lastSeq =
          keys.length > 0 ? await claimSeqs(claim, orgId, keys.length, xid, keys) : org.lastSeq;
        return { prepared, later, lastSeq, claimedAny: keys.length > 0 };
      });
      claimed(decided.later);
      const { committed } = await writeGroup(
        trx,
        'postgres',
        orgId,
        decided.lastSeq,
        decided.prepared,
      );
      if (decided.claimedAny) await endClaim(trx, orgId, decided.lastSeq);
      await notifyGroup(trx, committed, views, inTransaction);
      return committed;
    });
}

/** Every document the plans read or write. */
function keysOf(plans: readonly OptimisticPlan[]): string[] {
  const keys = new Set<string>();
  for (const plan of plans) {
    for (const [collection, ids] of plan.seen)
      for (const id of ids.keys()) keys.add(docKey(collection, id));
    for (const write of plan.writes) keys.add(docKey(write.collection, write.id));
  }
  return [...keys];
}
