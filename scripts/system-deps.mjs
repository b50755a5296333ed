// Makes sure the Debian packages the demo and the tests use are installed: installs them with
// apt when running as root, otherwise stops and names the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const PACKAGES = {
  'docker-registry': { bin: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  skopeo: { bin: '/usr/bin/skopeo', pkg: 'skopeo' },
  chromium: { bin: '/usr/bin/chromium', pkg: 'chromium' },
  openssl: { bin: '/usr/bin/openssl', pkg: 'openssl' },
};

/** Installs the missing ones of the named tools, or exits with the apt command to run. */
export function ensureSystemPackages(names, { alternative } = {}) {
  const missing = names.filter((n) => !fs.existsSync(PACKAGES[n].bin)).map((n) => PACKAGES[n].pkg);
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`\nManifold needs these system packages: ${missing.join(', ')}.`);
    console.error(hasApt ? `Install them with:\n\n  sudo sh -c '${cmd}'\n` : 'This machine has no apt-get: install them with your package manager.');
    if (alternative) console.error(alternative);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  } catch {
    console.error(`\napt-get failed. Run it yourself:\n\n  ${cmd}\n`);
    if (alternative) console.error(alternative);
    process.exit(1);
  }
}

/** Runs `npm ci` (or `npm install` without a lock) when node_modules is missing or older than the lock. */
export function ensureNodeModules() {
  const lock = fs.existsSync('package-lock.json') ? fs.statSync('package-lock.json').mtimeMs : 0;
  const marker = 'node_modules/.package-lock.json';
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= lock) return;
  console.log('Installing node dependencies…');
  execFileSync('npm', [lock ? 'ci' : 'install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
