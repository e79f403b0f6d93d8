import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { stageName } from '../i18n/error-text';

interface ApprovalActions {
  canApprove: boolean;
  approve(card: OpportunityCard, stage: string): void;
}

const ApprovalActionsContext = createContext<ApprovalActions>({
  canApprove: false,
  approve: () => undefined,
});

/** The board provides who may approve and how, so a card needs no extra props for it. */
export function ApprovalActionsProvider({
  value,
  children,
}: {
  value: ApprovalActions;
  children: ReactNode;
}) {
  return (
    <ApprovalActionsContext.Provider value={value}>{children}</ApprovalActionsContext.Provider>
  );
}

/**
 * A card's approval state, at a glance: awaiting (with "Approve" for a manager), approved, or
 * refused. Nothing for a card without approvals.
 */
export function ApprovalChip({ card }: { card: OpportunityCard }) {
  const { t } = useTranslation();
  const { canApprove, approve } = useContext(ApprovalActionsContext);
  const approvals = card.approvals ?? [];
  if (approvals.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5, mt: 0.75 }}>
      {approvals.map((approval) => {
        const stage = stageName(t, approval.stage);
        const key = `${approval.stage}-${approval.status}`;
        if (approval.status === 'requested') {
          return (
            // Wraps, and the chip may shorten: at a narrow column (English at 1366 px) the chip
            // and "Approve" do not fit on one line, and the button must not leave the card.
            <Box
              key={key}
              sx={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'center',
                gap: 0.5,
                minWidth: 0,
              }}
            >
              <Chip
                size="small"
                color="warning"
                variant="outlined"
                sx={{ maxWidth: '100%' }}
                label={t('pipelines.approval.awaiting', { stage })}
                data-testid="approval-chip"
              />
              {canApprove && (
                <Button
                  size="small"
                  data-card-action
                  aria-label={t('pipelines.approval.approveLabel', { title: card.title, stage })}
                  onClick={() => approve(card, approval.stage)}
                  sx={{ minWidth: 0, py: 0, px: 0.75, fontSize: 12 }}
                >
                  {t('pipelines.approval.approve')}
                </Button>
              )}
            </Box>
          );
        }
        return (
          <Chip
            key={key}
            size="small"
            color={approval.status === 'approved' ? 'success' : 'error'}
            variant="outlined"
            data-testid="approval-chip"
            label={t(
              approval.status === 'approved'
                ? 'pipelines.approval.approvedChip'
                : 'pipelines.approval.rejectedChip',
              { stage },
            )}
          />
        );
      })}
    </Box>
  );
}
