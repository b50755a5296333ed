import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { AppError } from '@/lib/errors';
import { log as logger } from '@/lib/log';

vi.mock('server-only', () => ({}));

const guard = vi.hoisted(() => ({
  calls: [] as string[],
  authenticate: vi.fn(),
  requireRole: vi.fn(),
  requireResources: vi.fn(),
}));
vi.mock('@/lib/auth/guard', () => ({
  authenticate: guard.authenticate,
  requireRole: guard.requireRole,
  requireResources: guard.requireResources,
  accessOf: (principal: unknown) => ({ principal, can: () => true, require: () => undefined }),
  hasRole: () => true,
}));

const http = await import('./index');
// Property access keeps the declarations' unique symbol types (destructuring widens them).
const { MAX_BODY_BYTES, currentServerTiming, declarationOf, json, route } = http;

const schema = z.object({
  name: z.string().min(1, 'Give it a name'),
  force: z.boolean().optional(),
});
const principal = { id: 'local', name: 'local user', via: 'local' as const };

const handler = vi.fn(({ body }: { body: z.output<typeof schema> }) => {
  guard.calls.push('handler');
  return json({ hello: body.name });
});

beforeEach(() => {
  guard.calls.length = 0;
  handler.mockClear();
  guard.authenticate.mockReset().mockImplementation((_req: Request, opts: { write: boolean }) => {
    guard.calls.push(`authenticate write=${opts.write}`);
    return Promise.resolve(principal);
  });
  guard.requireRole.mockReset().mockImplementation((_p: unknown, role: string) => {
    guard.calls.push(`requireRole ${role}`);
  });
  guard.requireResources
    .mockReset()
    .mockImplementation((_p: unknown, list: { action: string; repository?: string }[]) => {
      guard.calls.push(`requireResources ${list.map((r) => `${r.action} ${r.repository}`).join()}`);
    });
});

const POST = route(
  {
    body: schema,
    resources: ({ body }) => [
      { registry: 'localhost:5000', repository: 'demo/app', action: 'pull' },
      {
        registry: 'localhost:5000',
        repository: 'other/app',
        action: body.force ? 'overwrite' : 'push',
      },
    ],
  },
  handler,
);

function post(body: BodyInit, headers: Record<string, string> = {}): NextRequest {
  // Node's fetch needs `duplex` for a streamed body.
  const init = {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' as const } : {}),
  };
  return new NextRequest('http://manifold.test/api/thing', init);
}

async function errorOf(res: Response) {
  return ((await res.json()) as { error: Record<string, unknown> }).error;
}

describe('route()', () => {
  it('authenticates, parses, checks every declared resource, then runs the handler', async () => {
    const res = await POST(post(JSON.stringify({ name: 'x', force: true })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'x' });
    expect(guard.calls).toEqual([
      'authenticate write=true',
      'requireResources pull demo/app,overwrite other/app',
      'handler',
    ]);
    expect(guard.requireResources).toHaveBeenCalledWith(principal, [
      { registry: 'localhost:5000', repository: 'demo/app', action: 'pull' },
      { registry: 'localhost:5000', repository: 'other/app', action: 'overwrite' },
    ]);
    expect(declarationOf(POST)).toBe('resources');
  });

  it('refuses a route without a resource declaration when it is built, and a role beside a function', () => {
    // @ts-expect-error -- the spec must declare its resources
    expect(() => route({ role: 'viewer' }, () => json({}))).toThrow(/needs `resources`/);
    const both = { resources: () => [], role: 'admin' as const };
    expect(() => route(both, () => json({}))).toThrow(/`role` is for FILTERED and OWN/);
  });

  it('fails closed before the handler: a resolver error goes out as it is, anything else is FORBIDDEN', async () => {
    const inner = vi.fn(() => json({}));
    const invalid = route(
      {
        resources: () => {
          throw new AppError('INVALID_REFERENCE', 'Not a reference');
        },
      },
      inner,
    );
    const bad = await invalid(new NextRequest('http://manifold.test/api/x'));
    expect([bad.status, (await errorOf(bad)).code]).toEqual([400, 'INVALID_REFERENCE']);
    const broken = route(
      {
        resources: () => {
          throw new TypeError('resolver bug');
        },
      },
      inner,
    );
    // The server's logger (pino, JSON on stdout) is where a bug is reported.
    const log = vi.spyOn(logger(), 'error').mockImplementation(() => undefined);
    const refused = await broken(new NextRequest('http://manifold.test/api/x'));
    expect([refused.status, (await errorOf(refused)).code]).toEqual([403, 'FORBIDDEN']);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
    expect(guard.requireResources).not.toHaveBeenCalled();
    expect(inner).not.toHaveBeenCalled();
  });

  it('checks the least role on some grant for FILTERED and OWN routes, and marks each kind', async () => {
    const list = route({ resources: http.FILTERED, role: 'editor' }, () => json({}));
    const own = route({ resources: http.OWN }, () => json({}));
    expect((await list(new NextRequest('http://manifold.test/api/x'))).status).toBe(200);
    expect((await own(new NextRequest('http://manifold.test/api/x'))).status).toBe(200);
    expect(guard.calls).toEqual([
      'authenticate write=false',
      'requireRole editor',
      'authenticate write=false',
      'requireRole viewer',
    ]);
    expect([declarationOf(list), declarationOf(own), declarationOf(() => 1)]).toEqual([
      'filtered',
      'own',
      undefined,
    ]);
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over 1 MiB, declared or streamed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await POST(post(big));
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { limit: MAX_BODY_BYTES },
    });

    // No content-length: the door counts the bytes and stops reading past the cap.
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 64 * MAX_BODY_BYTES) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await POST(post(stream));
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(pulled).toBeLessThan(2 * MAX_BODY_BYTES);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 400 VALIDATION with fieldErrors for input the schema refuses, before the role check', async () => {
    const res = await POST(post(JSON.stringify({ name: '' })));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({
      code: 'VALIDATION',
      message: 'name: Give it a name',
      fieldErrors: { name: ['Give it a name'] },
    });
    const missing = await errorOf(await POST(post('{}')));
    expect(missing.fieldErrors).toEqual({ name: ['Required'] });
    const notJson = await POST(post('{"name":'));
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe('VALIDATION');
    expect(guard.calls).toEqual([
      'authenticate write=true',
      'authenticate write=true',
      'authenticate write=true',
    ]);
    expect(handler).not.toHaveBeenCalled();
  });

  it('parses query and decoded params, and treats GET as a read', async () => {
    const GET = route(
      {
        query: z.object({ n: z.coerce.number().int().min(1) }),
        params: z.object({ digest: z.string().startsWith('sha256:') }),
        resources: http.FILTERED,
      },
      ({ query, params }) => json({ n: query.n, digest: params.digest }),
    );
    const req = new NextRequest('http://manifold.test/api/x?n=3');
    const res = await GET(req, { params: Promise.resolve({ digest: 'sha256%3Aabc' }) });
    expect(await res.json()).toEqual({ n: 3, digest: 'sha256:abc' });
    expect(guard.calls).toEqual(['authenticate write=false', 'requireRole viewer']);
    const bad = await GET(new NextRequest('http://manifold.test/api/x?n=0'), {
      params: Promise.resolve({ digest: 'sha256:abc' }),
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fieldErrors).toHaveProperty('n');
  });

  it('maps an AppError to its status and anything else to a logged 500 INTERNAL', async () => {
    const denied = route({ resources: http.OWN }, () => {
      throw new AppError('FORBIDDEN', 'Not for you', { details: { required: 'admin' } });
    });
    const res = await denied(new NextRequest('http://manifold.test/api/x'));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'FORBIDDEN', details: { required: 'admin' } });

    // The server's logger (pino, JSON on stdout) is where a bug is reported.
    const log = vi.spyOn(logger(), 'error').mockImplementation(() => undefined);
    const bug = route({ resources: http.OWN }, () => {
      throw new TypeError('secret internals');
    });
    const crashed = await bug(new NextRequest('http://manifold.test/api/x'));
    expect(crashed.status).toBe(500);
    const body = await errorOf(crashed);
    expect(body.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('secret internals');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('stops at authenticate: an UNAUTHENTICATED request reads no body and runs nothing', async () => {
    guard.authenticate.mockRejectedValueOnce(new AppError('UNAUTHENTICATED', 'Sign in first'));
    const res = await POST(post(JSON.stringify({ name: 'x' })));
    expect(res.status).toBe(401);
    expect(guard.requireRole).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it('sends Server-Timing: phases of the door and of the handler, registry round trips, the total', async () => {
    const GET = route({ resources: http.OWN }, async ({ timing }) => {
      await timing.measure('inspect', () => {
        currentServerTiming()?.roundTrip('GET', 2);
        currentServerTiming()?.roundTrip('GET', 3);
        return Promise.resolve();
      });
      return json({ ok: true });
    });
    const res = await GET(new NextRequest('http://localhost/api/x'));
    const header = res.headers.get('server-timing') ?? '';
    const names = header.split(', ').map((p) => p.split(';')[0]);
    expect(names).toEqual(['auth', 'input', 'inspect', 'handler', 'registry-get', 'total']);
    expect(header).toContain('registry-get;dur=5.0;desc="2 requests (slowest 3.0 ms)"');
    const failed = await POST(post('{'));
    expect(failed.status).toBe(400);
    expect(failed.headers.get('server-timing')).toMatch(/^auth;dur=[\d.]+, .*total;dur=[\d.]+$/);
    expect(currentServerTiming()).toBeUndefined();
  });
});
