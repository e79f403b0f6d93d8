import { combineLatest, map, of, switchMap } from 'rxjs';
import type { ContractDetail } from '../api/contracting-contract';
import type { QueryHandlers } from '../api/crm-api';
import { plain, type CoreContext } from './context';
import { subscribeLive } from './live';

/**
 * One contract with what signing made of it (its delivery and invoice schedule), live: the
 * contract dialog shows the invoices change as payments come in.
 */
export function contractDetailQuery(ctx: CoreContext): Pick<QueryHandlers, 'contracts/detail'> {
  const { contracts, accounts, deliveries, invoices } = ctx.database;
  return {
    'contracts/detail': ({ id }, onResult, onError) => {
      const detail$ = contracts.findOne(id).$.pipe(
        switchMap((doc) => {
          if (!doc) return of(null);
          const contract = plain(doc);
          return combineLatest([
            accounts.findOne(contract.accountId).$,
            contract.deliveryId ? deliveries.findOne(contract.deliveryId).$ : of(null),
            invoices.find({ selector: { contractId: id } }).$,
          ]).pipe(
            map(([account, delivery, bills]): ContractDetail => {
              const detail: ContractDetail = {
                contract,
                accountName: account?.name ?? '',
                // The schedule in billing order: by due date, then number.
                invoices: bills
                  .map(plain)
                  .sort(
                    (a, b) => a.dueOn.localeCompare(b.dueOn) || a.number.localeCompare(b.number),
                  ),
              };
              if (delivery) detail.delivery = plain(delivery);
              return detail;
            }),
          );
        }),
      );
      return subscribeLive(detail$, onResult, onError);
    },
  };
}
