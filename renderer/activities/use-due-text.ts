import { useMemo } from 'react';
import { useFormat } from '../i18n/format';
import { isStartOfDay, localIsoDate } from './local-day';

/**
 * A due time in words for the chosen language: just the time on the day shown, the date (and the
 * time, when one was given) otherwise. A due date without a time is saved as the day's start.
 */
export function useDueText() {
  const { language } = useFormat();
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
    const date = new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric' });
    const dateYear = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    return (at: number, now: number, sameDayAs?: string): string => {
      const untimed = isStartOfDay(at);
      if (sameDayAs !== undefined && localIsoDate(at) === sameDayAs) {
        return untimed ? '' : time.format(at);
      }
      const day = (
        new Date(at).getFullYear() === new Date(now).getFullYear() ? date : dateYear
      ).format(at);
      return untimed ? day : `${day} ${time.format(at)}`;
    };
  }, [language]);
}
