import fs from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';
import { z } from 'zod';

import { configError, firstLine, formatZodIssue, redactUserinfo } from './config-error';

export { configError };

import { accessFileShape, toAccessConfig, type AccessConfig } from './config-access';
import { readLimits, type LimitsConfig } from './config-limits';
import { NO_EVENTS, eventsFileShape, toEventsConfig, type EventsConfig } from './config-events';
import { patternRe, registrySchema } from './config-registry';
import { toOpsConfig, type OpsConfig } from './config-ops';

export {
  isLoopbackName,
  listenRefusal,
  signInConfigured,
  singleUserLoopback,
  type AuthConfig,
  type Role,
  type RoleGrant,
} from './config-access';

/**
 * Manifold's configuration. This is the only module that reads `process.env`; everything else
 * receives a validated `AppConfig`.
 */

const fileSchema = z
  .object({
    registries: z.array(registrySchema).optional(),
    dataDir: z.string().min(1).optional(),
    /** Hosts not in `registries`: false (refused), 'public' (public addresses), or host patterns. */
    allowUnconfigured: z
      .union([z.literal(false), z.literal('public'), z.array(z.string().regex(patternRe)).min(1)])
      .optional(),
    ...accessFileShape,
    ...eventsFileShape,
  })
  .strict();

export interface RegistryConfig {
  host: string;
  name: string;
  scheme: 'http' | 'https';
  insecureSkipVerify: boolean;
  caFile?: string;
  credentials?: { username: string; password: string };
  /** Where this registry came from: the environment or the config file. */
  source: 'env' | 'file';
}

export interface AppConfig extends AccessConfig, LimitsConfig, OpsConfig {
  registries: RegistryConfig[];
  dataDir: string;
  /** Credentials from ~/.docker/config.json and containers auth.json are used when true. */
  useDockerCredentials: boolean;
  /**
   * The environment credential files and `docker-credential-*` helpers are found and run with:
   * DOCKER_CONFIG, REGISTRY_AUTH_FILE, HOME, PATH, and everything a helper may need (e.g.
   * DBUS_SESSION_BUS_ADDRESS for secretservice, AWS_* for ecr-login), as `docker` gives them. Server-only.
   */
  credentialEnv: Record<string, string | undefined>;
  /** Hosts Manifold may contact besides `registries` (see lib/registry/transport/policy). */
  allowUnconfigured: false | 'public' | readonly string[];
  /** Registry events received and the reconcile check (lib/config-events.ts). */
  events: EventsConfig;
}

// Names users give Docker Hub; references always say docker.io, so the configuration does too.
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Returns true for hosts that name this machine (plain HTTP is their default). */
export function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0];
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name ?? '');
}

function readPassword(
  r: z.infer<typeof registrySchema>,
  key: string,
  env: Record<string, string | undefined>,
  baseDir: string,
): string | undefined {
  if (r.passwordEnv) {
    const v = env[r.passwordEnv];
    if (v === undefined)
      throw configError(
        `${key}.passwordEnv`,
        r.passwordEnv,
        'that environment variable is not set',
      );
    return v;
  }
  if (r.passwordFile) {
    const file = path.resolve(/*turbopackIgnore: true*/ baseDir, r.passwordFile);
    try {
      return fs.readFileSync(file, 'utf8').trimEnd();
    } catch (err) {
      throw configError(
        `${key}.passwordFile`,
        r.passwordFile,
        `cannot read it (${(err as Error).message})`,
      );
    }
  }
  return r.password;
}

function toRegistryConfig(
  r: z.infer<typeof registrySchema>,
  key: string,
  env: Record<string, string | undefined>,
  baseDir: string,
  source: RegistryConfig['source'],
): RegistryConfig {
  const lower = r.host.toLowerCase();
  const host = DOCKER_HUB_ALIASES.has(lower) ? 'docker.io' : lower;
  const insecure = r.insecure ?? isLoopbackHost(host);
  const password = readPassword(r, key, env, baseDir);
  if (password !== undefined && !r.username) {
    throw configError(`${key}.username`, undefined, 'a password is set but no username');
  }
  let caFile: string | undefined;
  if (r.caFile) {
    caFile = path.resolve(/*turbopackIgnore: true*/ baseDir, r.caFile);
    if (!fs.existsSync(caFile)) throw configError(`${key}.caFile`, r.caFile, 'file does not exist');
  }
  return {
    host,
    name: r.name ?? host,
    scheme: insecure ? 'http' : 'https',
    insecureSkipVerify: r.tlsVerify === false,
    ...(caFile ? { caFile } : {}),
    ...(r.username ? { credentials: { username: r.username, password: password ?? '' } } : {}),
    source,
  };
}

/** Reads MANIFOLD_CONFIG: adds its registries; returns its dataDir, allowUnconfigured, access and events settings. */
function readConfigFile(
  configPath: string,
  env: Record<string, string | undefined>,
  registries: Map<string, RegistryConfig>,
) {
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (err) {
    throw configError(
      'MANIFOLD_CONFIG',
      configPath,
      `cannot read the file (${(err as Error).message})`,
    );
  }
  let raw: unknown;
  try {
    raw = YAML.parse(text); // YAML is a superset of JSON: either works
  } catch (err) {
    throw configError(
      'MANIFOLD_CONFIG',
      configPath,
      `not valid YAML/JSON (${firstLine((err as Error).message)})`,
    );
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw formatZodIssue(configPath, parsed.error.issues[0]!, raw);
  const baseDir = path.dirname(path.resolve(/*turbopackIgnore: true*/ configPath));
  parsed.data.registries?.forEach((r, i) => {
    const rc = toRegistryConfig(r, `${configPath}: registries[${i}]`, env, baseDir, 'file');
    registries.set(rc.host, rc);
  });
  return {
    ...(parsed.data.dataDir
      ? { dataDir: path.resolve(/*turbopackIgnore: true*/ baseDir, parsed.data.dataDir) }
      : {}),
    allowUnconfigured: parsed.data.allowUnconfigured ?? false,
    access: toAccessConfig(parsed.data, env, baseDir),
    // Checked once every registry is known (MANIFOLD_REGISTRIES adds some after the file).
    events: (hosts: string[]) => toEventsConfig(parsed.data.events, hosts, env, baseDir),
  };
}

/** Adds the MANIFOLD_REGISTRIES hosts not already configured by the file. */
function addEnvRegistries(
  env: Record<string, string | undefined>,
  registries: Map<string, RegistryConfig>,
): void {
  const list = env.MANIFOLD_REGISTRIES;
  if (list === undefined || list.trim() === '') return;
  for (const item of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const host = item.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    const parsed = registrySchema.safeParse({
      host,
      ...(item.startsWith('https://')
        ? { insecure: false }
        : item.startsWith('http://')
          ? { insecure: true }
          : {}),
    });
    if (!parsed.success) {
      throw configError(
        'MANIFOLD_REGISTRIES',
        redactUserinfo(item),
        parsed.error.issues[0]!.message,
      );
    }
    const lower = parsed.data.host.toLowerCase();
    const key = DOCKER_HUB_ALIASES.has(lower) ? 'docker.io' : lower;
    // The config file's settings (credentials, CA) win for a host named in both places.
    if (!registries.has(key))
      registries.set(
        key,
        toRegistryConfig(parsed.data, 'MANIFOLD_REGISTRIES', env, process.cwd(), 'env'),
      );
  }
}

/** Returns the validated configuration from the environment; throws AppError CONFIG naming the bad key and value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const registries = new Map<string, RegistryConfig>();
  let dataDir = env.MANIFOLD_DATA_DIR;
  let allowUnconfigured: AppConfig['allowUnconfigured'] = false;
  let access = toAccessConfig({}, env, process.cwd());
  let fileEvents: ((hosts: string[]) => EventsConfig) | undefined;

  const configPath = env.MANIFOLD_CONFIG;
  if (configPath) {
    const file = readConfigFile(configPath, env, registries);
    if (file.dataDir && !dataDir) dataDir = file.dataDir;
    allowUnconfigured = file.allowUnconfigured;
    access = file.access;
    fileEvents = file.events;
  }
  addEnvRegistries(env, registries);

  const port = env.PORT;
  if (port !== undefined && port !== '' && !/^\d{1,5}$/.test(port)) {
    throw configError('PORT', port, 'must be a port number');
  }
  const dockerCreds = env.MANIFOLD_DOCKER_CREDENTIALS;
  if (dockerCreds !== undefined && !['true', 'false', '1', '0', ''].includes(dockerCreds)) {
    throw configError('MANIFOLD_DOCKER_CREDENTIALS', dockerCreds, 'must be true or false');
  }

  return {
    ...access,
    ...readLimits(env),
    ...toOpsConfig(env),
    registries: [...registries.values()],
    dataDir: path.resolve(/*turbopackIgnore: true*/ dataDir ?? '.data'),
    useDockerCredentials:
      dockerCreds === undefined ||
      dockerCreds === '' ||
      dockerCreds === 'true' ||
      dockerCreds === '1',
    // Credential helpers run with the whole environment, like `docker` runs them.
    credentialEnv: { ...env },
    allowUnconfigured,
    events: fileEvents?.([...registries.keys()]) ?? NO_EVENTS,
  };
}

let cached: AppConfig | undefined;

/** Returns the process-wide configuration, loading it on first use; throws AppError CONFIG. */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
