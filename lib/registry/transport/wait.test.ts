import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { caught } from '@/test/support/caught';
import { startTestServer, type TestServer } from '@/test/support/local-http-server';

import { createTransport, type RequestWait, type TransportOptions } from '.';

let server: TestServer;

function make(opts: Partial<TransportOptions>) {
  return createTransport({
    registries: (host) => (host === server.host ? { host, scheme: 'http' } : undefined),
    retries: 3,
    retryBaseMs: 1,
    maxRetryDelayMs: 30_000,
    timeoutMs: 10_000,
    ...opts,
  });
}

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.close();
});

describe('deadlines that fit the caller', () => {
  it('asks a deadline function at each request: the context decides', async () => {
    server.handle(() => undefined);
    let deadline = 300;
    const t = make({ deadlineMs: () => deadline, retries: 0 });
    const first = await caught(t.request({ registry: server.host, method: 'GET', path: '/v2/' }));
    deadline = 600;
    const second = await caught(t.request({ registry: server.host, method: 'GET', path: '/v2/' }));
    await t.close();
    expect(first.message).toBe(`${server.host} did not answer GET /v2/ within 0.3 s`);
    expect(second.message).toBe(`${server.host} did not answer GET /v2/ within 0.6 s`);
  });

  it('answers what the registry said when its Retry-After outlasts the deadline, at once', async () => {
    server.handle((_req, res) => {
      res
        .writeHead(429, { 'retry-after': '30', 'content-type': 'application/json' })
        .end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}');
    });
    const t = make({ deadlineMs: 2_000 });
    const started = Date.now();
    const err = await caught(
      t.request({ registry: server.host, method: 'GET', path: '/v2/', expectStatus: 200 }),
    );
    await t.close();
    expect(err.code).toBe('TOOMANYREQUESTS');
    expect(err.message).toContain('slow down');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(server.seen).toHaveLength(1);
  });

  it('reports a request waiting for its answer every waitNoticeMs, then once when it ends', async () => {
    server.handle(() => undefined);
    const waits: RequestWait[] = [];
    const t = make({
      deadlineMs: 1_100,
      retries: 0,
      waitNoticeMs: 300,
      onWaiting: (w) => waits.push(w),
    });
    await caught(t.request({ registry: server.host, method: 'GET', path: '/v2/' }));
    await t.close();
    const notices = waits.filter((w) => !w.done);
    expect(notices.length).toBeGreaterThanOrEqual(2);
    expect(notices.length).toBeLessThanOrEqual(3);
    expect(notices.map((w) => w.waitedMs)).toEqual(
      [...notices.map((w) => w.waitedMs)].sort((a, b) => a - b),
    );
    expect(waits.at(-1)).toMatchObject({ done: true, registry: server.host, method: 'GET' });
    expect(new Set(waits.map((w) => w.id)).size).toBe(1);
  });

  it('reports nothing for a request answered before the first notice', async () => {
    server.handle((_req, res) => res.writeHead(200).end());
    const waits: RequestWait[] = [];
    const t = make({ waitNoticeMs: 2_000, onWaiting: (w) => waits.push(w) });
    const res = await t.request({ registry: server.host, method: 'GET', path: '/v2/' });
    await res.dump();
    await t.close();
    expect(res.status).toBe(200);
    expect(waits).toEqual([]);
  });
});
