import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { MAX_LEAD_SCORE, type LeadGrade } from '../../shared/domain';
import { GRADE_COLOURS, gradeName } from './lead-text';

/** 热 / 温 / 冷 with the score behind it; an unscored lead says so, quietly. */
export function GradeChip({ grade, score }: { grade?: LeadGrade; score?: number }) {
  const { t } = useTranslation();
  if (!grade || score === undefined) {
    return (
      <Box component="span" sx={{ fontSize: 11.5, color: 'text.secondary', whiteSpace: 'nowrap' }}>
        {t('leads.unscored')}
      </Box>
    );
  }
  const colours = GRADE_COLOURS[grade];
  const title = t('leads.gradeTitle', { grade: gradeName(t, grade), score, max: MAX_LEAD_SCORE });
  return (
    <Tooltip title={title}>
      <Box
        component="span"
        data-grade={grade}
        role="img"
        aria-label={title}
        sx={{
          display: 'inline-flex',
          alignItems: 'baseline',
          gap: 0.5,
          px: 0.75,
          borderRadius: 1,
          fontSize: 12,
          fontWeight: 700,
          color: colours.fg,
          bgcolor: colours.bg,
          whiteSpace: 'nowrap',
        }}
      >
        <span aria-hidden>{gradeName(t, grade)}</span>
        <Box component="span" aria-hidden sx={{ fontWeight: 500, fontSize: 11 }}>
          {score}/{MAX_LEAD_SCORE}
        </Box>
      </Box>
    </Tooltip>
  );
}
