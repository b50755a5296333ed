// Makes sure the Debian packages the demo and the tests use are installed: installs them with
// apt when running as root, otherwise stops and names the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const PACKAGES = {
  'docker-registry': { bin: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  skopeo: { bin: '/usr/bin/skopeo', pkg: 'skopeo' },
  chromium: { bin: '/usr/bin/chromium', pkg: 'chromium' },
  openssl: { bin: '/usr/bin/openssl', pkg: 'openssl' },
};

/** Returns the apt command that installs `missing` (Debian package names). */
export function aptCommand(missing) {
  return `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
}

/**
 * Returns what to do about the named tools: nothing, install `missing` with apt (root with apt-get),
 * or stop with `message`, which says exactly what to run. `exists`, `isRoot` and `hasApt` default
 * to this machine's answers.
 */
export function planSystemPackages(names, options = {}) {
  const exists = options.exists ?? fs.existsSync;
  const missing = names.filter((n) => !exists(PACKAGES[n].bin)).map((n) => PACKAGES[n].pkg);
  if (missing.length === 0) return { missing, install: false };
  const isRoot = options.isRoot ?? (typeof process.getuid === 'function' && process.getuid() === 0);
  const hasApt =
    options.hasApt ??
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) return { missing, install: true };
  const lines = [`Manifold needs these system packages: ${missing.join(', ')}.`];
  if (hasApt) lines.push(`Install them with:\n\n  sudo sh -c '${aptCommand(missing)}'\n`);
  else {
    lines.push(
      `This machine has no apt-get. Install ${missing.join(', ')} with your package manager ` +
        `(on Debian or Ubuntu, as root: ${aptCommand(missing)}).`,
    );
  }
  if (options.alternative) lines.push(options.alternative);
  return { missing, install: false, message: `\n${lines.join('\n')}` };
}

/** Returns the demo's way around a missing docker-registry package: any registry on `port`. */
export function demoRegistryAlternative(port = 5000) {
  return (
    `Alternatively run any OCI registry on port ${port} yourself, e.g.\n\n` +
    `  docker run -d -p ${port}:5000 -e REGISTRY_STORAGE_DELETE_ENABLED=true registry:2\n\n` +
    `then run: MANIFOLD_DEMO_EXTERNAL_REGISTRY=1 npm run demo\n`
  );
}

/** Installs the missing ones of the named tools, or exits with the apt command to run. */
export function ensureSystemPackages(names, { alternative } = {}) {
  const plan = planSystemPackages(names, { alternative });
  if (plan.missing.length === 0) return;
  if (!plan.install) {
    console.error(plan.message);
    process.exit(1);
  }
  const { missing } = plan;
  console.log(`Installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env,
    });
  } catch {
    console.error(`\napt-get failed. Run it yourself:\n\n  ${aptCommand(missing)}\n`);
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
