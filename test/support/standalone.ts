/**
 * The standalone server as the image runs it: `.next/standalone` with `.next/static` and `public`
 * copied in (the Dockerfile's COPY lines), started with the Dockerfile's ENV and CMD.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const STANDALONE = path.join(ROOT, '.next', 'standalone');

/** Copies what `next build` leaves out of the standalone folder, as the image's COPY lines do. */
export function prepareStandalone(): void {
  if (!fs.existsSync(path.join(STANDALONE, 'server.js')))
    throw new Error('.next/standalone/server.js is missing: is `output: standalone` set?');
  fs.cpSync(path.join(ROOT, '.next', 'static'), path.join(STANDALONE, '.next', 'static'), {
    recursive: true,
  });
  fs.cpSync(path.join(ROOT, 'public'), path.join(STANDALONE, 'public'), { recursive: true });
}

/** Returns the ENV and CMD of the Dockerfile's last stage (the image that runs). */
export function dockerfileRuntime(): { env: Record<string, string>; cmd: string[] } {
  const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const last = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const m of last.matchAll(/^ENV\s+([A-Z_][A-Z0-9_]*)=(\S+)\s*$/gm)) env[m[1]!] = m[2]!;
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(last)?.[1];
  if (!cmd) throw new Error('the Dockerfile has no CMD in exec form');
  return { env, cmd: JSON.parse(cmd) as string[] };
}

export interface Standalone {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string>;
}

/** Returns the image's CMD started in the standalone folder with `env` as its whole environment. */
export function spawnStandalone(env: Record<string, string>): Standalone {
  const { cmd } = dockerfileRuntime();
  // The image's `node` is this process's node (the Node 24 leg runs this test with Node 24).
  const [bin, ...args] = cmd;
  const child: ChildProcess = spawn(bin === 'node' ? process.execPath : bin!, args, {
    cwd: STANDALONE,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code: number | null, signal: string | null) =>
      resolve(code ?? signal ?? -1),
    ),
  );
  return { child, output: () => out, exited };
}
