import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

import { Agent, type Dispatcher } from 'undici';

import {
  defaultSocketConnector,
  policyConnector,
  systemResolver,
  type Resolver,
  type SocketConnector,
} from './connector';
import type { OutboundPolicy, TargetKind } from './policy';
import type { RegistrySettings, TlsSettings } from './types';

export interface AgentPoolOptions {
  policy: OutboundPolicy;
  resolve?: Resolver;
  connectSocket?: (tls: TlsSettings) => SocketConnector;
  /** Inactivity timeout (ms): headers and body. */
  timeoutMs: number;
  connectionsPerOrigin: number;
}

/** Who an origin belongs to: a configured registry (its TLS settings) or nobody (defaults). */
export interface OriginOwner {
  kind: TargetKind;
  /** The configured registry's settings, for kind 'configured'. */
  settings?: RegistrySettings;
}

export interface AgentPool {
  /** Returns the one agent of this origin (created on first use with the owner's settings). */
  forOrigin(url: URL, owner: OriginOwner): Dispatcher;
  close(): Promise<void>;
}

/** Returns the TLS settings of an origin: a configured registry's own, else system defaults. */
export function tlsSettingsFor(
  settings: RegistrySettings | undefined,
  timeoutMs: number,
): TlsSettings {
  const timeout = Math.min(timeoutMs, 10_000);
  if (!settings || settings.scheme !== 'https') return { rejectUnauthorized: true, timeout };
  const extra = [settings.ca, settings.caFile ? readFileSync(settings.caFile, 'utf8') : undefined];
  const ca = extra.filter((c): c is string => Boolean(c));
  return {
    rejectUnauthorized: settings.insecureSkipVerify !== true,
    timeout,
    ...(ca.length ? { ca: [...rootCertificates, ...ca] } : {}),
  };
}

/**
 * Returns a pool with ONE agent per origin, so a registry's `tlsVerify: false` or `caFile` never
 * applies to its token realm, redirect targets or object storage; every agent connects through
 * the policy connector.
 */
export function createAgentPool(options: AgentPoolOptions): AgentPool {
  const agents = new Map<string, Agent>();
  const makeSocket = options.connectSocket ?? defaultSocketConnector;
  return {
    forOrigin(url, owner) {
      const key = `${owner.kind}|${url.origin}`;
      let agent = agents.get(key);
      if (!agent) {
        const tls = tlsSettingsFor(
          owner.kind === 'configured' ? owner.settings : undefined,
          options.timeoutMs,
        );
        agent = new Agent({
          keepAliveTimeout: 30_000,
          connections: options.connectionsPerOrigin,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          connect: policyConnector({
            target: { host: url.host, kind: owner.kind },
            policy: options.policy,
            resolve: options.resolve ?? systemResolver,
            connect: makeSocket(tls),
          }) as unknown as Agent.Options['connect'],
        });
        agents.set(key, agent);
      }
      return agent;
    },
    async close() {
      const all = [...agents.values()];
      agents.clear();
      await Promise.all(all.map((a) => a.close()));
    },
  };
}
