import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * How easy a password is to guess, estimated by zxcvbn (common passwords, dictionary words,
 * keyboard walks, dates, repeats, and the person's own name and username), on its 0–4 scale.
 * Below 3 ("safely unguessable: moderate protection from offline attacks") a new password is
 * refused: `password` and `12345678` score 0.
 */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

/** Built on first use: the dictionaries take a moment and some memory. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Words a guesser would try first for this person: their username, name and the product's. */
function personalWords(words: readonly string[]): string[] {
  return [...words, 'ltc', 'desk', 'ltcdesk'].filter((word) => word.trim() !== '');
}

/** Why the password is too easy to guess (zxcvbn's own hint, in English), or undefined. */
export function passwordWeakness(password: string, about: readonly string[]): string | undefined {
  const result = estimator().check(password, personalWords(about));
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  return result.feedback.warning ?? result.feedback.suggestions[0] ?? 'it is easy to guess';
}
