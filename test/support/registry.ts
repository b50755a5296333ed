/**
 * Starts the real distribution registry (/usr/bin/docker-registry, 2.8) on a loopback port with
 * its own storage, in the plain, basic-auth, token-auth or TLS configuration.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

import bcrypt from 'bcryptjs';
import { stringify } from 'yaml';

import { accessLogUri, parseAccessLogLine, type AccessLogEntry } from './access-log';
import { freePort } from './free-port';
import { startTokenServer, type StartedTokenServer } from './token-server';
import { createTlsCertificates } from './tls';

export type { AccessLogEntry } from './access-log';

export type RegistryVariant = 'plain' | 'basic' | 'token' | 'tls';

export interface StartedRegistry {
  variant: RegistryVariant;
  /** '127.0.0.1:PORT' */
  host: string;
  /** 'http://127.0.0.1:PORT', or 'https://127.0.0.1:PORT' for tls. */
  url: string;
  port: number;
  /** Storage root. */
  dataDir: string;
  /** tls: PEM file of the CA that signed the server certificate (SANs 127.0.0.1 and localhost). */
  caFile?: string;
  /** basic and token: valid credentials. */
  username?: string;
  password?: string;
  /** token: credentials the token server grants only `pull` (push gets insufficient_scope). */
  readOnly?: { username: string; password: string };
  tokenServer?: {
    url: string;
    realm: string;
    service: string;
    tokenRequests(): number;
    reset(): void;
  };
  /** Requests since start (or since clearAccessLog), parsed from the registry's output. */
  accessLog(): Promise<AccessLogEntry[]>;
  clearAccessLog(): Promise<void>;
  /** Kills the registry by PID, waits for it to exit, removes its temp dir. */
  stop(): Promise<void>;
  /** Same port, same data. */
  restart(): Promise<void>;
}

export interface StartRegistryOptions {
  variant?: RegistryVariant;
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a directory inside the registry's temp dir (removed by stop()). */
  dataDir?: string;
  /** Default true. */
  deleteEnabled?: boolean;
  /** Where the registry's stdout and stderr go; default a file in the temp dir. */
  logFile?: string;
  /** token: grant users `registry:catalog:*` (default true; false is Docker Hub's and GHCR's way). */
  catalog?: boolean;
  /** Send the registry's notifications (events) to this endpoint with `Authorization: Bearer <secret>`. */
  notifications?: { url: string; secret: string };
}

/** Returns the registry's `notifications` config for one endpoint (docs/events.md has the same). */
export function notificationsConfig(n: { url: string; secret: string }): Record<string, unknown> {
  return {
    endpoints: [
      {
        name: 'manifold',
        url: n.url,
        headers: { Authorization: [`Bearer ${n.secret}`] },
        timeout: '2s',
        threshold: 3,
        backoff: '250ms',
      },
    ],
  };
}

const REGISTRY_BIN = '/usr/bin/docker-registry';
const USERNAME = 'manifold';
const PASSWORD = 'manifold-test-password';
const READ_ONLY = { username: 'reader', password: 'reader-test-password' };
/** Query parameter marking the harness's own requests, which accessLog() leaves out. */
const HARNESS_PARAM = 'manifold-harness';
const READY_TIMEOUT_MS = 20_000;

// Every registry child alive in this process, killed when the process goes away.
const liveChildren = new Set<ChildProcess>();
const liveTempDirs = new Set<string>();
let exitHooksInstalled = false;

function killAllSync(): void {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  liveChildren.clear();
  for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
  liveTempDirs.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.once('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllSync();
      // Keep the default behaviour (terminate) unless someone else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

/** Returns the HTTP status of a GET, or undefined when the connection fails. */
function probe(url: string, ca: string | undefined): Promise<number | undefined> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const get = target.protocol === 'https:' ? https.get : http.get;
    const req = get(target, { ca, agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(undefined));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Runtime {
  child: ChildProcess;
  exited: Promise<void>;
  exitCode: number | null | undefined;
}

/**
 * Returns a started registry once `GET /v2/` answers (200 or 401); throws with the tail of its
 * log when it exits or does not answer within 20 s.
 */
export async function startRegistry(opts: StartRegistryOptions = {}): Promise<StartedRegistry> {
  installExitHooks();
  const variant = opts.variant ?? 'plain';
  const bindHost = opts.host ?? '127.0.0.1';
  const tempDir = await mkdtemp(path.join(os.tmpdir(), `manifold-registry-${variant}-`));
  liveTempDirs.add(tempDir);
  const dataDir = opts.dataDir ?? path.join(tempDir, 'data');
  await mkdir(dataDir, { recursive: true });
  const logFile = opts.logFile ?? path.join(tempDir, 'registry.log');
  const configFile = path.join(tempDir, 'config.yml');

  let tokenServer: StartedTokenServer | undefined;
  let caFile: string | undefined;
  let caPem: string | undefined;
  const auth: Record<string, unknown> = {};
  const tls: Record<string, string> = {};
  try {
    if (variant === 'basic') {
      const htpasswd = path.join(tempDir, 'htpasswd');
      // Go's bcrypt accepts bcryptjs's $2b$ prefix; cost 5 keeps tests fast.
      await writeFile(htpasswd, `${USERNAME}:${bcrypt.hashSync(PASSWORD, 5)}\n`);
      auth.htpasswd = { realm: 'manifold-test', path: htpasswd };
    } else if (variant === 'token') {
      tokenServer = await startTokenServer({
        dir: tempDir,
        users: { [USERNAME]: PASSWORD, [READ_ONLY.username]: READ_ONLY.password },
        readOnlyUsers: [READ_ONLY.username],
        ...(opts.catalog !== undefined ? { catalog: opts.catalog } : {}),
      });
      auth.token = {
        realm: tokenServer.realm,
        service: tokenServer.service,
        issuer: tokenServer.issuer,
        rootcertbundle: tokenServer.rootCertFile,
      };
    } else if (variant === 'tls') {
      const certs = await createTlsCertificates(tempDir);
      caFile = certs.caFile;
      caPem = certs.caPem;
      tls.certificate = certs.certFile;
      tls.key = certs.keyFile;
    }
  } catch (err) {
    await tokenServer?.stop();
    liveTempDirs.delete(tempDir);
    await rm(tempDir, { recursive: true, force: true });
    throw err;
  }

  const writeConfig = async (port: number): Promise<void> => {
    const config = {
      version: '0.1',
      log: { level: 'info', formatter: 'text', accesslog: { disabled: false } },
      storage: {
        filesystem: { rootdirectory: dataDir },
        delete: { enabled: opts.deleteEnabled ?? true },
        maintenance: { uploadpurging: { enabled: false } },
      },
      http: {
        addr: `${bindHost}:${port}`,
        secret: 'manifold-test-http-secret',
        headers: { 'X-Content-Type-Options': ['nosniff'] },
        ...(variant === 'tls' ? { tls } : {}),
      },
      health: { storagedriver: { enabled: false } },
      ...(Object.keys(auth).length > 0 ? { auth } : {}),
      ...(opts.notifications ? { notifications: notificationsConfig(opts.notifications) } : {}),
    };
    await writeFile(configFile, stringify(config));
  };

  const logStream: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const lines: string[] = [];
  let clearedAt = 0;
  let flushCounter = 0;
  let runtime: Runtime | undefined;
  let port = opts.port ?? (await freePort(bindHost));
  const scheme = variant === 'tls' ? 'https' : 'http';
  const urlFor = (p: number): string =>
    `${scheme}://${bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${p}`;

  const logTail = (n = 30): string => lines.slice(-n).join('\n');

  const spawnRegistry = (): Runtime => {
    // distribution lets REGISTRY_* variables override the config file: keep the parent's out.
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('REGISTRY_')) delete env[key];
    const child = spawn(REGISTRY_BIN, ['serve', configFile], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    liveChildren.add(child);
    const rt: Runtime = { child, exitCode: undefined, exited: Promise.resolve() };
    rt.exited = new Promise<void>((resolve) => {
      child.once('exit', (code) => {
        rt.exitCode = code;
        liveChildren.delete(child);
        resolve();
      });
      child.once('error', (err) => {
        lines.push(`[harness] spawn error: ${String(err)}`);
        rt.exitCode = -1;
        liveChildren.delete(child);
        resolve();
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        logStream.write(chunk);
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        lines.push(...parts);
      });
      stream?.on('end', () => {
        if (rest) lines.push(rest);
        rest = '';
      });
    }
    return rt;
  };

  const waitReady = async (rt: Runtime, url: string): Promise<void> => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (rt.exitCode !== undefined) {
        throw new Error(
          `docker-registry (${variant}) exited with ${String(rt.exitCode)} before answering:\n${logTail()}`,
        );
      }
      const status = await probe(`${url}/v2/?${HARNESS_PARAM}=ready`, caPem);
      if (status === 200 || status === 401) return;
      await sleep(50);
    }
    throw new Error(
      `docker-registry (${variant}) did not answer GET /v2/ within ${READY_TIMEOUT_MS} ms:\n${logTail()}`,
    );
  };

  const killRuntime = async (rt: Runtime | undefined): Promise<void> => {
    if (!rt || rt.exitCode !== undefined) return;
    rt.child.kill('SIGTERM');
    const timer = setTimeout(() => rt.child.kill('SIGKILL'), 5_000);
    await rt.exited;
    clearTimeout(timer);
  };

  const launch = async (allowNewPort: boolean): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      await writeConfig(port);
      const rt = spawnRegistry();
      try {
        await waitReady(rt, urlFor(port));
        runtime = rt;
        return;
      } catch (err) {
        await killRuntime(rt);
        const portTaken = /address already in use/i.test(logTail(5));
        if (!allowNewPort || !portTaken || attempt >= 4) throw err;
        port = await freePort(bindHost);
      }
    }
  };

  const cleanup = async (): Promise<void> => {
    await killRuntime(runtime);
    await tokenServer?.stop();
    await new Promise<void>((resolve) => logStream.end(resolve));
    liveTempDirs.delete(tempDir);
    await rm(tempDir, { recursive: true, force: true });
  };

  try {
    await launch(opts.port === undefined);
  } catch (err) {
    await cleanup();
    throw err;
  }

  // The combined-log line is written after the response is sent; a marker request made after
  // the caller's requests, once logged, means theirs are logged too.
  const flush = async (): Promise<void> => {
    if (!runtime || runtime.exitCode !== undefined) return;
    const marker = `${HARNESS_PARAM}=flush-${++flushCounter}`;
    await probe(`${urlFor(port)}/v2/?${marker}`, caPem);
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      if (lines.some((l, i) => i >= clearedAt && l.includes(marker))) return;
      await sleep(5);
    }
  };

  const ts = tokenServer;
  const tokenInfo: StartedRegistry['tokenServer'] = ts && {
    url: ts.url,
    realm: ts.realm,
    service: ts.service,
    tokenRequests: () => ts.tokenRequests(),
    reset: () => ts.reset(),
  };

  let stopped = false;
  const started: StartedRegistry = {
    variant,
    host: `${bindHost}:${port}`,
    url: urlFor(port),
    port,
    dataDir,
    ...(caFile ? { caFile } : {}),
    ...(variant === 'basic' || variant === 'token'
      ? { username: USERNAME, password: PASSWORD }
      : {}),
    ...(variant === 'token' ? { readOnly: { ...READ_ONLY } } : {}),
    ...(tokenInfo ? { tokenServer: tokenInfo } : {}),
    async accessLog() {
      await flush();
      const entries: AccessLogEntry[] = [];
      for (const line of lines.slice(clearedAt)) {
        const uri = accessLogUri(line);
        if (uri === undefined || uri.includes(`${HARNESS_PARAM}=`)) continue;
        const entry = parseAccessLogLine(line);
        if (entry) entries.push(entry);
      }
      return entries;
    },
    async clearAccessLog() {
      await flush();
      clearedAt = lines.length;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await cleanup();
    },
    async restart() {
      if (stopped) throw new Error('restart() after stop(): start a new registry instead');
      await killRuntime(runtime);
      runtime = undefined;
      await launch(false);
    },
  };
  return started;
}

/** Returns the registry's captured log (stdout and stderr) as text; for debugging failed tests. */
export async function readRegistryLog(logFile: string): Promise<string> {
  return readFile(logFile, 'utf8');
}
