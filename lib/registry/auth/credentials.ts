import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { z } from 'zod';

import type { RegistryCredentials } from '../transport';
import { createHelperRuns, type HelperRuns } from './helper-runs';

/** Docker Hub's key in docker and containers auth files. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export interface ResolveCredentialsOptions {
  /** Repository path, for namespaced keys (`host/ns/repo`; the most specific key wins). */
  repository?: string;
  /** Credentials from Manifold's own configuration; they win over every file. */
  configCredentials?: RegistryCredentials;
  /**
   * Environment to read DOCKER_CONFIG, REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, XDG_CONFIG_HOME, HOME and
   * PATH (for credential helpers) from. lib/config.ts passes process.env; without it only the
   * default locations under the user's home directory are read.
   */
  env?: Record<string, string | undefined>;
  /** Time allowed for a `docker-credential-*` helper (ms, default 10 s). */
  helperTimeoutMs?: number;
  /** Cache and caps for helper runs (default: one shared by the process). */
  helperRuns?: HelperRuns;
}

// One limiter for the process: every lookup, whoever asks, shares the cache and the caps.
const sharedHelperRuns = createHelperRuns();

const authEntrySchema = z
  .object({
    auth: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    identitytoken: z.string().optional(),
  })
  .loose();

const authFileSchema = z
  .object({
    auths: z.record(z.string(), authEntrySchema).optional(),
    credHelpers: z.record(z.string(), z.string()).optional(),
    credsStore: z.string().optional(),
  })
  .loose();

type AuthFile = z.infer<typeof authFileSchema>;

/** Returns the auth files to read, in order: containers auth.json locations, then Docker's config. */
export function credentialFiles(env: Record<string, string | undefined> = {}): string[] {
  const home = env.HOME ?? os.homedir();
  const files: string[] = [];
  if (env.REGISTRY_AUTH_FILE) files.push(env.REGISTRY_AUTH_FILE);
  else {
    if (env.XDG_RUNTIME_DIR) files.push(path.join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json'));
    files.push(
      path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'containers', 'auth.json'),
    );
  }
  files.push(path.join(env.DOCKER_CONFIG ?? path.join(home, '.docker'), 'config.json'));
  return files;
}

/** Returns a key of an auth file normalised to `host[/path]` (scheme, `/v1/`, `/v2/` and trailing `/` removed). */
export function normaliseAuthKey(key: string): string {
  let k = key.trim().replace(/^[a-z]+:\/\//i, '');
  k = k.replace(/\/+$/, '');
  k = k.replace(/\/v[12]$/, '');
  const slash = k.indexOf('/');
  const host = (slash === -1 ? k : k.slice(0, slash)).toLowerCase();
  const rest = slash === -1 ? '' : k.slice(slash);
  return `${DOCKER_HUB_HOSTS.has(host) ? 'docker.io' : host}${rest}`;
}

/** Returns the keys to look up, most specific first: `host/ns/repo`, `host/ns`, `host`. */
export function lookupKeys(host: string, repository?: string): string[] {
  const base = normaliseAuthKey(host);
  const keys: string[] = [];
  if (repository) {
    const parts = repository.split('/');
    for (let n = parts.length; n > 0; n--) keys.push(`${base}/${parts.slice(0, n).join('/')}`);
  }
  keys.push(base);
  return keys;
}

/**
 * Returns the credentials for a registry host (and repository) from Manifold's config, the
 * containers auth.json files, Docker's config.json and their credential helpers; undefined when
 * none apply. Never throws for unreadable files or failing helpers (they are skipped).
 */
export async function resolveCredentials(
  host: string,
  options: ResolveCredentialsOptions = {},
): Promise<RegistryCredentials | undefined> {
  if (options.configCredentials) return options.configCredentials;
  const keys = lookupKeys(host, options.repository);
  for (const file of credentialFiles(options.env)) {
    const config = await readAuthFile(file);
    if (!config) continue;
    const found = await fromAuthFile(config, host, keys, options);
    if (found) return found;
  }
  return undefined;
}

async function readAuthFile(file: string): Promise<AuthFile | undefined> {
  try {
    const parsed = authFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function fromAuthFile(
  config: AuthFile,
  host: string,
  keys: string[],
  options: ResolveCredentialsOptions,
): Promise<RegistryCredentials | undefined> {
  const helpers = new Map(
    Object.entries(config.credHelpers ?? {}).map(([k, v]) => [normaliseAuthKey(k), v]),
  );
  const entries = new Map<string, z.infer<typeof authEntrySchema>>();
  for (const [k, v] of Object.entries(config.auths ?? {})) {
    const norm = normaliseAuthKey(k);
    // The exact key wins over a normalised duplicate (`https://host` next to `host`).
    if (!entries.has(norm) || k === norm) entries.set(norm, v);
  }
  const serverUrl = normaliseAuthKey(host) === 'docker.io' ? DOCKER_HUB_AUTH_KEY : host;
  for (const key of keys) {
    const helper = helpers.get(key);
    if (helper) {
      const fromHelper = await runHelper(
        helper,
        key === keys[keys.length - 1] ? serverUrl : key,
        options,
      );
      if (fromHelper) return fromHelper;
    }
    const entry = entries.get(key);
    const inline = entry ? fromEntry(entry) : undefined;
    if (inline) return inline;
  }
  if (config.credsStore) return runHelper(config.credsStore, serverUrl, options);
  return undefined;
}

function fromEntry(entry: z.infer<typeof authEntrySchema>): RegistryCredentials | undefined {
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.username && entry.password !== undefined)
    return { username: entry.username, password: entry.password };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return undefined;
}

const helperOutputSchema = z
  .object({ Username: z.string().optional(), Secret: z.string() })
  .loose();

/** Runs `docker-credential-<name> get` (cached and capped) with the server URL on stdin; undefined when it has nothing. */
function runHelper(
  name: string,
  serverUrl: string,
  options: ResolveCredentialsOptions,
): Promise<RegistryCredentials | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return Promise.resolve(undefined);
  const env = options.env ?? {};
  const key = JSON.stringify([name, serverUrl, env.PATH, env.HOME, env.DOCKER_CONFIG]);
  return (options.helperRuns ?? sharedHelperRuns).run(key, () =>
    execHelper(name, serverUrl, options),
  );
}

function execHelper(
  name: string,
  serverUrl: string,
  options: ResolveCredentialsOptions,
): Promise<RegistryCredentials | undefined> {
  return new Promise((resolve) => {
    const child = execFile(
      `docker-credential-${name}`,
      ['get'],
      {
        timeout: options.helperTimeoutMs ?? 10_000,
        maxBuffer: 1024 * 1024,
        ...(options.env ? { env: options.env as NodeJS.ProcessEnv } : {}),
      },
      (error, stdout) => {
        if (error) {
          resolve(undefined);
          return;
        }
        try {
          const parsed = helperOutputSchema.safeParse(JSON.parse(stdout));
          if (!parsed.success || !parsed.data.Secret) resolve(undefined);
          else if (!parsed.data.Username || parsed.data.Username === '<token>')
            resolve({ identityToken: parsed.data.Secret });
          else resolve({ username: parsed.data.Username, password: parsed.data.Secret });
        } catch {
          resolve(undefined);
        }
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(serverUrl);
  });
}
