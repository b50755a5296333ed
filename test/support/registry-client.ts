/**
 * Builds a Manifold registry client for registries started by test/support/registry.ts, and
 * runs skopeo against them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import {
  createRegistryClient,
  type RegistryClient,
  type RegistryClientOptions,
  type RegistrySettings,
} from '@/lib/registry';

import type { StartedRegistry } from './registry';

const exec = promisify(execFile);

export interface ClientRegistryOptions {
  /** Leave the registry's credentials out (anonymous). */
  anonymous?: boolean;
  /** Use these credentials instead of the registry's. */
  credentials?: RegistrySettings['credentials'];
  /** Do not trust the registry's CA. */
  noCa?: boolean;
  insecureSkipVerify?: boolean;
}

/** Returns the settings Manifold would use for a started registry. */
export function settingsFor(
  reg: StartedRegistry,
  opts: ClientRegistryOptions = {},
): RegistrySettings {
  const credentials =
    opts.credentials ??
    (!opts.anonymous && reg.username && reg.password
      ? { username: reg.username, password: reg.password }
      : undefined);
  return {
    host: reg.host,
    scheme: reg.url.startsWith('https:') ? 'https' : 'http',
    ...(reg.caFile && !opts.noCa ? { caFile: reg.caFile } : {}),
    ...(opts.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    ...(credentials ? { credentials } : {}),
  };
}

/** Returns a client that knows exactly these registries and their token servers (anything else is REGISTRY_NOT_ALLOWED). */
export function clientFor(
  registries: { reg: StartedRegistry; opts?: ClientRegistryOptions }[] | StartedRegistry[],
  options: Partial<RegistryClientOptions> = {},
): RegistryClient {
  const entries = registries.map((r) => ('reg' in r ? r : { reg: r, opts: {} }));
  const byHost = new Map(entries.map(({ reg, opts }) => [reg.host, settingsFor(reg, opts)]));
  // A token server on another loopback port is a hop the outbound policy refuses unless it is
  // configured too, as an operator would list a private token server.
  for (const { reg } of entries) {
    const token = reg.tokenServer ? new URL(reg.tokenServer.url) : undefined;
    if (token && !byHost.has(token.host))
      byHost.set(token.host, {
        host: token.host,
        scheme: token.protocol === 'https:' ? 'https' : 'http',
      });
  }
  return createRegistryClient({
    retries: 1,
    retryBaseMs: 10,
    timeoutMs: 15_000,
    ...options,
    registries: (host) => byHost.get(host),
  });
}

/** Returns the exact manifest bytes skopeo reads for a reference (`host/repo:tag`). */
export async function skopeoInspectRaw(
  reference: string,
  creds?: { username?: string; password?: string },
): Promise<Buffer> {
  const args = ['inspect', '--raw', '--tls-verify=false'];
  if (creds?.username) args.push('--creds', `${creds.username}:${creds.password ?? ''}`);
  const { stdout } = await exec('skopeo', [...args, `docker://${reference}`], {
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60_000,
  });
  return stdout;
}

/** Runs `skopeo copy --all` from the reference into a dir: target; throws with skopeo's stderr when it fails. */
export async function skopeoCopyAll(
  reference: string,
  dir: string,
  creds?: { username?: string; password?: string },
): Promise<void> {
  const args = ['copy', '--all', '--src-tls-verify=false'];
  if (creds?.username) args.push('--src-creds', `${creds.username}:${creds.password ?? ''}`);
  await exec('skopeo', [...args, `docker://${reference}`, `dir:${dir}`], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  });
}
