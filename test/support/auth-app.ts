/**
 * Calls Manifold's real route handlers the way a browser or a script would, under a config file
 * written for the test. Each configure() reloads the modules: what a restart with a changed config
 * file does (the store, on disk in dataDir, stays).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { vi } from 'vitest';

const HOST = '127.0.0.1:3000';
export const APP_ORIGIN = `http://${HOST}`;

type Handler = (req: NextRequest, ctx?: { params?: Promise<unknown> }) => Promise<Response>;

/** Writes `file` as the config file and reloads every module, as a restart would. */
export function configure(dataDir: string, file: string, env: Record<string, string> = {}): void {
  vi.resetModules();
  const p = path.join(dataDir, `config-${randomUUID()}.yaml`);
  fs.writeFileSync(p, file);
  for (const k of ['MANIFOLD_CONFIG', 'MANIFOLD_READ_ONLY', 'MANIFOLD_PEER_HEADER'])
    delete process.env[k];
  Object.assign(process.env, {
    MANIFOLD_DATA_DIR: dataDir,
    MANIFOLD_DOCKER_CREDENTIALS: 'false',
    MANIFOLD_PEER_HEADER: '1',
    MANIFOLD_CONFIG: p,
    ...env,
  });
}

export interface Call {
  cookie?: string;
  bearer?: string;
  /** The socket address scripts/start.mjs stamps (x-manifold-peer). */
  peer?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Route segments, e.g. { id }. */
  params?: Record<string, string>;
  /** A query string with its `?`. */
  query?: string;
}

/**
 * Returns the answer of `METHOD /api/<dir>` (dir as under app/api, e.g. `tokens/[id]`), with a
 * same-origin browser's headers, or a script's when a bearer token is given.
 */
export async function callApi(method: string, dir: string, c: Call = {}): Promise<Response> {
  const mod = (await import(
    path.resolve(import.meta.dirname, '../../app/api', dir, 'route.ts')
  )) as Record<string, Handler>;
  const params = c.params ?? {};
  const url = new URL(
    `/api/${dir.replace(/\[(\w+)\]/g, (_m, k: string) => encodeURIComponent(params[k] ?? k))}${c.query ?? ''}`,
    APP_ORIGIN,
  );
  const headers: Record<string, string> = { host: HOST, ...c.headers };
  if (!c.bearer) headers.origin = APP_ORIGIN;
  if (method !== 'GET') headers['content-type'] = 'application/json';
  if (c.cookie) headers.cookie = c.cookie;
  if (c.bearer) headers.authorization = `Bearer ${c.bearer}`;
  if (c.peer) headers['x-manifold-peer'] = c.peer;
  const req = new NextRequest(url, {
    method,
    headers,
    ...(method !== 'GET' ? { body: JSON.stringify(c.body ?? {}) } : {}),
  });
  return mod[method]!(req, { params: Promise.resolve(params) });
}

/** Returns the `name=value` of the session cookie a sign-in answer sets (fails the test without one). */
export function sessionOf(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('manifold_session='));
  if (!set || res.status !== 200) throw new Error(`no session: ${res.status}`);
  return set.split(';')[0]!;
}

/** Returns the error code of a JSON error answer. */
export async function codeOf(res: Response): Promise<string | undefined> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return body.error?.code;
}
