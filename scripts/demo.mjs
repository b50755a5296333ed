// `npm run demo`: a fresh Debian machine to a running Manifold with demo images in one command.
// Installs node dependencies and the distribution registry when missing, then hands over to
// scripts/demo.ts (which needs the node dependencies to run).
import { spawn } from 'node:child_process';

import { ensureNodeModules, ensureSystemPackages } from './system-deps.mjs';

ensureNodeModules();
ensureSystemPackages(['docker-registry'], {
  alternative:
    'Alternatively run any OCI registry on port 5000 yourself, e.g.\n\n  docker run -d -p 5000:5000 -e REGISTRY_STORAGE_DELETE_ENABLED=true registry:2\n\nthen run: MANIFOLD_DEMO_EXTERNAL_REGISTRY=1 npm run demo\n',
});
const child = spawn('npx', ['tsx', 'scripts/demo.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
