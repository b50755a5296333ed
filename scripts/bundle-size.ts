// First-load JavaScript per page, read from the `.next` build output (no server needed): the
// root chunks every page loads plus the chunks of the page's own entries (layouts, page, error
// and loading boundaries), each file gzipped once. Used by `npm run bench` and the bundle test.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

/** One page's first-load JavaScript: its chunk files and their total gzipped size. */
export interface PageBundle {
  route: string;
  files: string[];
  gzipBytes: number;
}

type Manifest = { entryJSFiles?: Record<string, string[]> };

function findManifests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findManifests(full, out);
    else if (entry.name === 'page_client-reference-manifest.js') out.push(full);
  }
  return out;
}

function loadManifest(file: string): Manifest {
  const sandbox: { __RSC_MANIFEST?: Record<string, Manifest>; globalThis?: unknown } = {};
  sandbox.globalThis = sandbox;
  // The manifest is a script assigning to globalThis.__RSC_MANIFEST; run it in an empty context.
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox);
  return Object.values(sandbox.__RSC_MANIFEST ?? {})[0] ?? {};
}

/** Returns the first-load JavaScript of every app page in a `.next` build; throws when there is no build. */
export function pageBundles(nextDir = '.next'): PageBundle[] {
  const build = JSON.parse(fs.readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const appDir = path.join(nextDir, 'server', 'app');
  const sizes = new Map<string, number>();
  const gz = (file: string): number => {
    let n = sizes.get(file);
    if (n === undefined) {
      n = gzipSync(fs.readFileSync(path.join(nextDir, file))).length;
      sizes.set(file, n);
    }
    return n;
  };
  return findManifests(appDir)
    .map((file) => {
      const route =
        '/' + path.relative(appDir, path.dirname(file)).split(path.sep).filter(Boolean).join('/');
      const manifest = loadManifest(file);
      const entries = Object.entries(manifest.entryJSFiles ?? {})
        .filter(([name]) => name.startsWith('[project]/app/'))
        .flatMap(([, files]) => files);
      const files = [...new Set([...build.rootMainFiles, ...entries])];
      return { route, files, gzipBytes: files.reduce((n, f) => n + gz(f), 0) };
    })
    .filter((b) => !b.route.startsWith('/_'))
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** Returns the JavaScript files under `.next/static` (everything a browser can be sent). */
export function browserChunks(nextDir = '.next'): string[] {
  const dir = path.join(nextDir, 'static', 'chunks');
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.js')) out.push(full);
    }
  };
  walk(dir);
  return out;
}
