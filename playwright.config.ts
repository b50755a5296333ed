import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { defineConfig, devices } from '@playwright/test';

// `npm test` picks free ports and passes them in; these defaults serve a plain `npx playwright test`.
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const registryPort = Number(process.env.E2E_REGISTRY_PORT ?? 5100);
const registry2Port = Number(process.env.E2E_REGISTRY2_PORT ?? 5101);
// A catalog-less proxy the browse spec starts while it runs; configured, because Manifold
// contacts only configured registries.
const proxyPort = Number(process.env.E2E_PROXY_PORT ?? 5102);
// A second Manifold with sign-in (OpenID Connect against a provider started on loopback).
const app2Port = Number(process.env.E2E_APP2_PORT ?? 3101);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 5190);
const dataDir = path.join(os.tmpdir(), `manifold-e2e-${appPort}`);
const signInConfig = path.join(os.tmpdir(), `manifold-e2e-signin-${app2Port}.yaml`);
fs.writeFileSync(
  signInConfig,
  [
    `publicUrl: http://127.0.0.1:${app2Port}`,
    'registries:',
    `  - host: 127.0.0.1:${registryPort}`,
    'auth:',
    '  oidc:',
    `    issuer: http://127.0.0.1:${oidcPort}`,
    '    clientId: manifold',
    '    clientSecret: manifold-test-secret',
    '    scopes: openid profile groups',
    '    name: Test IdP',
    'roles:',
    '  - { subject: "group:manifold-viewers", role: viewer }',
    '  - { subject: "group:manifold-editors", role: editor }',
    '  - { subject: "group:manifold-admins", role: admin }',
    '',
  ].join('\n'),
);

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: {
    timeout: 15_000,
    // Compared against images made on this kind of machine (Debian's Chromium, its fonts);
    // `npm run screenshots:update` makes them anew.
    toHaveScreenshot: { maxDiffPixelRatio: 0.002, animations: 'disabled', caret: 'hide' },
  },
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'list' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // Two real registries (the second for cross-registry copies), seeded with the demo images.
      command: `npx tsx scripts/e2e-registries.ts`,
      url: `http://127.0.0.1:${registryPort}/v2/demo/shazam/tags/list`,
      env: {
        E2E_REGISTRY_PORT: String(registryPort),
        E2E_REGISTRY2_PORT: String(registry2Port),
        E2E_DATA_DIR: dataDir,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/start.mjs -p ${appPort}`,
      url: `http://127.0.0.1:${appPort}/`,
      env: {
        MANIFOLD_REGISTRIES: `127.0.0.1:${registryPort},127.0.0.1:${registry2Port},127.0.0.1:${proxyPort}`,
        MANIFOLD_DATA_DIR: path.join(dataDir, 'app'),
        MANIFOLD_DOCKER_CREDENTIALS: 'false',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx tsx scripts/e2e-oidc.ts`,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      env: { E2E_OIDC_PORT: String(oidcPort), E2E_APP2_PORT: String(app2Port) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/start.mjs -p ${app2Port}`,
      url: `http://127.0.0.1:${app2Port}/sign-in`,
      env: {
        MANIFOLD_CONFIG: signInConfig,
        MANIFOLD_DATA_DIR: path.join(dataDir, 'app2'),
        MANIFOLD_DOCKER_CREDENTIALS: 'false',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
