import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData, type LeadCard } from '../../shared/api';
import {
  leadGrade,
  leadScore,
  MAX_LEAD_SCORE,
  SCORE_ANSWERS,
  SCORECARD_CRITERIA,
  type LeadScorecard,
  type ScoreAnswer,
  type ScorecardCriterion,
} from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { crmErrorText } from '../i18n/error-text';
import { GradeChip } from './GradeChip';
import { gradeName } from './lead-text';

type Answers = Partial<Record<ScorecardCriterion, ScoreAnswer>>;

const complete = (answers: Answers): answers is LeadScorecard =>
  SCORECARD_CRITERIA.every((c) => answers[c] !== undefined);

/**
 * BANT in four taps: each question yes / partly / no, the score and grade updating as the rep
 * answers. Every question must be answered; the unanswered ones are named.
 */
export function ScorecardDialog({ card, onClose }: { card: LeadCard; onClose(): void }) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const [answers, setAnswers] = useState<Answers>(card.scorecard ?? {});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const missing = SCORECARD_CRITERIA.filter((c) => answers[c] === undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setTried(true);
    if (!complete(answers) || busy) return;
    setBusy(true);
    api
      .invoke('leads/score', { id: card.id, scorecard: answers })
      .then(() => {
        notify(
          t('leads.scorecard.saved', {
            company: card.company,
            grade: gradeName(t, leadGrade(answers)),
          }),
        );
        onClose();
      })
      .catch((error: unknown) => setFormError(crmErrorText(t, toCrmErrorData(error))))
      .finally(() => setBusy(false));
  };

  return (
    <FormDialog
      open
      title={t('leads.scorecard.title', { company: card.company })}
      subtitle={<Typography variant="body2">{t('leads.scorecard.intro')}</Typography>}
      form={{
        formRef: { current: null },
        onSubmit,
        busy,
        formError,
        blockingCount: tried ? missing.length : 0,
      }}
      submitLabel={t('leads.scorecard.submit')}
      onClose={onClose}
    >
      {SCORECARD_CRITERIA.map((criterion) => {
        const labelId = `scorecard-${criterion}`;
        const unanswered = tried && answers[criterion] === undefined;
        return (
          <Box
            key={criterion}
            sx={{ display: 'flex', alignItems: 'center', gap: 2, justifyContent: 'space-between' }}
          >
            <Box sx={{ minWidth: 0 }}>
              <Typography id={labelId} sx={{ fontWeight: 600, fontSize: 14 }}>
                {t(`leads.scorecard.criteria.${criterion}`)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t(`leads.scorecard.questions.${criterion}`)}
              </Typography>
              {unanswered && (
                <FormHelperText error>{t('leads.scorecard.unanswered')}</FormHelperText>
              )}
            </Box>
            <ToggleButtonGroup
              exclusive
              size="small"
              color="primary"
              value={answers[criterion] ?? null}
              onChange={(_e, value: ScoreAnswer | null) =>
                value && setAnswers((prev) => ({ ...prev, [criterion]: value }))
              }
              aria-labelledby={labelId}
              aria-invalid={unanswered || undefined}
              sx={{ flexShrink: 0 }}
            >
              {SCORE_ANSWERS.map((answer) => (
                <ToggleButton key={answer} value={answer} sx={{ px: 1.75 }}>
                  {t(`leads.scorecard.answers.${answer}`)}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        );
      })}
      <Box
        data-testid="scorecard-result"
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1.5,
          pt: 1,
          borderTop: 1,
          borderColor: 'divider',
        }}
      >
        <Typography sx={{ fontWeight: 700 }}>
          {t('leads.scorecard.result', {
            score: leadScore({
              budget: 'no',
              authority: 'no',
              need: 'no',
              timeline: 'no',
              ...answers,
            }),
            max: MAX_LEAD_SCORE,
          })}
        </Typography>
        {complete(answers) && <GradeChip grade={leadGrade(answers)} score={leadScore(answers)} />}
      </Box>
    </FormDialog>
  );
}
