import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { freePort } from '../test/support/free-port';

/** Starts `next start` with the given environment and resolves with its exit code and output. */
function startServer(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return freePort().then(
    (port) =>
      new Promise((resolve) => {
        const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (b: Buffer) => (output += b.toString()));
        child.stderr.on('data', (b: Buffer) => (output += b.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, output });
        });
      }),
  );
}

test('a bad configuration stops the server with a message naming the key and value', async () => {
  const bad = await startServer({ MANIFOLD_REGISTRIES: 'localhost:5000,not a host!' });
  expect(bad.code).toBe(1);
  expect(bad.output).toContain('Manifold cannot start');
  expect(bad.output).toContain('MANIFOLD_REGISTRIES="not a host!"');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-badcfg-'));
  const file = path.join(dir, 'manifold.yaml');
  fs.writeFileSync(file, 'registries:\n  - host: localhost:5000\n    insecure: maybe\n');
  const badFile = await startServer({ MANIFOLD_CONFIG: file });
  expect(badFile.code).toBe(1);
  expect(badFile.output).toContain('registries.0.insecure="maybe"');
});
