import http from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { respond, startFaultServer, type FaultServer } from './fault-server';

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(...args: Parameters<typeof startFaultServer>): Promise<FaultServer> {
  const s = await startFaultServer(...args);
  servers.push(s);
  return s;
}

describe('fault server', () => {
  it('answers by rule and occurrence, records requests and connections', async () => {
    const s = await start();
    s.on({ method: 'GET', path: '/v2/', nth: 1, respond: respond.challenge('http://x/token') });
    s.on({ path: '/v2/', respond: respond.status(200) });
    const first = await fetch(`${s.url}/v2/`);
    const second = await fetch(`${s.url}/v2/`);
    expect(first.status).toBe(401);
    expect(first.headers.get('www-authenticate')).toBe('Bearer realm="http://x/token"');
    expect(second.status).toBe(200);
    expect(s.requests.map((r) => r.url)).toEqual(['/v2/', '/v2/']);
    expect(s.connections()).toBeGreaterThan(0);
    const other = await start();
    expect(other.connections()).toBe(0);
  });

  it('forwards unmatched requests to the proxy target', async () => {
    const real = await start();
    real.on({ path: /^\/v2\/x/, respond: respond.json(200, { real: true }) });
    const proxy = await start({ proxyTo: real.url });
    proxy.on({ path: '/v2/y', respond: respond.html(502) });
    expect(await (await fetch(`${proxy.url}/v2/x?q=1`)).json()).toEqual({ real: true });
    expect((await fetch(`${proxy.url}/v2/y`)).status).toBe(502);
    expect(real.requests.map((r) => r.url)).toEqual(['/v2/x?q=1']);
  });

  it('trickles a body and resets connections', async () => {
    const s = await start();
    s.on({ path: '/slow', respond: respond.trickle('abc', { intervalMs: 20 }) });
    s.on({ path: '/reset', respond: respond.reset() });
    const started = Date.now();
    expect(await (await fetch(`${s.url}/slow`)).text()).toBe('abc');
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    const reset = await new Promise<string>((resolve) => {
      http
        .get(`${s.url}/reset`, () => resolve('answered'))
        .on('error', (e) => resolve(String((e as NodeJS.ErrnoException).code)));
    });
    expect(reset).toBe('ECONNRESET');
  });
});
