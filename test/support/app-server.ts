/**
 * A real production Manifold (`next build` once, then `next start`) in its own process, for tests
 * and scripts that need what only a real server shows: a `kill -9`, a restart on the same data,
 * two clients at once, memory under load.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { freePort } from './free-port';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
// What a production build is made of: a change in any of these makes .next stale.
const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.mjs',
  'package.json',
  'proxy.ts',
  'instrumentation.ts',
  'instrumentation-node.ts',
];

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Returns true when `.next` holds a production build newer than every source file. */
export function buildIsFresh(): boolean {
  const id = path.join(ROOT, '.next', 'BUILD_ID');
  if (!fs.existsSync(id)) return false;
  const built = fs.statSync(id).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

/** Runs `next build` unless `.next` is fresh (MANIFOLD_REBUILD=1 forces it); throws when it fails. */
export function ensureProductionBuild(): void {
  if (process.env.MANIFOLD_REBUILD !== '1' && buildIsFresh()) return;
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface AppServer {
  url: string;
  port: number;
  /** PID of the `next start` process. */
  pid(): number;
  /** What the server printed (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGKILL, no cleanup: what a crash or an OOM kill does. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Starts it again on the same port, data directory and environment. */
  restart(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export interface StartAppOptions {
  dataDir: string;
  /** Registries the server knows (MANIFOLD_REGISTRIES). */
  registries: string[];
  env?: Record<string, string>;
  port?: number;
}

/** Returns a started production server (build it first with ensureProductionBuild). */
export async function startAppServer(opts: StartAppOptions): Promise<AppServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let out = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production' as const,
    MANIFOLD_REGISTRIES: opts.registries.join(','),
    MANIFOLD_DATA_DIR: opts.dataDir,
    MANIFOLD_DOCKER_CREDENTIALS: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    ...opts.env,
  };

  const launch = async (): Promise<void> => {
    const c = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (c.exitCode !== null) throw new Error(`next start exited ${c.exitCode}:\n${out}`);
      try {
        const res = await fetch(`${url}/api/activity?limit=1`, {
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        if (res.status < 500) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`next start did not answer within 60 s:\n${out}`);
  };

  const waitExit = (c: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
    new Promise((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill(signal);
    });

  await launch();
  return {
    url,
    port,
    pid: () => child?.pid ?? -1,
    output: () => out,
    kill9: () => waitExit(child!, 'SIGKILL'),
    restart: launch,
    stop: async () => {
      if (child) await waitExit(child, 'SIGTERM');
    },
  };
}

/** Returns VmRSS and VmHWM (peak RSS) of a process in bytes, from /proc; zeros when it is gone. */
export function processMemory(pid: number): { rss: number; hwm: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** Returns the PIDs of a process and all its descendants (from /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const dir = `/proc/${out[i]}/task`;
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        const kids = fs.readFileSync(`${dir}/${t}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      } catch {
        // the task ended
      }
    }
  }
  return out;
}
