import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ContractCard } from '../../shared/api/contracting-contract';
import { SIGNED_STAGES } from '../../shared/domain/contracts';
import { ellipsis, iconSx, OwnerRow, ValueDaysRow } from '../contracting/card-rows';
import { useCardFacts, type CardBodyProps } from '../contracting/kind';
import { UnfinishedNote } from '../stage-board/CardParts';

/** A signing stamped but not finished (contract-sign.ts): the card offers to finish it. */
export function signingUnfinished(card: ContractCard): boolean {
  return (
    card.deliveryId !== undefined &&
    !SIGNED_STAGES.includes(card.stage) &&
    card.stage !== 'terminated'
  );
}

/** The lines under the title: number and account, amount and days in stage, owner. */
export function ContractCardBody(props: CardBodyProps<ContractCard>) {
  const { card, now, agingDays } = props;
  const { t, format, days, aged, owner } = useCardFacts('contract', props);
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
            sx={{ fontWeight: 600, color: card.number ? 'text.primary' : 'text.secondary' }}
          >
            {card.number || t('contracts.card.noNumber')}
          </Box>
          {' · '}
          {card.accountName}
        </Typography>
      </Box>
      <ValueDaysRow
        value={format.money(card.amount)}
        days={days}
        aged={aged}
        agingDays={agingDays}
      />
      <OwnerRow owner={owner}>
        {card.signedOn && (
          <Box sx={{ fontSize: 12, color: 'text.secondary', flexShrink: 0 }}>
            {t('contracts.card.signedOn', { date: format.shortDate(card.signedOn, now) })}
          </Box>
        )}
      </OwnerRow>
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

/** A signing cut short: the card says so and offers to finish it (the signing dialog). */
export function UnfinishedSigning(props: {
  card: ContractCard;
  onAction(card: ContractCard): void;
}) {
  const { t } = useTranslation();
  if (!signingUnfinished(props.card)) return null;
  return (
    <UnfinishedNote
      text={t('contracts.card.unfinished')}
      action={t('contracts.card.finish')}
      onClick={() => props.onAction(props.card)}
    />
  );
}
