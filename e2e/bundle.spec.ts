import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { browserChunks, pageBundles } from '../scripts/bundle-size';

// What the browser is sent, read from the `next build` this run serves: no server-only code (Node's
// crypto or Buffer polyfilled for the browser, undici, SQLite), and no page heavier than the budget.

/** Strings that survive minification and only exist in server-side code or its browser polyfills. */
const SERVER_ONLY: Array<[string, string]> = [
  ['Buffer polyfill', 'Attempt to access memory outside buffer bounds'],
  ['Buffer polyfill', 'Unknown encoding: '],
  ['crypto polyfill (hash-base)', 'Digest already called'],
  ['crypto polyfill (asn1.js)', 'asn1'],
  ['undici', 'UND_ERR_'],
  ['better-sqlite3', 'better-sqlite3'],
  ['a node: import', '"node:crypto"'],
  ['a node: import', '"node:fs"'],
];
/**
 * The heaviest page may load this much JavaScript, gzipped, in the bench's unit (kB = 1000 bytes):
 * the page-weight target. The draft page once needed 297 kB; zod on every page cost 30 kB.
 */
const BUDGET_BYTES = 200_000;
/** zod's base schema class name, a string that survives minification. */
const ZOD_MARKER = '"$ZodType"';

test('no server-only code reaches the browser chunks', () => {
  const chunks = browserChunks();
  expect(chunks.length).toBeGreaterThan(0);
  const found: string[] = [];
  for (const file of chunks) {
    const text = fs.readFileSync(file, 'utf8');
    for (const [what, marker] of SERVER_ONLY)
      if (text.includes(marker)) found.push(`${path.basename(file)}: ${what} (“${marker}”)`);
  }
  expect(found, found.join('\n')).toEqual([]);

  // The markers are real: the server build does contain undici's.
  const serverDir = path.join('.next', 'server', 'chunks');
  const serverHasUndici = fs
    .readdirSync(serverDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .some((f) => fs.readFileSync(path.join(serverDir, f), 'utf8').includes('UND_ERR_'));
  expect(serverHasUndici).toBe(true);
});

test('every page’s first-load JavaScript stays within the budget', () => {
  const pages = pageBundles();
  expect(pages.map((p) => p.route)).toEqual(
    expect.arrayContaining(['/', '/drafts/[id]', '/image/[...ref]', '/repo/[host]/[...name]']),
  );
  const over = pages.filter((p) => p.gzipBytes > BUDGET_BYTES);
  expect(
    over.map((p) => `${p.route}: ${(p.gzipBytes / 1000).toFixed(1)} kB`),
    `budget ${BUDGET_BYTES / 1000} kB`,
  ).toEqual([]);
});

test('no page loads zod’s schemas up front', () => {
  // Pages format and validate with small helpers; the server parses with zod. A client component
  // importing a module that also builds schemas (lib/coverage/params did) ships all of zod.
  const withZod = pageBundles()
    .map((p) => ({
      route: p.route,
      files: p.files.filter((f) =>
        fs.readFileSync(path.join('.next', f), 'utf8').includes(ZOD_MARKER),
      ),
    }))
    .filter((p) => p.files.length > 0)
    .map((p) => `${p.route}: ${p.files.join(', ')}`);
  expect(withZod, withZod.join('\n')).toEqual([]);

  // The marker is real: the server build does contain it.
  const serverDir = path.join('.next', 'server', 'chunks');
  const serverHasZod = fs
    .readdirSync(serverDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .some((f) => fs.readFileSync(path.join(serverDir, f), 'utf8').includes(ZOD_MARKER));
  expect(serverHasZod).toBe(true);
});
