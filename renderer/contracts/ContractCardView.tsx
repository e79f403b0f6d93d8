import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Alert from '@mui/material/Alert';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractCard } from '../../shared/api/contracting-contract';
import { SIGNED_STAGES } from '../../shared/domain/contracts';
import { CONTRACT_STAGES, isTerminal, type ContractStage } from '../../shared/domain';
import { AgingDays } from '../board/AgingDays';
import { isAged } from '../board/board-filter';
import { daysInStage, ownerLabel } from '../board/card-facts';
import { useFormat } from '../i18n/format';
import { contractStageName } from './contract-text';
import { StageCard } from './StageCard';
import { StageMoveMenu } from './StageMoveMenu';
import type { StageMoveProblem } from './use-stage-move';

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const iconSx = { fontSize: 14, color: 'text.disabled', flexShrink: 0 } as const;

/** Past the board's aging threshold in an open stage (a finished contract's days are history). */
export function contractAged(
  card: ContractCard,
  now: number,
  agingDays: number | undefined,
): boolean {
  return (
    agingDays !== undefined &&
    !isTerminal('contract', card.stage) &&
    isAged(card.stageEnteredAt, now, agingDays)
  );
}

/** A signing stamped but not finished (contract-sign.ts): the card offers to finish it. */
export function signingUnfinished(card: ContractCard): boolean {
  return (
    card.deliveryId !== undefined &&
    !SIGNED_STAGES.includes(card.stage) &&
    card.stage !== 'terminated'
  );
}

/** The lines under the title: number and account, amount and days in stage, owner. */
export function ContractCardBody({
  card,
  now,
  me,
  agingDays,
}: {
  card: ContractCard;
  now: number;
  me?: string;
  /** The board's aging threshold: past it in an open stage, the days turn amber. */
  agingDays?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = daysInStage(card, now);
  const aged = contractAged(card, now, agingDays);
  const owner = ownerLabel(t, card, me);
  return (
    <>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 0.5,
          mt: 0.25,
          color: 'text.secondary',
          minWidth: 0,
        }}
      >
        <BusinessOutlinedIcon sx={iconSx} />
        <Typography variant="body2" sx={{ ...ellipsis, fontSize: 12.5 }}>
          <Box
            component="span"
            sx={{ fontWeight: 600, color: card.number ? 'text.primary' : 'text.disabled' }}
          >
            {card.number || t('contracts.card.noNumber')}
          </Box>
          {' · '}
          {card.accountName}
        </Typography>
      </Box>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 0.5,
          // A narrow column wraps the days under the amount rather than cut the amount.
          flexWrap: 'wrap',
          mt: 0.75,
        }}
      >
        <Typography variant="body2" sx={{ fontWeight: 700, fontSize: 13.5, whiteSpace: 'nowrap' }}>
          {format.money(card.amount)}
        </Typography>
        <Box
          title={aged ? undefined : t('card.daysInStage', { count: days })}
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 0.5,
            fontSize: 12,
            color: 'text.secondary',
            flexShrink: 0,
            ml: 'auto',
          }}
        >
          {aged ? (
            <AgingDays days={days} limit={agingDays ?? 0} aged />
          ) : (
            <>
              <HourglassBottomIcon sx={{ ...iconSx, color: 'inherit', fontSize: 13 }} />
              {t('card.daysShort', { count: days })}
            </>
          )}
        </Box>
      </Box>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 1,
          mt: 0.75,
        }}
      >
        <Box
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 0.5,
            fontSize: 12,
            color: 'text.secondary',
            minWidth: 0,
          }}
        >
          <Avatar
            sx={{ width: 18, height: 18, fontSize: 10.5, bgcolor: 'secondary.light' }}
            aria-hidden
          >
            {owner.slice(0, 1).toUpperCase()}
          </Avatar>
          <Box component="span" sx={ellipsis} aria-label={`${t('card.owner')}: ${owner}`}>
            {owner}
          </Box>
        </Box>
        {card.signedOn && (
          <Box sx={{ fontSize: 12, color: 'text.secondary', flexShrink: 0 }}>
            {t('contracts.card.signedOn', { date: format.shortDate(card.signedOn, now) })}
          </Box>
        )}
      </Box>
      {card.stage === 'terminated' && card.terminatedReason && (
        <Typography
          variant="body2"
          sx={{ mt: 0.75, fontSize: 12, color: 'text.secondary', ...ellipsis }}
        >
          {t('contracts.card.terminatedReason', { reason: card.terminatedReason })}
        </Typography>
      )}
    </>
  );
}

interface ContractCardViewProps {
  card: ContractCard;
  now: number;
  me?: string;
  /** The board's aging threshold in days. */
  agingDays?: number;
  moving: boolean;
  problem: StageMoveProblem | undefined;
  onOpen(card: ContractCard): void;
  onMove(card: ContractCard, to: ContractStage): void;
  onFinishSigning(card: ContractCard): void;
  onDismissProblem(id: string): void;
}

export const ContractCardView = memo(function ContractCardView(props: ContractCardViewProps) {
  const { t } = useTranslation();
  const { card } = props;
  const unfinished = signingUnfinished(card);
  return (
    <StageCard
      phase="contract"
      card={{ id: card.id, title: card.title, stage: card.stage }}
      label={t('contracts.card.label', { title: card.title })}
      openLabel={t('contracts.card.open', { title: card.title })}
      moving={props.moving}
      problem={props.problem}
      aged={contractAged(card, props.now, props.agingDays)}
      warn={unfinished}
      onOpen={() => props.onOpen(card)}
      onFix={() => props.onOpen(card)}
      onDismissProblem={() => props.onDismissProblem(card.id)}
      menu={
        <StageMoveMenu
          label={t('contracts.menu.label', { title: card.title })}
          stages={CONTRACT_STAGES}
          current={card.stage}
          firstTerminal="completed"
          stageName={(stage) => contractStageName(t, stage)}
          onMove={(to) => props.onMove(card, to)}
          history={{ recordType: 'contract', recordId: card.id, title: card.title }}
        />
      }
    >
      <ContractCardBody card={card} now={props.now} me={props.me} agingDays={props.agingDays} />
      {unfinished && (
        <Alert severity="warning" icon={false} sx={{ mt: 1, py: 0, px: 1 }}>
          {t('contracts.card.unfinished')}
          <Button
            size="small"
            variant="outlined"
            color="warning"
            data-card-action
            onClick={() => props.onFinishSigning(card)}
            sx={{ display: 'block', mt: 0.5, py: 0, bgcolor: 'background.paper' }}
          >
            {t('contracts.card.finish')}
          </Button>
        </Alert>
      )}
    </StageCard>
  );
});
