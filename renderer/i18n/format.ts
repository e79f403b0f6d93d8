import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n';
import { formatMoney, type Money } from '../../shared/domain';
import { currentLanguage } from './i18n';

export interface Formatters {
  language: Language;
  money(amount: Money): string;
  /** An ISO calendar date ("2026-12-31"): formatted as that day everywhere, whatever the time zone. */
  isoDate(iso: string): string;
  /** The same day, shorter: without the year when it is this year's ("9月30日", "Sep 30"). */
  shortDate(iso: string, now: number): string;
  /** An instant (epoch ms), in the person's own time zone. */
  dateTime(at: number): string;
}

export function makeFormatters(language: Language): Formatters {
  const dayFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortFormat = new Intl.DateTimeFormat(language, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const instantFormat = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return {
    language,
    money: (amount) => formatMoney(amount, language),
    isoDate: (iso) => {
      const day = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(day.getTime()) ? iso : dayFormat.format(day);
    },
    shortDate: (iso, now) => {
      const day = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(day.getTime())) return iso;
      return day.getUTCFullYear() === new Date(now).getFullYear()
        ? shortFormat.format(day)
        : dayFormat.format(day);
    },
    dateTime: (at) => instantFormat.format(at),
  };
}

/** Formatters for the current UI language; they change when the language does. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return useMemo(() => makeFormatters(language), [language]);
}
