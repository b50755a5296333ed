import ipaddr from 'ipaddr.js';

import { AppError } from '@/lib/errors';

/**
 * Which hosts the server may reach. Pure: no DNS, no sockets. The transport asks `checkName`
 * before it resolves anything and `checkAddress` for every address a name resolved to, at connect
 * time, so a name that resolves to a private address (DNS rebinding, `localtest.me`) cannot pass.
 */

/** Where an address sits; only `public` may be reached without configuring the exact registry. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'self';

/** `false` (default): configured registries only; `'public'`: any public address; or host patterns. */
export type AllowUnconfigured = false | 'public' | readonly string[];

export interface OutboundPolicy {
  allowUnconfigured: AllowUnconfigured;
  /** This machine's own addresses (refused like loopback unless configured). */
  ownAddresses?: ReadonlySet<string>;
}

/**
 * How a target was reached: `configured` (a configured registry: any address), `unconfigured` (a
 * host someone typed), `hop` (a realm, redirect or upload location a configured registry named).
 */
export type TargetKind = 'configured' | 'unconfigured' | 'hop';

export interface PolicyTarget {
  /** host[:port] as in references and URLs (`[::1]:5000`). */
  host: string;
  kind: TargetKind;
}

const RANGE_CLASS: Record<string, AddressClass> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'cgnat',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'multicast',
};

/** Returns the class of an IP address in any notation ipaddr.js reads; throws on a non-address. */
export function classifyAddress(address: string, own?: ReadonlySet<string>): AddressClass {
  let ip = ipaddr.parse(stripBrackets(address));
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (own?.has(ip.toString())) return 'self';
  return RANGE_CLASS[ip.range()] ?? 'reserved';
}

/** Returns the address a host name spells when it is an IP literal (`127.1`, `[::1]`), else undefined. */
export function literalAddress(hostname: string): string | undefined {
  const name = stripBrackets(hostname);
  if (!ipaddr.isValid(name)) return undefined;
  return ipaddr.parse(name).toString();
}

/** Returns the host name of `host[:port]` (brackets removed, lowercased). */
export function hostnameOf(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']'));
  const colons = lower.split(':').length - 1;
  return colons === 1 ? lower.slice(0, lower.indexOf(':')) : lower;
}

/**
 * Returns true when `host` (host[:port]) matches a pattern: `ghcr.io`, `*.example.com` (any
 * subdomain, not the domain itself), optionally with a port (`registry.local:5000`).
 */
export function matchesHostPattern(host: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  const h = host.toLowerCase();
  const hasPort = /^\[.*\]:\d+$/.test(p) || /^[^:]+:\d+$/.test(p);
  const subject = hasPort ? h : hostnameOf(h);
  if (p.startsWith('*.')) return subject.endsWith(p.slice(1)) && subject.length > p.length - 1;
  return subject === p;
}

function stripBrackets(s: string): string {
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}

/** Returns the REGISTRY_NOT_ALLOWED error for `host`, naming the setting that would allow it. */
export function notAllowed(
  host: string,
  why: string,
  setting: string,
): AppError<'REGISTRY_NOT_ALLOWED'> {
  const how =
    setting === 'allowUnconfigured'
      ? 'set `allowUnconfigured: public` (or a host pattern) in the config file to browse public registries, or add it to `registries`'
      : 'add this exact registry to `registries` in the config file (or MANIFOLD_REGISTRIES) if Manifold should reach it';
  return new AppError(
    'REGISTRY_NOT_ALLOWED',
    `Manifold does not contact ${host} (${why}): ${how}`,
    {
      details: { host, setting },
      retryable: false,
    },
  );
}

/**
 * Returns the refusal for a target before anything is resolved, or undefined when resolving
 * may go on (the addresses are then checked with `checkAddress`).
 */
export function checkName(
  target: PolicyTarget,
  policy: OutboundPolicy,
): AppError<'REGISTRY_NOT_ALLOWED'> | undefined {
  if (target.kind !== 'unconfigured') return undefined;
  const allow = policy.allowUnconfigured;
  if (allow === false)
    return notAllowed(target.host, 'not a configured registry', 'allowUnconfigured');
  if (allow !== 'public' && !allow.some((p) => matchesHostPattern(target.host, p)))
    return notAllowed(target.host, 'matches no allowUnconfigured pattern', 'allowUnconfigured');
  return undefined;
}

/** Returns the refusal for connecting to `address` for the target, or undefined when allowed. */
export function checkAddress(
  target: PolicyTarget,
  address: string,
  policy: OutboundPolicy,
): AppError<'REGISTRY_NOT_ALLOWED'> | undefined {
  const early = checkName(target, policy);
  if (early) return early;
  if (target.kind === 'configured') return undefined;
  const cls = classifyAddress(address, policy.ownAddresses);
  if (cls === 'public') return undefined;
  return notAllowed(target.host, `it resolves to ${address}, a ${cls} address`, 'registries');
}
