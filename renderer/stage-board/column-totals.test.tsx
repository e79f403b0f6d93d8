import { DndContext } from '@dnd-kit/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Money } from '../../shared/domain';
import { AppProviders } from '../app/AppProviders';
import { makeFormatters } from '../i18n/format';
import { createI18n } from '../i18n/i18n';
import { activeFilterCount, cardMatcher, columnFigures, type BoardFields } from './board-filter';
import { useBoardTools } from './board-prefs';
import { BoardToolbar } from './BoardToolbar';
import { ColumnTotals } from './ColumnTotals';
import { useListPosition } from './list-position';
import { StageColumn } from './StageColumn';

interface Deal {
  id: string;
  title: string;
  ownerId: string;
  ownerName: string;
  amount?: Money;
}

const FIELDS: BoardFields<Deal> = {
  owner: (d) => ({ id: d.ownerId, name: d.ownerName }),
  amount: (d) => d.amount,
  dates: {},
};

const DEALS: Deal[] = [
  {
    id: 'a',
    title: '数控机床',
    ownerId: 'wang',
    ownerName: '王小明',
    amount: { minor: 1_000_000, currency: 'CNY' },
  },
  {
    id: 'b',
    title: 'ERP 二期',
    ownerId: 'li',
    ownerName: '李娜',
    amount: { minor: 5_000_000, currency: 'CNY' },
  },
  {
    id: 'c',
    title: '海外备件',
    ownerId: 'wang',
    ownerName: '王小明',
    amount: { minor: 900_000, currency: 'USD' },
  },
];

/** One money column with the shared tools, as a phase board wires them (see the report's lines). */
function MoneyColumn() {
  const tools = useBoardTools('test-money');
  const matches = useMemo(() => cardMatcher(tools.filter, FIELDS, 'wang'), [tools.filter]);
  const figures = columnFigures(DEALS, matches, FIELDS.amount);
  return (
    <DndContext>
      <BoardToolbar
        tools={tools}
        fields={FIELDS}
        cards={DEALS}
        shown={figures.cards.length}
        me="wang"
      />
      <StageColumn
        stage="proposal"
        name="方案报价"
        accent="#2f6fc7"
        count={figures.cards.length}
        total={figures.total}
        filtered={activeFilterCount(tools.filter) > 0}
        countLabel={`${figures.cards.length} 个商机`}
        cardsLabel="「方案报价」阶段的商机"
        dimmed={false}
        emptyText="暂无商机"
        width={{ basis: 200, max: 320 }}
        summary={
          <ColumnTotals
            lines={[{ label: '合计', totals: figures.money, testId: 'column-total' }]}
            empty="—"
          />
        }
      >
        {figures.cards.map((d) => (
          <div key={d.id} role="listitem" aria-label={d.title}>
            {d.title}
          </div>
        ))}
      </StageColumn>
    </DndContext>
  );
}

const money = makeFormatters('zh-CN').money;

beforeEach(() => window.sessionStorage.clear());

describe('column totals with filters', () => {
  it('totals only the cards the filters leave, per currency', async () => {
    const user = userEvent.setup();
    render(
      <AppProviders i18n={createI18n('zh-CN')}>
        <MoneyColumn />
      </AppProviders>,
    );
    const total = () => screen.getByTestId('column-total');
    expect(total()).toHaveTextContent(
      money({ minor: 6_000_000, currency: 'CNY' }) + money({ minor: 900_000, currency: 'USD' }),
    );

    await user.click(screen.getByRole('button', { name: '筛选' }));
    const form = await screen.findByRole('dialog', { name: '筛选卡片' });
    await user.click(within(form).getByRole('combobox', { name: '负责人' }));
    await user.click(await screen.findByRole('option', { name: '我' }));
    expect(total()).toHaveTextContent(
      money({ minor: 1_000_000, currency: 'CNY' }) + money({ minor: 900_000, currency: 'USD' }),
    );
    expect(screen.getByLabelText('显示 2 项，本阶段共 3 项')).toHaveTextContent('2');

    // Amounts compare in the board's main currency (CNY here); the USD deal drops out.
    await user.type(within(form).getByRole('textbox', { name: '最低金额' }), '5000');
    expect(total()).toHaveTextContent(money({ minor: 1_000_000, currency: 'CNY' }));
    expect(total()).not.toHaveTextContent('US$');
    await user.type(within(form).getByRole('textbox', { name: '最高金额' }), '100');
    expect(within(form).getByRole('alert')).toHaveTextContent('最高金额不能低于最低金额');
    await user.clear(within(form).getByRole('textbox', { name: '最高金额' }));
    await user.clear(within(form).getByRole('textbox', { name: '最低金额' }));
    await user.type(within(form).getByRole('textbox', { name: '最低金额' }), '50000');
    expect(screen.getByText('没有符合筛选条件的卡片')).toBeInTheDocument();
    expect(total()).toHaveTextContent('—');
    expect(JSON.parse(window.sessionStorage.getItem('ltc.board.test-money.filter')!)).toEqual({
      owner: { kind: 'me' },
      currency: 'CNY',
      amountMin: 5_000_000,
    });
  });
});

function PositionedCard({ title }: { title: string }) {
  return (
    <div role="listitem" aria-label={title} {...useListPosition()}>
      {title}
    </div>
  );
}

describe('long columns', () => {
  it('render only some cards, each telling its place in the whole list', () => {
    // jsdom lays nothing out: give the column's scroll box the height a window would.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(300);
    const titles = Array.from({ length: 3_000 }, (_, i) => `商机 ${i + 1}`);
    render(
      <AppProviders i18n={createI18n('zh-CN')}>
        <DndContext>
          <StageColumn
            stage="qualify"
            name="初步沟通"
            accent="#8fb3e6"
            count={titles.length}
            countLabel="3000 个商机"
            cardsLabel="「初步沟通」阶段的商机"
            dimmed={false}
            emptyText="暂无商机"
            width={{ basis: 200, max: 320 }}
          >
            {titles.map((title) => (
              <PositionedCard key={title} title={title} />
            ))}
          </StageColumn>
        </DndContext>
      </AppProviders>,
    );
    const list = screen.getByRole('list', { name: '「初步沟通」阶段的商机' });
    const items = within(list).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(0);
    // A viewport's worth (jsdom measures every card as 0 px high, so more than a browser shows).
    expect(items.length).toBeLessThan(200);
    expect(items[0]).toHaveAttribute('aria-label', '商机 1');
    expect(items[0]).toHaveAttribute('aria-setsize', '3000');
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
    expect(items[1]).toHaveAttribute('aria-posinset', '2');
    vi.restoreAllMocks();
  });
});
