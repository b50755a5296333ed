import path from 'node:path';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The project's own eslint.config.mjs, run through ESLint's Node API on snippets linted as if they
// were real files of lib/ (lintText reads the snippet, not the file on disk):
// proves that `npm test` (which runs eslint) fails on a boundary or size violation.
const root = path.resolve(import.meta.dirname, '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('eslint guard rails', () => {
  it('refuses an import of components/ or app/ from lib/', async () => {
    const messages = await lint(
      "import { Button } from '@/components/ui/button';\n\nexport const b: unknown = Button;\n",
      'lib/paths.ts',
    );
    expect(messages).toContainEqual(expect.stringMatching(/^no-restricted-imports: .*components/));
    const relative = await lint(
      "import { metadata } from '../../app/layout';\n\nexport const m: unknown = metadata;\n",
      'lib/paths.ts',
    );
    expect(relative).toContainEqual(expect.stringMatching(/^no-restricted-imports: /));
  }, 120_000);

  it('refuses undici outside the registry transport', async () => {
    const messages = await lint(
      "import { Agent } from 'undici';\n\nexport const a: unknown = Agent;\n",
      'lib/server/browse-input.ts',
    );
    expect(messages).toContainEqual(expect.stringMatching(/^no-restricted-imports: .*undici/));
  }, 120_000);

  it('refuses a file over 300 lines and a function over 80 in lib/, lib/registry and components/', async () => {
    const body = Array.from({ length: 85 }, (_, i) => `  total += ${i};`).join('\n');
    const fn = `export function long(): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
    const filler = Array.from({ length: 230 }, (_, i) => `export const c${i} = ${i};`).join('\n');
    for (const file of ['lib/paths.ts', 'lib/registry/ops/inspect.ts', 'components/ui/badge.tsx']) {
      const messages = await lint(`${fn}\n${filler}\n`, file);
      expect(messages, file).toContainEqual(
        expect.stringMatching(/^max-lines-per-function: .*'long'/),
      );
      expect(messages, file).toContainEqual(expect.stringMatching(/^max-lines: /));
    }
    // Tests may be long.
    const inTest = await lint(`${fn}\n${filler}\n`, 'lib/registry/ops/inspect.test.ts');
    expect(inTest.filter((m) => m.startsWith('max-lines'))).toEqual([]);
  }, 120_000);

  it('accepts the same code where the rules allow it', async () => {
    const ok = await lint(
      "import { Button } from '@/components/ui/button';\n\nexport const b: unknown = Button;\n",
      'components/ui/badge.tsx',
    );
    expect(ok.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  }, 120_000);
});
