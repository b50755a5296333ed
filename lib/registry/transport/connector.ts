import { lookup } from 'node:dns/promises';
import type { Socket } from 'node:net';

import { buildConnector } from 'undici';

import { AppError, isAppError } from '@/lib/errors';
import {
  checkAddress,
  checkName,
  literalAddress,
  type OutboundPolicy,
  type PolicyTarget,
} from './policy';

/** One resolved address of a name. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name (never an IP literal) to its addresses. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** What undici asks a connector for; `hostname` is the address to connect to. */
export interface ConnectOptions {
  hostname: string;
  host?: string;
  protocol: string;
  port: string;
  servername?: string;
  localAddress?: string | null;
  httpSocket?: Socket;
}

/** Opens a socket (undici's connector shape). */
export type SocketConnector = (
  options: ConnectOptions,
  callback: (...args: [null, Socket] | [Error, null]) => void,
) => void;

/** Returns the system resolver: every address of the name. */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Returns undici's own socket connector with these TLS options. */
export function defaultSocketConnector(tls: {
  rejectUnauthorized: boolean;
  ca?: string[];
  timeout: number;
}): SocketConnector {
  return buildConnector({ ...tls });
}

export interface PolicyConnectorOptions {
  target: PolicyTarget;
  policy: OutboundPolicy;
  resolve: Resolver;
  connect: SocketConnector;
}

/**
 * Returns a connector that resolves the name itself, checks every address against the policy
 * and connects to the checked address (never resolving again, so DNS rebinding cannot pass).
 * A refusal fails the connection with REGISTRY_NOT_ALLOWED before any packet is sent.
 */
export function policyConnector(options: PolicyConnectorOptions): SocketConnector {
  const { target, policy } = options;
  return (opts, callback) => {
    void (async () => {
      const refused = checkName(target, policy);
      if (refused) throw refused;
      const name = opts.hostname;
      const literal = literalAddress(name);
      const addresses = literal
        ? [{ address: literal, family: literal.includes(':') ? 6 : 4 }]
        : await resolveName(options.resolve, name);
      for (const a of addresses) {
        const refusal = checkAddress(target, a.address, policy);
        if (refusal) throw refusal;
      }
      // Every address passed the policy; try them in order (localhost may answer ::1 first while
      // the registry listens on 127.0.0.1 only), never resolving again.
      const attempt = (i: number): void => {
        const address = addresses[i]!.address;
        // TLS still verifies the certificate against the name (SNI and identity use `host`).
        const at = { ...opts, hostname: address, host: opts.host ?? name };
        options.connect(literal ? at : { ...at, servername: name }, (...args) => {
          if (args[0] && i + 1 < addresses.length) attempt(i + 1);
          else callback(...args);
        });
      };
      attempt(0);
    })().catch((err: unknown) => callback(err as Error, null));
  };
}

async function resolveName(resolve: Resolver, name: string): Promise<ResolvedAddress[]> {
  try {
    const all = await resolve(name);
    if (all.length > 0) return all;
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('NETWORK', `Could not resolve ${name}`, { cause: err, retryable: true });
  }
  throw new AppError('NETWORK', `Could not resolve ${name} (no addresses)`, { retryable: true });
}
