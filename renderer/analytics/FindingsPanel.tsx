import TrendingDownIcon from '@mui/icons-material/TrendingDown';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { findingText, type BottleneckFinding, type StageLabel } from '../../shared/analytics';
import { PHASE_BOARD, useNavigate } from '../app/navigation';

export type SeverityLevel = 'high' | 'medium' | 'low';

/**
 * Severity is a ranking score (ratio to the next-slowest stage, or typical ÷ actual conversion,
 * see shared/analytics/bottlenecks.ts): 4× is a stage that clearly holds the flow up.
 */
export function severityLevel(severity: number): SeverityLevel {
  if (severity >= 4) return 'high';
  if (severity >= 2.5) return 'medium';
  return 'low';
}

const CHIP_COLOR = { high: 'error', medium: 'warning', low: 'default' } as const;
const MAX_SHOWN = 5;

/** The bottlenecks, most limiting first, as sentences a manager can act on. */
export function FindingsPanel(props: {
  findings: readonly BottleneckFinding[];
  stageLabel: StageLabel;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const shown = props.findings.slice(0, MAX_SHOWN);
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={t('analytics.dashboard.findings.title')}
      sx={{ p: 2, borderRadius: 2, borderColor: shown.length ? 'warning.light' : 'divider' }}
    >
      <Typography component="h2" sx={{ fontWeight: 700, fontSize: 16, mb: 1 }}>
        {t('analytics.dashboard.findings.title')}
      </Typography>
      {shown.length === 0 ? (
        <Typography sx={{ color: 'text.secondary', fontSize: 14 }}>
          {t('analytics.dashboard.findings.none')}
        </Typography>
      ) : (
        <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 1 }}>
          {shown.map((finding) => {
            const level = severityLevel(finding.severity);
            const Icon = finding.kind === 'dwell' ? HourglassBottomIcon : TrendingDownIcon;
            return (
              <Box
                component="li"
                key={`${finding.phase}-${finding.stage}-${finding.kind}`}
                sx={{ display: 'flex', alignItems: 'flex-start', gap: 1.25 }}
              >
                <Icon
                  fontSize="small"
                  aria-hidden
                  sx={{
                    mt: 0.25,
                    color: level === 'low' ? 'text.secondary' : `${CHIP_COLOR[level]}.main`,
                  }}
                />
                <Typography sx={{ flex: 1, fontSize: 14, lineHeight: 1.6 }}>
                  {findingText(t, finding, props.stageLabel)}
                </Typography>
                {navigate && (
                  <Button
                    size="small"
                    onClick={() => navigate(PHASE_BOARD[finding.phase])}
                    sx={{ py: 0, whiteSpace: 'nowrap' }}
                  >
                    {t('analytics.dashboard.findings.openBoard')}
                  </Button>
                )}
                <Chip
                  size="small"
                  label={t(`analytics.dashboard.findings.severity.${level}`)}
                  color={CHIP_COLOR[level]}
                  variant={level === 'low' ? 'outlined' : 'filled'}
                />
              </Box>
            );
          })}
        </Box>
      )}
    </Paper>
  );
}
