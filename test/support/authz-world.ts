/**
 * A small world for authorization tests: two real registries (the second configured too), the
 * same image under a/app, a/scratch (inside the grant `a/*`) and b/secret (outside it), and
 * password users holding no grant, viewer, editor or admin of `a/*` on the first registry, and
 * admin everywhere. Route modules are reloaded with this configuration.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import bcrypt from 'bcryptjs';
import { vi } from 'vitest';

import { buildDemoPlan, seedImageAs } from '@/scripts/seed-lib';

import { callRoute, enumerateRoutes, type RouteMethod } from './api-routes';
import type { AccessLogEntry } from './access-log';
import { startRegistry, type StartedRegistry } from './registry';

export const PASSWORD = 'correct horse battery staple';
export type User = 'nora' | 'vic' | 'eddie' | 'ada' | 'root';
export type Role = 'viewer' | 'editor' | 'admin';
/** What each user holds on `a/*` of the first registry (root: admin on everything; nora: nothing). */
export const GRANT_OF: Record<'vic' | 'eddie' | 'ada', Role> = {
  vic: 'viewer',
  eddie: 'editor',
  ada: 'admin',
};

export interface AuthzWorld {
  r1: StartedRegistry;
  r2: StartedRegistry;
  /** The seeded image's digest (the same in every repository) and one of its platforms. */
  digest: string;
  child: string;
  dataDir: string;
  routes: RouteMethod[];
  cookies: Record<User, string>;
  /** Every request either registry received since the last `mark()`. */
  since(): Promise<AccessLogEntry[]>;
  mark(): Promise<void>;
  stop(): Promise<void>;
}

function configFile(r1: StartedRegistry, hash: string): string {
  const users = ['nora', 'vic', 'eddie', 'ada', 'root'];
  return [
    'auth:',
    '  users:',
    ...users.map((u) => `    - { name: ${u}, passwordHash: "${hash}" }`),
    'roles:',
    ...Object.entries(GRANT_OF).map(
      ([u, role]) =>
        `  - { subject: "user:local:${u}", role: ${role}, registry: "${r1.host}", repository: "a/*" }`,
    ),
    '  - { subject: "user:local:root", role: admin }',
    '',
  ].join('\n');
}

async function signIn(routes: RouteMethod[], name: User): Promise<string> {
  const r = routes.find((x) => x.key === 'POST auth/sign-in')!;
  const res = await callRoute(r, { body: { name, password: PASSWORD } });
  if (res.status !== 200) throw new Error(`sign-in of ${name}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Returns the started world, its route modules loaded with its configuration and its users signed in. */
export async function startAuthzWorld(): Promise<AuthzWorld> {
  const [r1, r2] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'plain' }),
  ]);
  const from = 'demo/shazam:latest';
  const digest = await seedImageAs({ url: r1.url }, from, 'a/app', ['latest', 'prod']);
  await seedImageAs({ url: r1.url }, from, 'a/scratch', ['latest']);
  await seedImageAs({ url: r1.url }, from, 'b/secret', ['prod']);
  await seedImageAs({ url: r2.url }, from, 'a/app', ['latest']);
  const shazam = buildDemoPlan().find((r) => r.repository === 'demo/shazam')!;
  const child = shazam.tags.find((t) => t.tag === 'amd64')!.manifest.digest;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-authz-'));
  const file = path.join(dataDir, `config-${randomUUID()}.yaml`);
  fs.writeFileSync(file, configFile(r1, await bcrypt.hash(PASSWORD, 4)));
  vi.resetModules();
  for (const k of ['MANIFOLD_READ_ONLY', 'MANIFOLD_PEER_HEADER']) delete process.env[k];
  Object.assign(process.env, {
    MANIFOLD_REGISTRIES: `${r1.host},${r2.host}`,
    MANIFOLD_DATA_DIR: dataDir,
    MANIFOLD_DOCKER_CREDENTIALS: 'false',
    MANIFOLD_CONFIG: file,
  });
  const routes = await enumerateRoutes();
  const cookies = {} as Record<User, string>;
  for (const u of ['nora', 'vic', 'eddie', 'ada', 'root'] as const)
    cookies[u] = await signIn(routes, u);
  await Promise.all([r1.clearAccessLog(), r2.clearAccessLog()]);
  return {
    r1,
    r2,
    digest,
    child,
    dataDir,
    routes,
    cookies,
    since: async () => [...(await r1.accessLog()), ...(await r2.accessLog())],
    mark: async () => {
      await Promise.all([r1.clearAccessLog(), r2.clearAccessLog()]);
    },
    stop: async () => {
      await Promise.all([r1.stop(), r2.stop()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
