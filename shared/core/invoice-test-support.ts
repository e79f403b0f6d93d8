import type { Contract, Invoice } from '../domain/entities';
import { newId } from '../domain/ids';
import { money } from '../domain/money';
import type { CrmCore } from './index';
import { insertUnjudged, openSalesFixture, type SalesFixture } from './test-support';

/**
 * Test helpers for collections (not imported by product code). Contracts are signed by the
 * contracts area; these tests need only a contract to bill, so it is inserted directly.
 */

export async function insertContract(
  core: CrmCore,
  accountId: string,
  fields: Partial<Contract> = {},
): Promise<Contract> {
  const at = Date.UTC(2026, 0, 1);
  const contract: Contract = {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    ownerId: 'user-wang',
    ownerName: '王小明',
    archived: false,
    title: '数控机床改造项目',
    number: 'HT-2026-018',
    accountId,
    stage: 'signed',
    stageEnteredAt: at,
    amount: money(12_000_00, 'CNY'),
    ...fields,
  };
  await insertUnjudged(core.database, 'contracts', contract);
  return contract;
}

export interface CollectionsFixture extends SalesFixture {
  contract: Contract;
  /** A scheduled invoice of ¥12,000.00 due 2026-03-31. */
  invoice: Invoice;
}

/** The sales fixture plus a signed contract and one scheduled invoice on it. */
export async function openCollectionsFixture(): Promise<CollectionsFixture> {
  const fixture = await openSalesFixture();
  const contract = await insertContract(fixture.core, fixture.account.id);
  const invoice = await fixture.core.service.commands['invoices/create']({
    contractId: contract.id,
    amount: money(12_000_00, 'CNY'),
    dueOn: '2026-03-31',
    milestone: '首付款 30%',
  });
  return { ...fixture, contract, invoice };
}
