import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { declarationOf, isRoute } from './route';

vi.mock('server-only', () => ({}));

const API = path.resolve(import.meta.dirname, '../../app/api');
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** What Next lets a route module export besides its methods (route segment config). */
const CONFIG = new Set([
  'dynamic',
  'dynamicParams',
  'revalidate',
  'fetchCache',
  'runtime',
  'preferredRegion',
  'maxDuration',
]);

async function routeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /^route\.(ts|tsx|js|mjs)$/.test(e.name))
    .map((e) => path.relative(API, path.join(e.parentPath, e.name)))
    .sort();
}

describe('every app/api route goes through the door', async () => {
  const files = await routeFiles(API);

  it('finds the routes', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(files).toContain(path.join('images', 'retag', 'route.ts'));
  });

  it.each(files)('%s exports only methods built by route()', async (file) => {
    const mod = (await import(path.join(API, file))) as Record<string, unknown>;
    const methods = Object.keys(mod).filter((name) => METHODS.has(name));
    expect(methods.length).toBeGreaterThan(0);
    for (const name of Object.keys(mod)) {
      if (METHODS.has(name)) {
        expect(isRoute(mod[name]), `${file} ${name}`).toBe(true);
        // Every handler says what it touches (or that it is a sign-in route): none is unchecked.
        expect(declarationOf(mod[name]), `${file} ${name}`).toMatch(
          /^(resources|filtered|own|public)$/,
        );
      } else expect(CONFIG.has(name), `${file} exports ${name}`).toBe(true);
    }
  });
});
