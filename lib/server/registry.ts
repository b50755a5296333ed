import 'server-only';

import { getConfig, isLoopbackHost, type RegistryConfig } from '@/lib/config';
import {
  createRegistryClient,
  resolveCredentials,
  createContentCache,
  type RegistryClient,
  type RegistrySettings,
  type ContentCache,
} from '@/lib/registry';

/** Returns the configured registry entry for a host, if the host is configured. */
export function findRegistryConfig(host: string): RegistryConfig | undefined {
  return getConfig().registries.find((r) => r.host === host.toLowerCase());
}

/** Returns true when Manifold talks to the host over plain HTTP or without verifying TLS (CLIs then need --tls-verify=false). */
export function isInsecureRegistry(host: string): boolean {
  const s = settingsFor(host);
  return s.scheme === 'http' || s.insecureSkipVerify === true;
}

function settingsFor(host: string): RegistrySettings {
  const configured = findRegistryConfig(host);
  const base: RegistrySettings = configured
    ? {
        host: configured.host,
        scheme: configured.scheme,
        insecureSkipVerify: configured.insecureSkipVerify,
        ...(configured.caFile ? { caFile: configured.caFile } : {}),
      }
    : { host, scheme: isLoopbackHost(host) ? 'http' : 'https' };
  if (configured?.credentials) return { ...base, credentials: configured.credentials };
  return base;
}

const globalForClient = globalThis as unknown as {
  manifoldRegistryClient?: RegistryClient;
  manifoldContentCache?: ContentCache;
};

/** Returns the process-wide cache of content fetched by digest (immutable, so never stale). */
export function getContentCache(): ContentCache {
  globalForClient.manifoldContentCache ??= createContentCache();
  return globalForClient.manifoldContentCache;
}

/** Returns the process-wide registry client built from the configuration (one transport, one token cache). */
export function getRegistryClient(): RegistryClient {
  if (!globalForClient.manifoldRegistryClient) {
    const cfg = getConfig();
    globalForClient.manifoldRegistryClient = createRegistryClient({
      registries: settingsFor,
      ...(cfg.useDockerCredentials
        ? {
            credentials: (host: string, repository?: string) =>
              resolveCredentials(host, {
                ...(repository ? { repository } : {}),
                env: cfg.credentialEnv,
              }),
          }
        : {}),
    });
  }
  return globalForClient.manifoldRegistryClient;
}
