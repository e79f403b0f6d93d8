import type { i18n as I18n, TFunction } from 'i18next';
import type { HistoryRecordType, Money, Phase } from '../../shared/domain';
import { stageName } from '../i18n/error-text';
import type { Formatters } from '../i18n/format';
import { leadStageName } from '../leads/lead-text';

/*
 * How history entries read: field names, values and stage names in the UI's language. The log
 * stores values as short display strings (shared/core/field-changes.ts); these turn them back
 * into "¥12,000.00", "2026年3月1日" or "首付款、到货款 等 3 项" where the string still says what it was.
 */

/** A message looked up by a key made at run time; the typed `t` only takes literal keys. */
function dynamicText(i18n: I18n, key: string, options?: object): string | undefined {
  return i18n.exists(key) ? (i18n.t as (k: string, o?: object) => string)(key, options) : undefined;
}

/** The labels the record's own dialog uses, so the history says what the form says. */
const DIALOG_FIELDS: Partial<Record<HistoryRecordType, string>> = {
  opportunity: 'fields.opportunity',
  account: 'fields.account',
  contact: 'fields.contact',
  lead: 'leads.fields',
  activity: 'activities.fields',
};

export function fieldLabel(i18n: I18n, recordType: HistoryRecordType, field: string): string {
  const dialog = DIALOG_FIELDS[recordType];
  return (
    (dialog ? dynamicText(i18n, `${dialog}.${field}`) : undefined) ??
    dynamicText(i18n, `history.fields.${field}`) ??
    dynamicText(i18n, `sync.fields.${field}`) ??
    field
  );
}

/** Where each phase keeps its stage names (the contracts, delivery and collections sections). */
const STAGE_KEYS: Partial<Record<Phase, string>> = {
  contract: 'contracts.stages',
  delivery: 'delivery.stages',
  invoice: 'collections.stages',
};

/** A stage's name: the pipeline's own name for a firm's stage, else the translated built-in one. */
export function phaseStageName(
  i18n: I18n,
  t: TFunction,
  phase: Phase,
  stage: string,
  customName?: string,
): string {
  if (customName) return customName;
  if (phase === 'opportunity') return stageName(t, stage);
  if (phase === 'lead') return leadStageName(t, stage);
  const section = STAGE_KEYS[phase];
  return (section && dynamicText(i18n, `${section}.${stage}`)) || stage;
}

function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const { minor, currency } = value as Record<string, unknown>;
  return typeof minor === 'number' && typeof currency === 'string';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SCORE_CRITERIA = ['budget', 'authority', 'need', 'timeline'] as const;

export interface ValueContext {
  i18n: I18n;
  t: TFunction;
  format: Formatters;
  /** Names of accounts and contacts by id, so a reference reads as the name it points to. */
  names: ReadonlyMap<string, string>;
}

/** A list as its first names ("首付款、到货款 等 3 项"), or its length when items have no name. */
function listText(ctx: ValueContext, items: unknown[]): string {
  const { t } = ctx;
  const names = items
    .map((item) => {
      if (typeof item === 'string') return ctx.names.get(item) ?? item;
      if (typeof item !== 'object' || item === null) return undefined;
      const { name, description, label, stage } = item as Record<string, unknown>;
      const text = name ?? description ?? label ?? stage;
      return typeof text === 'string' ? text : undefined;
    })
    .filter((name): name is string => name !== undefined);
  if (names.length === 0 || names.length < items.length) {
    return t('history.values.items', { count: items.length });
  }
  const shown = names.slice(0, 3).join(t('history.listSeparator'));
  return names.length > 3 ? t('history.values.more', { list: shown, count: names.length }) : shown;
}

/** The BANT answers as "预算：是 · 决策权：部分 …". */
function scorecardText(ctx: ValueContext, card: Record<string, unknown>): string | undefined {
  if (!SCORE_CRITERIA.every((c) => typeof card[c] === 'string')) return undefined;
  return SCORE_CRITERIA.map((c) =>
    ctx.t('history.pair', {
      label: ctx.t(`leads.scorecard.criteria.${c}`),
      value: dynamicText(ctx.i18n, `leads.scorecard.answers.${String(card[c])}`) ?? String(card[c]),
    }),
  ).join(' · ');
}

function jsonText(ctx: ValueContext, value: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // Cut to fit the log: say so rather than show half a JSON document.
    return ctx.t('history.values.cut');
  }
  if (isMoney(parsed)) return ctx.format.money(parsed);
  if (Array.isArray(parsed)) return listText(ctx, parsed);
  if (typeof parsed === 'object' && parsed !== null) {
    return scorecardText(ctx, parsed as Record<string, unknown>) ?? value;
  }
  return value;
}

/** One stored value as a person reads it. */
export function valueText(ctx: ValueContext, field: string, value: string | undefined): string {
  const { t, format } = ctx;
  if (value === undefined) return t('history.values.empty');
  if (value === 'true' || value === 'false') {
    return value === 'true' ? t('history.values.yes') : t('history.values.no');
  }
  if (value.startsWith('{') || value.startsWith('[')) return jsonText(ctx, value);
  if (ISO_DATE.test(value)) return format.isoDate(value);
  if (/^\d+$/.test(value) && field.endsWith('At')) return format.dateTime(Number(value));
  if (field === 'probability') return `${value}%`;
  if (field.endsWith('Id')) return ctx.names.get(value) ?? value;
  return value;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When, as a person says it: "刚刚", "5 分钟前", "3 小时前", "2 天前"; a week or more back, the
 * date and time. The exact time is always there too, for a tooltip.
 */
export function whenText(
  t: TFunction,
  format: Formatters,
  at: number,
  now: number,
): { relative: string; absolute: string } {
  const absolute = format.dateTime(at);
  const ago = now - at;
  if (ago < MINUTE) return { relative: t('history.justNow'), absolute };
  const relative = new Intl.RelativeTimeFormat(format.language, { numeric: 'auto' });
  if (ago < HOUR)
    return { relative: relative.format(-Math.floor(ago / MINUTE), 'minute'), absolute };
  if (ago < DAY) return { relative: relative.format(-Math.floor(ago / HOUR), 'hour'), absolute };
  if (ago < 7 * DAY) return { relative: relative.format(-Math.floor(ago / DAY), 'day'), absolute };
  return { relative: absolute, absolute };
}
