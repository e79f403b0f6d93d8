import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryCard } from '../../shared/api/contracting-contract';
import { checkTransition, DELIVERY_STAGES, type DeliveryStage } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { localIsoDate } from '../stage-board/board-filter';
import { DELIVERY_BOARD, deliveryStageName } from '../contracting/contract-text';
import { ContractingBoard } from '../contracting/ContractingBoard';
import type { ContractingKind } from '../contracting/kind';
import { useStageMove, type MoveExtra } from '../stage-board/use-stage-move';
import { AcceptDialog } from './AcceptDialog';
import { DeliveryCardBody } from './DeliveryCardView';
import { DeliveryDialog } from './DeliveryDialog';

const ACCENT: Record<DeliveryStage, string> = {
  planned: '#a7bcd9',
  inProgress: '#2f6fc7',
  delivered: '#5aa469',
  accepted: '#2e7d32',
};

/** The delivery phase to the shared contracting board: its stages, rules, tools and card. */
const DELIVERY_KIND: ContractingKind<DeliveryCard, DeliveryStage> = {
  phase: 'delivery',
  board: DELIVERY_BOARD,
  firstTerminal: 'accepted',
  rules: {
    testId: 'delivery-board',
    stages: DELIVERY_STAGES,
    accent: ACCENT,
    // How the board tools read a delivery: its owner, customer, its contract's value and dates.
    fields: {
      owner: (card) => ({ id: card.ownerId, name: card.ownerName }),
      account: (card) =>
        card.accountId ? { id: card.accountId, name: card.accountName } : undefined,
      amount: (card) => card.contractAmount,
      dates: {
        plannedOn: (card) => card.plannedOn,
        created: (card) => localIsoDate(card.createdAt),
        stageEntered: (card) => localIsoDate(card.stageEnteredAt),
      },
    },
    dateFields: ['plannedOn', 'created', 'stageEntered'],
    canMove: (from, to) => checkTransition('delivery', from, to).allowed,
  },
  Body: DeliveryCardBody,
};

type OpenDialog = { kind: 'delivery' | 'accept'; card: DeliveryCard };

/** The delivery board (交付看板): Planned → In progress → Delivered → Accepted. */
export function DeliveryBoard() {
  const { t } = useTranslation();
  const api = useCrm();
  const { data: board, error } = useLiveQuery('board/deliveries', {});
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const ask = useCallback((card: DeliveryCard, to: DeliveryStage) => {
    // Acceptance asks for its date first, when the rules would let the card go there at all.
    if (to !== 'accepted' || !checkTransition('delivery', card.stage, to).allowed) return false;
    setOpen({ kind: 'accept', card });
    return true;
  }, []);
  const send = useCallback(
    async (card: DeliveryCard, to: DeliveryStage, extra: MoveExtra) => {
      await api.invoke('deliveries/move', { id: card.id, to, ...extra });
      return to === 'accepted'
        ? t('delivery.accept.done', { title: card.title })
        : t('delivery.move.moved', { title: card.title, stage: deliveryStageName(t, to) });
    },
    [api, t],
  );
  const move = useStageMove<DeliveryCard, DeliveryStage>({ ask, send });
  const openCard = useCallback((card: DeliveryCard) => setOpen({ kind: 'delivery', card }), []);

  return (
    <>
      <ContractingBoard
        kind={DELIVERY_KIND}
        title={t('delivery.title')}
        error={error}
        columns={board?.columns}
        move={move}
        onOpen={openCard}
      />
      {open?.kind === 'delivery' && (
        <DeliveryDialog key={open.card.id} card={open.card} onClose={close} />
      )}
      {open?.kind === 'accept' && (
        <AcceptDialog card={open.card} perform={move.perform} onClose={close} />
      )}
    </>
  );
}
