// `npm test`: everything, in the order that fails fastest: formatting, lint, typecheck, unit tests,
// integration tests against real registries, `next build`, real-process tests against that build
// (kill -9 mid-push, two writers at once), the Node 24 LTS leg (unit, integration and process
// tests again on the runtime the image ships, scripts/node24.mjs), then Playwright e2e.
// Set MANIFOLD_TEST_STEPS=unit,integration (etc.) to run a subset.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './free-port.mjs';
import { runVitest24 } from './node24.mjs';
import { ensureNodeModules, ensureSystemPackages } from './system-deps.mjs';

// A tool that holds registry credentials does not phone home: no Next.js telemetry, ever.
process.env.NEXT_TELEMETRY_DISABLED = '1';

const ALL = [
  'format',
  'lint',
  'typecheck',
  'unit',
  'integration',
  'build',
  'processes',
  'unit24',
  'integration24',
  'processes24',
  'e2e',
];
const steps = (process.env.MANIFOLD_TEST_STEPS ?? ALL.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const s of steps) {
  if (!ALL.includes(s)) {
    console.error(`Unknown test step "${s}" in MANIFOLD_TEST_STEPS; steps are ${ALL.join(', ')}`);
    process.exit(2);
  }
}

ensureSystemPackages(['docker-registry', 'skopeo', 'chromium', 'openssl']);
ensureNodeModules();

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-test-'));
const counts = { passed: 0, failed: 0, skipped: 0 };
const timings = [];

function run(name, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return r.status === 0;
}

function addVitest(file) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  counts.passed += r.numPassedTests ?? 0;
  counts.failed +=
    (r.numFailedTests ?? 0) +
    (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
  counts.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function addPlaywright(file) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  counts.passed += r.stats?.expected ?? 0;
  counts.failed += (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0);
  counts.skipped += r.stats?.skipped ?? 0;
}

let ok = true;
for (const step of steps) {
  if (!ok) break;
  switch (step) {
    case 'format':
      ok = run('format', 'npx', ['prettier', '--check', '.']);
      break;
    case 'lint':
      ok = run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
      break;
    case 'typecheck':
      ok = run('typecheck', 'npx', ['tsc', '--noEmit']);
      break;
    case 'unit':
    case 'integration':
    case 'processes': {
      const out = path.join(reportDir, `${step}.json`);
      ok = run(step, 'npx', [
        'vitest',
        'run',
        '--project',
        step,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${out}`,
      ]);
      addVitest(out);
      break;
    }
    case 'unit24':
    case 'integration24':
    case 'processes24': {
      const project = step.slice(0, -2);
      const out = path.join(reportDir, `${step}.json`);
      const started = Date.now();
      console.log(`\n=== ${step}: vitest --project ${project} on Node 24`);
      ok = runVitest24(project, [
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${out}`,
      ]);
      timings.push(`${step} ${((Date.now() - started) / 1000).toFixed(0)}s`);
      addVitest(out);
      break;
    }
    case 'build':
      ok = run('build', 'npx', ['next', 'build']);
      break;
    case 'e2e': {
      const out = path.join(reportDir, 'e2e.json');
      const env = {
        E2E_APP_PORT: String(await freePort()),
        E2E_REGISTRY_PORT: String(await freePort()),
        E2E_REGISTRY2_PORT: String(await freePort()),
        E2E_PROXY_PORT: String(await freePort()),
        E2E_APP2_PORT: String(await freePort()),
        E2E_OIDC_PORT: String(await freePort()),
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
      };
      // MANIFOLD_E2E_ARGS: extra Playwright arguments, e.g. one spec or --update-snapshots.
      const extra = (process.env.MANIFOLD_E2E_ARGS ?? '').split(/\s+/).filter(Boolean);
      ok = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json', ...extra], env);
      addPlaywright(out);
      break;
    }
  }
}

console.log(`\nSteps: ${timings.join(', ')}`);
if (!ok && counts.failed === 0) counts.failed = 1; // a failed lint/typecheck/build step counts as a failure
console.log(
  `tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`,
);
process.exit(ok ? 0 : 1);
