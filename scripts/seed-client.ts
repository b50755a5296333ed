/**
 * The seed's own minimal registry client (node:http/https, no dependency on lib/registry's
 * transport): HEAD/monolithic upload of blobs, PUT/DELETE of manifests, Basic credentials and
 * the Bearer token dance.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

import { sha256Digest } from '../lib/registry';
import { AppError, type ErrorCode, type RegistryErrorDetail } from '../lib/errors';

export interface SeedTarget {
  /** Registry base URL, e.g. http://127.0.0.1:5000. */
  url: string;
  /** PEM file of a CA to trust for https. */
  caFile?: string;
  username?: string;
  password?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Returns the challenges of a WWW-Authenticate header (quoted values may hold commas). */
export function parseChallenges(header: string | undefined): Challenge[] {
  const challenges: Challenge[] = [];
  if (!header) return challenges;
  const s = header;
  let i = 0;
  let current: Challenge | undefined;
  const isToken = (c: string | undefined): boolean =>
    c !== undefined && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(c);
  while (i < s.length) {
    while (i < s.length && (s[i] === ',' || s[i] === ' ' || s[i] === '\t')) i++;
    const start = i;
    while (isToken(s[i])) i++;
    if (i === start) {
      i++;
      continue;
    }
    const token = s.slice(start, i);
    let j = i;
    while (s[j] === ' ') j++;
    if (s[j] !== '=' || !current) {
      current = { scheme: token.toLowerCase(), params: {} };
      challenges.push(current);
      continue;
    }
    j++;
    while (s[j] === ' ') j++;
    let value = '';
    if (s[j] === '"') {
      j++;
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        value += s[j];
        j++;
      }
      j++;
    } else {
      while (j < s.length && s[j] !== ',' && s[j] !== ' ') value += s[j++];
    }
    current.params[token.toLowerCase()] = value;
    i = j;
  }
  return challenges;
}

const CODES = new Set<string>([
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'BLOB_UPLOAD_UNKNOWN',
  'DIGEST_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
  'MANIFEST_INVALID',
  'MANIFEST_UNKNOWN',
  'NAME_INVALID',
  'NAME_UNKNOWN',
  'SIZE_INVALID',
  'UNAUTHORIZED',
  'DENIED',
  'UNSUPPORTED',
  'TOOMANYREQUESTS',
]);

function errorFrom(res: HttpResponse, method: string, url: string, what: string): AppError {
  let errors: RegistryErrorDetail[] = [];
  try {
    const parsed = JSON.parse(res.body.subarray(0, 65_536).toString('utf8')) as {
      errors?: RegistryErrorDetail[];
    };
    errors = Array.isArray(parsed.errors) ? parsed.errors : [];
  } catch {
    // non-JSON error body
  }
  const first = errors[0]?.code;
  const code: ErrorCode =
    first && CODES.has(first)
      ? (first as ErrorCode)
      : res.status === 401
        ? 'UNAUTHORIZED'
        : res.status >= 500
          ? 'SERVER_ERROR'
          : 'UNKNOWN';
  const detail = errors[0]?.message ? `: ${errors[0].message}` : '';
  return new AppError(code, `${what} failed with HTTP ${res.status}${detail}`, {
    status: res.status,
    errors,
    method,
    url,
    retryable: res.status >= 500 || res.status === 429,
  });
}

/** Seed-only registry client; call close() when done to free the keep-alive sockets. */
export class SeedClient {
  readonly base: URL;
  private readonly ca: Buffer | undefined;
  private readonly agent: http.Agent;
  private authorization: string | undefined;
  private readonly scopes = new Set<string>();

  constructor(private readonly target: SeedTarget) {
    this.base = new URL(target.url.endsWith('/') ? target.url : `${target.url}/`);
    this.ca = target.caFile ? readFileSync(target.caFile) : undefined;
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, ca: this.ca })
        : new http.Agent({ keepAlive: true });
    if (target.username !== undefined) this.authorization = this.basic();
  }

  private basic(): string {
    return `Basic ${Buffer.from(`${this.target.username ?? ''}:${this.target.password ?? ''}`).toString('base64')}`;
  }

  /** Returns the raw response of one request (no auth handling); throws NETWORK when it cannot connect. */
  send(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<HttpResponse> {
    const mod = url.protocol === 'https:' ? https : http;
    const sameOrigin = url.origin === this.base.origin;
    return new Promise((resolve, reject) => {
      const req = mod.request(
        url,
        {
          method,
          headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers,
          agent: sameOrigin ? this.agent : undefined,
          ca: this.ca,
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new AppError('TIMEOUT', `${method} ${url.pathname} timed out`)),
      );
      req.on('error', (err) =>
        reject(
          err instanceof AppError
            ? err
            : new AppError('NETWORK', `${method} ${url.origin}: ${err.message}`, {
                cause: err,
                method,
                url: url.href,
              }),
        ),
      );
      req.end(body);
    });
  }

  private async fetchToken(challenge: Challenge): Promise<void> {
    const realm = challenge.params.realm;
    if (!realm) throw new AppError('UNAUTHORIZED', 'Bearer challenge without a realm');
    if (challenge.params.scope)
      for (const s of challenge.params.scope.split(' ')) this.scopes.add(s);
    const url = new URL(realm, this.base);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    for (const scope of this.scopes) url.searchParams.append('scope', scope);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.target.username !== undefined) headers.Authorization = this.basic();
    const res = await this.send('GET', url, headers);
    if (res.status !== 200) throw errorFrom(res, 'GET', url.href, 'Token request');
    const json = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = json.token ?? json.access_token;
    if (!token) throw new AppError('INVALID_RESPONSE', 'Token response without a token');
    this.authorization = `Bearer ${token}`;
  }

  /** Returns the response of a request to a registry path or URL, answering auth challenges; throws on 401 it cannot satisfy. */
  async request(
    method: string,
    pathOrUrl: string | URL,
    headers: Record<string, string> = {},
    body?: Buffer,
  ): Promise<HttpResponse> {
    const url =
      typeof pathOrUrl === 'string' ? new URL(pathOrUrl.replace(/^\//, ''), this.base) : pathOrUrl;
    for (let attempt = 0; ; attempt++) {
      const sent = this.authorization;
      const res = await this.send(
        method,
        url,
        sent ? { ...headers, Authorization: sent } : headers,
        body,
      );
      if (res.status !== 401 || attempt >= 3) return res;
      const header = res.headers['www-authenticate'];
      const challenges = parseChallenges(Array.isArray(header) ? header.join(', ') : header);
      const bearer = challenges.find((c) => c.scheme === 'bearer');
      if (bearer) {
        const before = this.scopes.size;
        await this.fetchToken(bearer);
        // Same scopes and a bearer token already sent: retrying cannot help.
        if (sent?.startsWith('Bearer ') && this.scopes.size === before) return res;
        continue;
      }
      if (
        challenges.some((c) => c.scheme === 'basic') &&
        this.target.username !== undefined &&
        sent === undefined
      ) {
        this.authorization = this.basic();
        continue;
      }
      return res;
    }
  }

  /** Returns true when the repository has the blob; throws on unexpected answers. */
  async hasBlob(repo: string, digest: string): Promise<boolean> {
    const path = `/v2/${repo}/blobs/${digest}`;
    const res = await this.request('HEAD', path);
    if (res.status === 200) return true;
    if (res.status === 404) return false;
    throw errorFrom(res, 'HEAD', path, `HEAD blob ${digest}`);
  }

  /** Returns true when it uploaded the blob, false when the registry already had it; throws on failure. */
  async pushBlob(repo: string, bytes: Buffer, digest = sha256Digest(bytes)): Promise<boolean> {
    if (await this.hasBlob(repo, digest)) return false;
    const start = `/v2/${repo}/blobs/uploads/`;
    const opened = await this.request('POST', start, { 'Content-Length': '0' });
    const location = opened.headers.location;
    if (opened.status !== 202 || !location)
      throw errorFrom(opened, 'POST', start, `Starting upload of ${digest}`);
    const put = new URL(location, this.base);
    put.searchParams.set('digest', digest);
    const done = await this.request(
      'PUT',
      put,
      { 'Content-Type': 'application/octet-stream' },
      bytes,
    );
    if (done.status !== 201) throw errorFrom(done, 'PUT', put.href, `Upload of ${digest}`);
    return true;
  }

  /** Links a blob another repository of the registry holds into `repo` (one request); throws when the registry refuses. */
  async mountBlob(repo: string, digest: string, from: string): Promise<void> {
    const path = `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`;
    const res = await this.request('POST', path, { 'Content-Length': '0' });
    if (res.status !== 201) throw errorFrom(res, 'POST', path, `Mounting ${digest} into ${repo}`);
  }

  /** Returns the digest the registry reports for the stored manifest; throws on failure or digest disagreement. */
  async putManifest(
    repo: string,
    reference: string,
    mediaType: string,
    bytes: Buffer,
  ): Promise<string> {
    const path = `/v2/${repo}/manifests/${reference}`;
    const res = await this.request('PUT', path, { 'Content-Type': mediaType }, bytes);
    if (res.status !== 201) throw errorFrom(res, 'PUT', path, `PUT manifest ${repo}:${reference}`);
    const expected = sha256Digest(bytes);
    const reported = res.headers['docker-content-digest'];
    if (typeof reported === 'string' && reported !== expected) {
      throw new AppError(
        'DIGEST_MISMATCH',
        `Registry stored ${repo}:${reference} as ${reported}, expected ${expected}`,
      );
    }
    return expected;
  }

  /** Returns true when the manifest was deleted, false when it was already gone; throws otherwise. */
  async deleteManifest(repo: string, digest: string): Promise<boolean> {
    const path = `/v2/${repo}/manifests/${digest}`;
    const res = await this.request('DELETE', path);
    if (res.status === 202 || res.status === 200) return true;
    if (res.status === 404) return false;
    throw errorFrom(res, 'DELETE', path, `DELETE manifest ${repo}@${digest}`);
  }

  /** Returns the manifest bytes and content type; throws when the registry does not have it. */
  async getManifest(
    repo: string,
    reference: string,
    accept: string,
  ): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
    const path = `/v2/${repo}/manifests/${reference}`;
    const res = await this.request('GET', path, { Accept: accept });
    if (res.status !== 200) throw errorFrom(res, 'GET', path, `GET manifest ${repo}:${reference}`);
    return {
      bytes: res.body,
      mediaType: String(res.headers['content-type'] ?? ''),
      digest: sha256Digest(res.body),
    };
  }

  /** Frees the keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
