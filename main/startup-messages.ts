import { CATALOGS, type Language } from '../shared/i18n';
import type { StartupProblem } from './profile-database';

export interface StartupMessage {
  title: string;
  detail: string;
}

/** `{{name}}` placeholders, as i18next writes them in the catalogs. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * What the person is told about their data file, before any window exists (so main shows it in a
 * native dialog). Always names the file, so support can find it.
 */
export function startupMessage(problem: StartupProblem, language: Language): StartupMessage {
  const texts = CATALOGS[language].startup;
  switch (problem.code) {
    case 'unreadableMovedAside':
      return {
        title: texts.unreadableTitle,
        detail: fill(texts.unreadableDetail, { movedTo: problem.movedTo }),
      };
    case 'newerVersion':
      return {
        title: texts.newerVersionTitle,
        detail: fill(texts.newerVersionDetail, { filePath: problem.filePath }),
      };
  }
}
