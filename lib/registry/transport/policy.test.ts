import { describe, expect, it } from 'vitest';

import {
  checkAddress,
  checkName,
  classifyAddress,
  literalAddress,
  matchesHostPattern,
  type AddressClass,
  type OutboundPolicy,
  type PolicyTarget,
} from './policy';

describe('classifyAddress', () => {
  it.each<[string, AddressClass]>([
    ['127.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['0x7f.0.0.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['2002:7f00:1::', 'reserved'],
    ['8.8.8.8', 'public'],
    ['140.82.112.3', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('calls this machine’s own addresses self', () => {
    expect(classifyAddress('203.0.113.7', new Set(['203.0.113.7']))).toBe('self');
    expect(classifyAddress('::ffff:203.0.113.7', new Set(['203.0.113.7']))).toBe('self');
  });

  it('throws for a name that is not an address', () => {
    expect(() => classifyAddress('example.com')).toThrow();
  });
});

describe('literalAddress', () => {
  it.each<[string, string | undefined]>([
    ['127.1', '127.0.0.1'],
    ['0x7f.0.0.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['localtest.me', undefined],
    ['registry-1.docker.io', undefined],
  ])('%s -> %s', (name, address) => {
    expect(literalAddress(name)).toBe(address);
  });
});

describe('matchesHostPattern', () => {
  it.each<[string, string, boolean]>([
    ['ghcr.io', 'ghcr.io', true],
    ['GHCR.io', 'ghcr.io', true],
    ['ghcr.io:443', 'ghcr.io', true],
    ['quay.io', 'ghcr.io', false],
    ['eu.gcr.io', '*.gcr.io', true],
    ['gcr.io', '*.gcr.io', false],
    ['evilgcr.io', '*.gcr.io', false],
    ['registry.local:5000', 'registry.local:5000', true],
    ['registry.local:5001', 'registry.local:5000', false],
    ['[::1]:5000', '::1', true],
  ])('%s against %s: %s', (host, pattern, expected) => {
    expect(matchesHostPattern(host, pattern)).toBe(expected);
  });
});

const off: OutboundPolicy = { allowUnconfigured: false };
const pub: OutboundPolicy = { allowUnconfigured: 'public' };
const patterns: OutboundPolicy = { allowUnconfigured: ['*.example.com', 'ghcr.io'] };

function decide(policy: OutboundPolicy, target: PolicyTarget, address: string): string | undefined {
  const err = checkAddress(target, address, policy);
  return err ? `${err.code} ${err.details?.setting ?? ''}` : undefined;
}

describe('checkAddress', () => {
  it.each<[string, OutboundPolicy, PolicyTarget, string, string | undefined]>([
    [
      'a configured loopback registry',
      off,
      { host: '127.0.0.1:5000', kind: 'configured' },
      '127.0.0.1',
      undefined,
    ],
    [
      'a configured private registry',
      off,
      { host: 'reg.lan', kind: 'configured' },
      '10.0.0.5',
      undefined,
    ],
    [
      'unconfigured by default',
      off,
      { host: 'ghcr.io', kind: 'unconfigured' },
      '140.82.112.3',
      'REGISTRY_NOT_ALLOWED allowUnconfigured',
    ],
    [
      'unconfigured public with public',
      pub,
      { host: 'ghcr.io', kind: 'unconfigured' },
      '140.82.112.3',
      undefined,
    ],
    [
      'unconfigured loopback with public',
      pub,
      { host: '127.1:5000', kind: 'unconfigured' },
      '127.0.0.1',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'a name resolving to loopback',
      pub,
      { host: 'localtest.me', kind: 'unconfigured' },
      '127.0.0.1',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'a name resolving to mapped loopback',
      pub,
      { host: 'x.test', kind: 'unconfigured' },
      '::ffff:127.0.0.1',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'metadata service',
      pub,
      { host: 'meta.test', kind: 'unconfigured' },
      '169.254.169.254',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'RFC 1918',
      pub,
      { host: 'intra.test', kind: 'unconfigured' },
      '10.0.0.1',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'CGNAT',
      pub,
      { host: 'cg.test', kind: 'unconfigured' },
      '100.64.1.1',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      '0.0.0.0',
      pub,
      { host: '0.0.0.0:5000', kind: 'unconfigured' },
      '0.0.0.0',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'a matching pattern',
      patterns,
      { host: 'eu.example.com', kind: 'unconfigured' },
      '93.184.216.34',
      undefined,
    ],
    [
      'a matching pattern on a private address',
      patterns,
      { host: 'in.example.com', kind: 'unconfigured' },
      '192.168.0.2',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'no matching pattern',
      patterns,
      { host: 'quay.io', kind: 'unconfigured' },
      '3.3.3.3',
      'REGISTRY_NOT_ALLOWED allowUnconfigured',
    ],
    [
      'a hop to object storage',
      off,
      { host: 'blobs.example.net', kind: 'hop' },
      '3.3.3.3',
      undefined,
    ],
    [
      'a hop to loopback',
      off,
      { host: '127.0.0.1:9', kind: 'hop' },
      '127.0.0.1',
      'REGISTRY_NOT_ALLOWED registries',
    ],
    [
      'a hop to link-local',
      pub,
      { host: 'x', kind: 'hop' },
      'fe80::1',
      'REGISTRY_NOT_ALLOWED registries',
    ],
  ])('%s', (_name, policy, target, address, expected) => {
    expect(decide(policy, target, address)).toBe(expected);
  });

  it('names the host and the setting in the message', () => {
    const err = checkAddress({ host: 'meta.test', kind: 'hop' }, '169.254.169.254', pub);
    expect(err?.message).toContain('meta.test');
    expect(err?.message).toContain('169.254.169.254');
    expect(err?.message).toContain('registries');
    expect(err?.details).toEqual({ host: 'meta.test', setting: 'registries' });
  });
});

describe('checkName', () => {
  it('refuses unconfigured hosts before resolving by default, allows hops and configured', () => {
    expect(checkName({ host: 'x.test', kind: 'unconfigured' }, off)?.code).toBe(
      'REGISTRY_NOT_ALLOWED',
    );
    expect(checkName({ host: 'x.test', kind: 'hop' }, off)).toBeUndefined();
    expect(checkName({ host: 'x.test', kind: 'configured' }, off)).toBeUndefined();
    expect(checkName({ host: 'x.test', kind: 'unconfigured' }, pub)).toBeUndefined();
  });
});
