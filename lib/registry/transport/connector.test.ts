import type { Socket } from 'node:net';

import { describe, expect, it } from 'vitest';

import { policyConnector, type ConnectOptions, type Resolver } from './connector';
import type { PolicyTarget } from './policy';

const fakeSocket = {} as Socket;

function connectWith(target: PolicyTarget, resolve: Resolver, refuse: Set<string>) {
  const attempts: ConnectOptions[] = [];
  const connector = policyConnector({
    target,
    policy: { allowUnconfigured: 'public' },
    resolve,
    connect: (opts, callback) => {
      attempts.push(opts);
      if (refuse.has(opts.hostname)) callback(new Error('ECONNREFUSED'), null);
      else callback(null, fakeSocket);
    },
  });
  const result = new Promise<{ err: Error | null; socket: Socket | null }>((resolve) =>
    connector(
      { hostname: target.host.split(':')[0]!, protocol: 'https:', port: '443' },
      (err, socket) => resolve({ err, socket }),
    ),
  );
  return { attempts, result };
}

describe('policyConnector', () => {
  it('connects to the checked address, keeping the name for TLS, and falls back to the next one', async () => {
    const { attempts, result } = connectWith(
      { host: 'dual.test', kind: 'configured' },
      () =>
        Promise.resolve([
          { address: '::1', family: 6 },
          { address: '127.0.0.1', family: 4 },
        ]),
      new Set(['::1']),
    );
    expect((await result).socket).toBe(fakeSocket);
    expect(attempts.map((a) => [a.hostname, a.servername])).toEqual([
      ['::1', 'dual.test'],
      ['127.0.0.1', 'dual.test'],
    ]);
  });

  it('refuses a name when any of its addresses is refused, before any attempt', async () => {
    const { attempts, result } = connectWith(
      { host: 'rebind.test', kind: 'hop' },
      () =>
        Promise.resolve([
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.1', family: 4 },
        ]),
      new Set(),
    );
    const { err } = await result;
    expect((err as { code?: string }).code).toBe('REGISTRY_NOT_ALLOWED');
    expect(attempts).toEqual([]);
  });

  it('checks an IP literal without resolving it', async () => {
    let resolved = 0;
    const { attempts, result } = connectWith(
      { host: '127.1', kind: 'unconfigured' },
      () => {
        resolved++;
        return Promise.resolve([]);
      },
      new Set(),
    );
    expect(((await result).err as { code?: string }).code).toBe('REGISTRY_NOT_ALLOWED');
    expect(resolved).toBe(0);
    expect(attempts).toEqual([]);
  });
});
