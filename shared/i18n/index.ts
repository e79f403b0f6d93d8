import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type { Messages } from './zh-CN';

/** The UI languages, in the order the language switch lists them. zh-CN is the first-class one. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const CATALOGS: Record<Language, Messages> = { 'zh-CN': zhCN, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start in: the person's saved choice, else English for an English-speaking
 * system, else zh-CN (the product's first language, also for every other system language).
 */
export function pickLanguage(
  saved: string | null | undefined,
  systemLanguage: string | undefined,
): Language {
  if (isLanguage(saved)) return saved;
  if (systemLanguage?.toLowerCase().startsWith('en')) return 'en';
  return DEFAULT_LANGUAGE;
}
