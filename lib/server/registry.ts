import 'server-only';

import os from 'node:os';

import { getConfig, singleUserLoopback, type RegistryConfig } from '@/lib/config';
import {
  createRegistryClient,
  resolveCredentials,
  createContentCache,
  type RegistryClient,
  type RegistrySettings,
  type ContentCache,
  type RequestInfo,
} from '@/lib/registry';
import { log } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { currentServerTiming } from '@/lib/http/timing';
import { currentJobId, noteJobWait } from '@/lib/jobs';

/** Returns the configured registry entry for a host, if the host is configured. */
export function findRegistryConfig(host: string): RegistryConfig | undefined {
  return getConfig().registries.find((r) => r.host === host.toLowerCase());
}

/** Returns true when Manifold talks to the host over plain HTTP or without verifying TLS (CLIs then need --tls-verify=false). */
export function isInsecureRegistry(host: string): boolean {
  const s = settingsFor(host);
  return s !== undefined && (s.scheme === 'http' || s.insecureSkipVerify === true);
}

/** Returns the settings of a configured registry; undefined for any other host (the transport's policy decides). */
function settingsFor(host: string): RegistrySettings | undefined {
  const configured = findRegistryConfig(host);
  if (!configured) return undefined;
  return {
    host: configured.host,
    scheme: configured.scheme,
    insecureSkipVerify: configured.insecureSkipVerify,
    ...(configured.caFile ? { caFile: configured.caFile } : {}),
    ...(configured.credentials ? { credentials: configured.credentials } : {}),
  };
}

/** Returns this machine's own addresses (refused like loopback unless configured). */
function ownAddresses(): Set<string> {
  const all = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
  return new Set(all.map((a) => a.address));
}

const globalForClient = globalThis as unknown as {
  manifoldRegistryClient?: RegistryClient;
  manifoldContentCache?: ContentCache;
};

/** Returns the process-wide cache of content fetched by digest (immutable, so never stale). */
export function getContentCache(): ContentCache {
  globalForClient.manifoldContentCache ??= createContentCache(
    getConfig().cacheMaxBytes,
    (kind, hit) => metrics().cacheLookups.inc({ kind, result: hit ? 'hit' : 'miss' }),
  );
  return globalForClient.manifoldContentCache;
}

/**
 * Records one registry round trip: in the Server-Timing of the API request that caused it, in the
 * metrics, and (at debug level) in the log with the request id of the request or job it served.
 */
function observeRegistryRequest(info: RequestInfo): void {
  currentServerTiming()?.roundTrip(info.method, info.durationMs);
  const status = info.status === undefined ? 'error' : String(info.status);
  const m = metrics();
  m.registryRequests.inc({ registry: info.registry, method: info.method, status });
  m.registryDuration.observe(
    { registry: info.registry, method: info.method },
    info.durationMs / 1000,
  );
  if (info.purpose === 'token') m.tokenFetches.inc({ registry: info.registry, status });
  // info.url is redacted by the transport: no credentials, no token.
  log().debug(
    {
      registry: info.registry,
      method: info.method,
      url: info.url,
      status,
      durationMs: info.durationMs,
      ...(info.error ? { error: info.error } : {}),
    },
    'registry request',
  );
}

/** Returns the process-wide registry client built from the configuration (one transport, one token cache). */
export function getRegistryClient(): RegistryClient {
  if (!globalForClient.manifoldRegistryClient) {
    const cfg = getConfig();
    // With sign-in, the operator's own credential files serve configured registries only: anyone
    // signed in could otherwise send them to a host of their choosing.
    const filesApply = (host: string) =>
      singleUserLoopback(cfg) || findRegistryConfig(host) !== undefined;
    globalForClient.manifoldRegistryClient = createRegistryClient({
      registries: settingsFor,
      allowUnconfigured: cfg.allowUnconfigured,
      ownAddresses: ownAddresses(),
      // Each round trip shows in the Server-Timing of the API request that caused it, and in the
      // registry request metrics.
      onRequest: observeRegistryRequest,
      // Someone waits for a page or an API answer, so a stalled registry must answer within
      // seconds; a job has no one waiting on the request and shows its waits in its progress.
      deadlineMs: () => (currentJobId() ? cfg.jobTimeoutMs : cfg.interactiveTimeoutMs),
      onWaiting: noteJobWait,
      ...(cfg.useDockerCredentials
        ? {
            credentials: (host: string, repository?: string) =>
              filesApply(host)
                ? resolveCredentials(host, {
                    ...(repository ? { repository } : {}),
                    env: cfg.credentialEnv,
                  })
                : undefined,
          }
        : {}),
    });
  }
  return globalForClient.manifoldRegistryClient;
}
