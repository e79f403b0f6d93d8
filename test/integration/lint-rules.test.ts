import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/**
 * Proves the folder import rules from ARCHITECTURE.md bite: each snippet is linted as if it were a
 * file in the named folder, with the project's real ESLint config. A wrong import must fail lint,
 * and a right one must pass, or the rule is only decoration.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return (result?.messages ?? [])
    .filter(
      (m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'import-x/no-restricted-paths',
    )
    .map((m) => m.message);
}

const wrong: [string, string, string][] = [
  ['shared/domain/bad.ts', "import { readFileSync } from 'node:fs';", 'isomorphic'],
  ['shared/domain/bad.ts', "import path from 'path';", 'isomorphic'],
  ['shared/core/bad.ts', "import { app } from 'electron';", 'isomorphic'],
  ['shared/core/bad.ts', "import { useState } from 'react';", 'isomorphic'],
  ['shared/core/bad.ts', "import Button from '@mui/material/Button';", 'isomorphic'],
  ['shared/api/bad.ts', "import { x } from '../../main/main';", 'shared/'],
  ['shared/api/bad.ts', "import { x } from '../../renderer/main';", 'shared/'],
  ['renderer/bad.ts', "import { ipcRenderer } from 'electron';", 'sandboxed'],
  ['renderer/bad.ts', "import fs from 'node:fs';", 'sandboxed'],
  ['renderer/bad.ts', "import { x } from '../main/main';", 'renderer/'],
  ['main/bad.ts', "import { x } from '../renderer/main';", 'main/'],
  ['main/bad.ts', "import { Button } from '@mui/material';", 'UI'],
  ['main/preload/bad.ts', "import { createRxDatabase } from 'rxdb';", 'window.ltc'],
  ['main/preload/bad.ts', "import { x } from '../main';", 'preload'],
  ['server/bad.ts', "import { app } from 'electron';", 'headless'],
  ['server/bad.ts', "import { x } from '../main/main';", 'server/'],
  ['renderer/stage-board/bad.ts', "import { x } from '../contracts/ContractsBoard';", 'board kit'],
  ['renderer/stage-board/bad.ts', "import { x } from '../leads/lead-text';", 'board kit'],
  ['renderer/stage-board/bad.ts', "import { x } from '../board/card-facts';", 'board kit'],
  ['renderer/stage-board/bad.ts', "import { x } from '../collections/invoice-dnd';", 'board kit'],
  ['renderer/stage-board/bad.ts', "import { x } from '../delivery/DeliveryBoard';", 'board kit'],
];

describe('folder import rules', () => {
  it.each(wrong)('%s: %s is refused', async (file, code, reason) => {
    const errors = await importErrors(file, `${code}\nexport const used = 1;\n`);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(reason);
  });

  it.each([
    ['shared/core/ok.ts', "import { newId } from '../domain/ids';"],
    ['main/ok.ts', "import { readFileSync } from 'node:fs';\nimport { app } from 'electron';"],
    ['main/ok.ts', "import { newId } from '../shared/domain/ids';"],
    [
      'renderer/ok.ts',
      "import { useState } from 'react';\nimport { newId } from '../shared/domain/ids';",
    ],
    [
      'main/preload/ok.ts',
      "import { contextBridge } from 'electron';\nimport type { LtcBridge } from '../../shared/api/crm-api';",
    ],
    ['server/ok.ts', "import { createServer } from 'node:http';"],
    [
      'renderer/stage-board/ok.ts',
      "import { crmErrorText } from '../i18n/error-text';\nimport { useRecordAccess } from '../access/use-actor';",
    ],
    ['renderer/leads/ok.ts', "import { BoardFrame } from '../stage-board/BoardFrame';"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await importErrors(file, `${code}\nexport const used = 1;\n`)).toEqual([]);
  });
});
