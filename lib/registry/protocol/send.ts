import { AppError } from '@/lib/errors';
import type { AuthRequest } from '../auth/authenticator';
import { CATALOG_SCOPE, repositoryScope } from '../auth/token';
import { isValidRepository } from '../reference';
import type { RequestBody, TransportResponse } from '../transport';
import { repoPath, type OperationContext, type RepositoryRef } from './context';
import { ENDPOINTS, type Endpoint, type EndpointName } from './endpoints';

/** What one call adds to its endpoint's declaration. */
export interface SendOptions {
  /** Values of the path's `{param}`s and of the endpoint's query params. */
  params?: Readonly<Record<string, string | undefined>>;
  /** An absolute URL instead of the path: a page cursor or an upload Location. */
  url?: string;
  headers?: Readonly<Record<string, string>>;
  body?: RequestBody;
  /** Overrides the endpoint's body cap. */
  maxBodyBytes?: number;
  signal?: AbortSignal | undefined;
  /** Total time for the request, its body included (default: the transport's). */
  deadlineMs?: number;
  /** Bytes the request moves: the transport's deadline grows with them. */
  expectedBytes?: number;
}

/**
 * Returns the registry's answer to one endpoint call, authenticated with the endpoint's scope.
 * `target` is a repository, or a registry host for the registry-wide endpoints. Throws NAME_INVALID
 * for an invalid repository name and the transport's and authenticator's errors.
 */
export function send(
  ctx: OperationContext,
  name: EndpointName,
  target: RepositoryRef | string,
  opts: SendOptions = {},
): Promise<TransportResponse> {
  return ctx.auth.request(endpointRequest(ENDPOINTS[name], target, opts));
}

/** Returns the path (and query) of an endpoint for a repository; throws NAME_INVALID. */
export function endpointPath(
  name: EndpointName,
  target: RepositoryRef | string,
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  return buildPath(ENDPOINTS[name], target, params);
}

function endpointRequest(
  e: Endpoint,
  target: RepositoryRef | string,
  opts: SendOptions,
): AuthRequest {
  const repo = typeof target === 'string' ? undefined : target;
  const params = opts.params ?? {};
  const where = opts.url !== undefined ? { url: opts.url } : { path: buildPath(e, target, params) };
  const scopes = scopesOf(e, repo, params);
  const headers = { ...e.headers, ...opts.headers };
  const maxBodyBytes = opts.maxBodyBytes ?? e.maxBodyBytes;
  return {
    registry: repo ? repo.registry : (target as string),
    ...(repo ? { repository: repo.repository } : {}),
    method: e.method,
    ...where,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    ...(e.idempotent ? { idempotent: true } : {}),
    ...(scopes.length > 0 ? { scopes } : {}),
    ...('signal' in opts ? { signal: opts.signal } : {}),
    ...(e.expect !== undefined ? { expectStatus: e.expect } : {}),
    ...(e.notFound !== undefined ? { notFound: e.notFound } : {}),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    ...(opts.deadlineMs !== undefined ? { deadlineMs: opts.deadlineMs } : {}),
    ...(opts.expectedBytes !== undefined ? { expectedBytes: opts.expectedBytes } : {}),
  };
}

const REPOSITORY_PREFIX = '/v2/{name}/';

function buildPath(
  e: Endpoint,
  target: RepositoryRef | string,
  params: Readonly<Record<string, string | undefined>>,
): string {
  if (e.path.includes('{location}')) {
    throw new AppError('INVALID_ARGUMENT', `${e.method} ${e.path} needs the upload's URL`);
  }
  let path = e.path.replace(/\{(\w+)\}/g, (placeholder, key: string) => {
    if (key === 'name') return placeholder;
    const value = params[key];
    if (value === undefined) throw new AppError('INVALID_ARGUMENT', `Missing ${key} for ${e.path}`);
    return value;
  });
  if (path.startsWith(REPOSITORY_PREFIX)) {
    if (typeof target === 'string') {
      throw new AppError('INVALID_ARGUMENT', `${e.path} needs a repository`);
    }
    path = repoPath(target, path.slice(REPOSITORY_PREFIX.length));
  }
  const query = new URLSearchParams();
  for (const key of e.query ?? []) {
    const value = params[key];
    if (value !== undefined) query.set(key, value);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

function scopesOf(
  e: Endpoint,
  repo: RepositoryRef | undefined,
  params: Readonly<Record<string, string | undefined>>,
): string[] {
  if (e.scope === 'none') return [];
  if (e.scope === 'catalog') return [CATALOG_SCOPE];
  if (!repo) throw new AppError('INVALID_ARGUMENT', `${e.path} needs a repository`);
  const actions = { pull: ['pull'], push: ['pull', 'push'], delete: ['delete'] }[e.scope];
  const scopes = [repositoryScope(repo.repository, actions)];
  if (e.pullFrom) {
    const from = params.from ?? '';
    if (!isValidRepository(from)) {
      throw new AppError('NAME_INVALID', `Invalid repository name "${from}"`);
    }
    scopes.push(repositoryScope(from, ['pull']));
  }
  return scopes;
}
