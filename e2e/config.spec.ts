import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from './support/fixtures';

import { freePort } from '../test/support/free-port';

/** Starts `next start` with the given environment and resolves with its exit code and output. */
function startServer(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  return freePort().then(
    (port) =>
      new Promise((resolve) => {
        const child = spawn('node', ['scripts/start.mjs', '-p', String(port), ...args], {
          env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
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

test('listening on 0.0.0.0 without sign-in refuses to start, naming the setting; auth: none allows it', async () => {
  const open = await startServer({}, ['-H', '0.0.0.0']);
  expect(open.code).toBe(1);
  expect(open.output).toContain('Manifold cannot start');
  expect(open.output).toContain('would listen on 0.0.0.0 without sign-in');
  expect(open.output).toContain('auth: none');

  const viaEnv = await startServer({ HOSTNAME: '0.0.0.0' });
  expect(viaEnv.code).toBe(1);
  expect(viaEnv.output).toContain('would listen on 0.0.0.0 without sign-in');
});
