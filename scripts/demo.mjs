// `npm run demo`: a fresh Debian machine to a running Manifold with demo images in one command.
// Installs node dependencies and the distribution registry when missing, then hands over to
// scripts/demo.ts (which needs the node dependencies to run).
import { spawn } from 'node:child_process';

import {
  demoRegistryAlternative,
  ensureNodeModules,
  ensureSystemPackages,
} from './system-deps.mjs';

const port = Number(process.env.MANIFOLD_DEMO_REGISTRY_PORT ?? 5000);

/** Returns true when a registry already answers on 127.0.0.1:port (then demo.ts uses it as is). */
async function registryAnswers() {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200 || res.status === 401;
  } catch {
    return false;
  }
}

ensureNodeModules();
// The docker-registry package is only needed when the demo starts the registry itself.
if (!process.env.MANIFOLD_DEMO_EXTERNAL_REGISTRY && !(await registryAnswers())) {
  ensureSystemPackages(['docker-registry'], { alternative: demoRegistryAlternative(port) });
}
const child = spawn('npx', ['tsx', 'scripts/demo.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
