import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractCard } from '../../shared/api/contracting-contract';
import { checkContractTransition, signsContract } from '../../shared/domain/contracts';
import { CONTRACT_STAGES, type ContractStage } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { localIsoDate } from '../stage-board/board-filter';
import { ContractCardBody, signingUnfinished, UnfinishedSigning } from './ContractCardView';
import { ContractingBoard } from '../contracting/ContractingBoard';
import type { ContractingKind } from '../contracting/kind';
import { ContractDialog } from './ContractDialog';
import { CONTRACT_BOARD, contractStageName } from '../contracting/contract-text';
import { SignDialog } from './SignDialog';
import { TerminateDialog } from './TerminateDialog';
import { useStageMove, type MoveExtra } from '../stage-board/use-stage-move';

/** Drafts grey-blue, review amber, signed to completed in deepening green, terminated grey. */
const ACCENT: Record<ContractStage, string> = {
  draft: '#a7bcd9',
  review: '#e0a33a',
  signed: '#5aa469',
  executing: '#2f6fc7',
  completed: '#2e7d32',
  terminated: '#8a94a3',
};

/** The contract phase to the shared contracting board: its stages, rules, tools and card. */
const CONTRACT_KIND: ContractingKind<ContractCard, ContractStage> = {
  phase: 'contract',
  board: CONTRACT_BOARD,
  firstTerminal: 'completed',
  rules: {
    testId: 'contracts-board',
    stages: CONTRACT_STAGES,
    accent: ACCENT,
    // How the board tools read a contract: its owner, customer, value and dates.
    fields: {
      owner: (card) => ({ id: card.ownerId, name: card.ownerName }),
      account: (card) => ({ id: card.accountId, name: card.accountName }),
      amount: (card) => card.amount,
      dates: {
        signedOn: (card) => card.signedOn,
        created: (card) => localIsoDate(card.createdAt),
        stageEntered: (card) => localIsoDate(card.stageEnteredAt),
      },
    },
    dateFields: ['signedOn', 'created', 'stageEntered'],
    canMove: (from, to) => checkContractTransition(from, to).allowed,
  },
  Body: ContractCardBody,
  warn: signingUnfinished,
  Extra: UnfinishedSigning,
};

type OpenDialog =
  | { kind: 'contract'; card?: ContractCard }
  | { kind: 'sign'; card: ContractCard; to: ContractStage }
  | { kind: 'terminate'; card: ContractCard };

/** The contracts board (合同看板): Draft → Review → Signed → Executing → Completed | Terminated. */
export function ContractsBoard() {
  const { t } = useTranslation();
  const api = useCrm();
  const { data: board, error } = useLiveQuery('board/contracts', {});
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const close = useCallback(() => setOpen(null), []);

  const ask = useCallback((card: ContractCard, to: ContractStage) => {
    if (!checkContractTransition(card.stage, to).allowed) return false;
    if (to === 'terminated') {
      setOpen({ kind: 'terminate', card });
      return true;
    }
    if (signsContract(card.stage, to)) {
      setOpen({ kind: 'sign', card, to });
      return true;
    }
    return false;
  }, []);
  const send = useCallback(
    async (card: ContractCard, to: ContractStage, extra: MoveExtra) => {
      await api.invoke('contracts/move', { id: card.id, to, ...extra });
      if (signsContract(card.stage, to)) return t('contracts.sign.done', { title: card.title });
      if (to === 'terminated') return t('contracts.terminate.done', { title: card.title });
      return t('contracts.move.moved', { title: card.title, stage: contractStageName(t, to) });
    },
    [api, t],
  );
  const move = useStageMove<ContractCard, ContractStage>({ ask, send });

  const openCard = useCallback((card: ContractCard) => setOpen({ kind: 'contract', card }), []);
  const finishSigning = useCallback(
    (card: ContractCard) => setOpen({ kind: 'sign', card, to: 'signed' }),
    [],
  );

  return (
    <>
      <ContractingBoard
        kind={CONTRACT_KIND}
        title={t('contracts.title')}
        error={error}
        actions={
          <Button
            size="small"
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setOpen({ kind: 'contract' })}
          >
            {t('contracts.new')}
          </Button>
        }
        columns={board?.columns}
        move={move}
        onOpen={openCard}
        onAction={finishSigning}
      />
      {open?.kind === 'contract' && (
        <ContractDialog key={open.card?.id ?? 'new'} card={open.card} onClose={close} />
      )}
      {open?.kind === 'sign' && (
        <SignDialog card={open.card} to={open.to} perform={move.perform} onClose={close} />
      )}
      {open?.kind === 'terminate' && (
        <TerminateDialog card={open.card} perform={move.perform} onClose={close} />
      )}
    </>
  );
}
