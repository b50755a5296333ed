/**
 * The bench's side of a running Manifold (its HTTP API, as the browser calls it) and of skopeo,
 * plus the small statistics the bench prints.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Returns the median of the numbers (the upper one of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Returns the 1, 5 and 15-minute load averages as uptime prints them. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

export interface Timed<T> {
  ms: number;
  value: T;
  /** The Server-Timing header of the last response, when there was one. */
  serverTiming?: string;
}

/** Where the time of one job went: the POST, the wait before it ran, its run, and the rest (polling). */
export interface JobTiming {
  postMs: number;
  queuedMs: number;
  runMs: number;
  totalMs: number;
  /** The POST's Server-Timing header. */
  postTiming: string;
}

interface JobView {
  status: string;
  updatedAt: string;
  error?: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A client of one Manifold server's API. */
export class Api {
  /** The timing of the last job waited for (copy, push). */
  lastJob: JobTiming | undefined;

  constructor(readonly base: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(this.base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json', origin: this.base },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(600_000),
    });
    return res;
  }

  /** Returns the parsed JSON of a request; throws with the body when the status is not 2xx. */
  async json<T>(method: string, path: string, body?: unknown): Promise<Timed<T>> {
    const t0 = performance.now();
    const res = await this.call(method, path, body);
    const text = await res.text();
    const ms = performance.now() - t0;
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    const timing = res.headers.get('server-timing');
    return { ms, value: JSON.parse(text) as T, ...(timing ? { serverTiming: timing } : {}) };
  }

  /** Returns the job once finished (long-polling: each answer is a change or the end); throws when it failed. */
  async waitJob(id: string): Promise<JobView> {
    let since = '';
    for (;;) {
      const q = since ? `?wait=25000&since=${encodeURIComponent(since)}` : '';
      const { value } = await this.json<JobView>('GET', `/api/jobs/${id}${q}`);
      if (value.status === 'succeeded') return value;
      if (value.status === 'failed' || value.status === 'interrupted')
        throw new Error(`job ${id} ${value.status}: ${JSON.stringify(value.error)}`);
      since = value.updatedAt;
    }
  }

  private async job(path: string, body: unknown): Promise<number> {
    const t0 = performance.now();
    const posted = await this.json<{ job: { id: string } }>('POST', path, body);
    const { value, ms: postMs } = posted;
    const job = await this.waitJob(value.job.id);
    const totalMs = performance.now() - t0;
    const at = (iso: string | null) => (iso ? Date.parse(iso) : NaN);
    this.lastJob = {
      postMs,
      queuedMs: at(job.startedAt) - at(job.createdAt),
      runMs: at(job.finishedAt) - at(job.startedAt),
      totalMs,
      postTiming: posted.serverTiming ?? '',
    };
    return totalMs;
  }

  /** GET /api/inspect of a reference; returns the wall time. */
  async inspect(ref: string): Promise<Timed<unknown>> {
    return this.json('GET', `/api/inspect?ref=${encodeURIComponent(ref)}`);
  }

  /** POST /api/images/copy to a destination reference, to the job's end; returns the wall time. */
  copy(
    source: { registry: string; repository: string; digest: string },
    destination: string,
  ): Promise<number> {
    return this.job('/api/images/copy', { ...source, destination, expectedDigest: null });
  }

  /** Returns the id of a new draft made from an existing list. */
  async draftFrom(name: string, from: string): Promise<string> {
    const { value } = await this.json<{ id?: string; draft?: { id: string } }>(
      'POST',
      '/api/drafts',
      { name, from },
    );
    const id = value.id ?? value.draft?.id;
    if (!id) throw new Error(`POST /api/drafts returned no id: ${JSON.stringify(value)}`);
    return id;
  }

  /** POST /api/drafts/[id]/push to a new tag, to the job's end; returns the wall time. */
  push(draftId: string, destination: string): Promise<number> {
    return this.job(`/api/drafts/${draftId}/push`, {
      destinations: [{ reference: destination, expectedDigest: null }],
    });
  }
}

const TLS = ['--tls-verify=false'];

/** skopeo the way a script uses it for the same facts as one inspect: the list, then each child's config. */
export async function skopeoInspect(ref: string, repo: string): Promise<void> {
  const { stdout } = await run('skopeo', ['inspect', ...TLS, '--raw', `docker://${ref}`], {
    maxBuffer: 16 << 20,
  });
  const list = JSON.parse(stdout) as { manifests: Array<{ digest: string }> };
  for (const m of list.manifests)
    await run('skopeo', ['inspect', ...TLS, '--config', `docker://${repo}@${m.digest}`], {
      maxBuffer: 16 << 20,
    });
}

/** `skopeo copy --all` of a list between two references. */
export async function skopeoCopy(from: string, to: string): Promise<void> {
  await run(
    'skopeo',
    [
      'copy',
      '--all',
      '--quiet',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${from}`,
      `docker://${to}`,
    ],
    { maxBuffer: 16 << 20 },
  );
}

/** Returns the wall time of an async function in ms. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
