// system-deps.mjs is plain JS (it runs before node_modules exist), so it is run here the way
// `npm run demo` and `npm test` run it: by node, in a child process.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

interface Plan {
  missing: string[];
  install: boolean;
  message?: string;
}

const MODULE = path.join(import.meta.dirname, 'system-deps.mjs');

/** Returns planSystemPackages(names, options) as computed by node; `present` lists installed tools. */
function plan(
  names: string[],
  options: { present?: string[]; isRoot: boolean; hasApt: boolean; alternativePort?: number },
): Plan {
  const script = `
    const m = await import(${JSON.stringify(MODULE)});
    const [names, o] = JSON.parse(process.argv[1]);
    const present = new Set(o.present ?? []);
    const result = m.planSystemPackages(names, {
      exists: (bin) => present.has(bin.split('/').pop()),
      isRoot: o.isRoot,
      hasApt: o.hasApt,
      ...(o.alternativePort ? { alternative: m.demoRegistryAlternative(o.alternativePort) } : {}),
    });
    process.stdout.write(JSON.stringify(result));
  `;
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify([names, options])],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Plan;
}

describe('planSystemPackages', () => {
  it('does nothing when every tool is installed', () => {
    expect(
      plan(['docker-registry', 'skopeo'], {
        present: ['docker-registry', 'skopeo'],
        isRoot: false,
        hasApt: false,
      }),
    ).toEqual({ missing: [], install: false });
  });

  it('installs only the missing packages with apt as root', () => {
    expect(
      plan(['docker-registry', 'skopeo', 'chromium'], {
        present: ['skopeo'],
        isRoot: true,
        hasApt: true,
      }),
    ).toEqual({ missing: ['docker-registry', 'chromium'], install: true });
  });

  it('prints the exact sudo apt command when not root', () => {
    const p = plan(['docker-registry', 'skopeo'], { isRoot: false, hasApt: true });
    expect(p.install).toBe(false);
    expect(p.message).toContain(
      "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends docker-registry skopeo'",
    );
  });

  it('without apt, names the packages, the Debian command and the docker alternative for the demo', () => {
    const p = plan(['docker-registry'], { isRoot: true, hasApt: false, alternativePort: 5000 });
    expect(p.install).toBe(false);
    expect(p.message).toContain('no apt-get');
    expect(p.message).toContain(
      'apt-get update && apt-get install -y --no-install-recommends docker-registry',
    );
    expect(p.message).toContain('docker run -d -p 5000:5000');
    expect(p.message).toContain('registry:2');
    expect(p.message).toContain('MANIFOLD_DEMO_EXTERNAL_REGISTRY=1 npm run demo');
  });

  it('maps the demo port into the docker alternative', () => {
    const p = plan(['docker-registry'], { isRoot: false, hasApt: false, alternativePort: 5999 });
    expect(p.message).toContain('docker run -d -p 5999:5000');
  });
});
