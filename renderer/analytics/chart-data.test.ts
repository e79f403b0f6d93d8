import { describe, expect, it } from 'vitest';
import type { CashMetrics } from '../../shared/analytics';
import { createI18n } from '../i18n/i18n';
import { customersTable, type Labels } from './chart-data';

describe('customersTable', () => {
  it('lists every paying customer by name, per currency, largest first, as Excel reads amounts', () => {
    const i18n = createI18n('zh-CN');
    const labels = { t: i18n.t, stageLabel: () => '', fmt: {} } as unknown as Labels;
    const cash = {
      perCurrency: [],
      byCustomer: [
        { accountId: 'a1', currency: 'CNY', collected: { minor: 136875000, currency: 'CNY' } },
        { accountId: 'a2', currency: 'CNY', collected: { minor: 5, currency: 'CNY' } },
        { accountId: 'gone', currency: 'USD', collected: { minor: 120000, currency: 'USD' } },
      ],
    } as unknown as CashMetrics;
    const names = new Map([
      ['a1', '上海浦江包装材料有限公司'],
      ['a2', '华为技术'],
    ]);
    const table = customersTable(cash, (id) => names.get(id) ?? id, labels);
    expect(table.headers).toEqual(['客户', '币种', '回款金额']);
    expect(table.rows).toEqual([
      ['上海浦江包装材料有限公司', 'CNY', '1368750.00'],
      ['华为技术', 'CNY', '0.05'],
      // An account not on this device keeps its id rather than vanishing from the export.
      ['gone', 'USD', '1200.00'],
    ]);
  });
});
