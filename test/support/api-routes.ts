/**
 * The routes under app/api as tests see them: every method of every route module (found by
 * reading the folder, so a new route cannot be missed), and requests built as a browser sends them.
 */
import fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { NextRequest } from 'next/server';

export type Handler = (req: NextRequest, ctx?: { params?: Promise<unknown> }) => Promise<Response>;

export const API_DIR = path.resolve(import.meta.dirname, '../../app/api');
export const TEST_HOST = '127.0.0.1:3000';
export const TEST_ORIGIN = `http://${TEST_HOST}`;

export interface RouteMethod {
  /** e.g. `POST images/retag` */
  key: string;
  dir: string;
  method: string;
}

/** Returns every method exported by every route module under app/api, sorted by folder. */
export async function enumerateRoutes(): Promise<RouteMethod[]> {
  const entries = await readdir(API_DIR, { withFileTypes: true, recursive: true });
  const dirs = entries
    .filter((e) => e.isFile() && e.name === 'route.ts')
    .map((e) => path.relative(API_DIR, e.parentPath))
    .sort();
  const out: RouteMethod[] = [];
  for (const dir of dirs) {
    const text = fs.readFileSync(path.join(API_DIR, dir, 'route.ts'), 'utf8');
    for (const m of text.matchAll(/export const (GET|HEAD|POST|PUT|PATCH|DELETE)\b/g))
      out.push({ key: `${m[1]} ${dir}`, dir, method: m[1]! });
  }
  return out;
}

/** Returns the route's handler, from the module as currently loaded (after vi.resetModules, a fresh one). */
export async function handlerOf(r: RouteMethod): Promise<Handler> {
  const mod = (await import(path.join(API_DIR, r.dir, 'route.ts'))) as Record<string, Handler>;
  return mod[r.method]!;
}

export interface ApiRequest {
  /** The [segments], by name. */
  params?: Record<string, string>;
  /** A query string, e.g. '?ref=...'. */
  query?: string;
  body?: unknown;
  cookie?: string;
}

/** Returns the route's answer to a same-origin JSON request. */
export async function callRoute(r: RouteMethod, req: ApiRequest = {}): Promise<Response> {
  const params = req.params ?? {};
  const pathname = r.dir.replace(/\[(\.\.\.)?(\w+)\]/g, (_m, _d, k: string) =>
    encodeURIComponent(params[k] ?? k),
  );
  const url = new URL(`/api/${pathname}${req.query ?? ''}`, TEST_ORIGIN);
  const headers: Record<string, string> = {
    host: TEST_HOST,
    origin: TEST_ORIGIN,
    'content-type': 'application/json',
    ...(req.cookie ? { cookie: req.cookie } : {}),
  };
  const read = r.method === 'GET' || r.method === 'HEAD';
  const request = new NextRequest(url, {
    method: r.method,
    headers,
    ...(!read && req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
  });
  return (await handlerOf(r))(request, { params: Promise.resolve(params) });
}
