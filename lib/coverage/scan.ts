import pLimit from 'p-limit';

import type { JobContext, JobHandler } from '@/lib/jobs';
import { AppError, isAppError, walkPages, type RegistryClient } from '@/lib/registry';
import {
  getCoverageScan,
  insertCoverageScan,
  saveCoverageRepo,
  scannedRepositories,
  updateCoverageScan,
} from '@/lib/store';

import { createRequestGate, type RequestGate } from './gate';
import type { ScanParams, ScanScope } from './params';
import { scanRepository } from './repository';
import type { ContentCacheLike } from './resolve';

/** The job kind of a coverage scan; the scan's id is its job's id. */
export const COVERAGE_SCAN_JOB = 'coverage-scan';

/** Catalog page size asked of the registry (distribution answers at most 1000). */
export const CATALOG_PAGE_SIZE = 1000;
const LIST_PAGE_SIZE = 500;

export interface ScanResult {
  repositories: number;
  tags: number;
  /** Registry requests of this run (a resumed scan counts only its own). */
  requests: number;
  durationMs: number;
}

export interface ScanDeps {
  getClient: () => RegistryClient;
  getCache?: () => ContentCacheLike;
  /** Catalog page size (default 1000; tests use less to walk the Link cursor). */
  catalogPageSize?: number;
}

/** Returns true when the repository is in scope (a namespace holds `ns/...`, not `ns` itself). */
export function inScope(scope: ScanScope, repository: string): boolean {
  return scope.kind !== 'namespace' || repository.startsWith(`${scope.namespace}/`);
}

/** A page of the repositories in scope; `truncated` on the last one when the catalog lists more than its caps. */
export interface RepositoryPageInScope {
  repositories: string[];
  last: boolean;
  truncated: boolean;
  /** Names on this page outside the repository grammar, left out. */
  dropped: number;
}

/**
 * Yields the repositories in scope page by page: the catalog through its Link cursor, within the
 * listing caps (an endless catalog stops there, marked truncated), or the given list in slices.
 * Only one page is held at a time.
 */
export async function* repositoryPages(
  client: RegistryClient,
  gate: RequestGate,
  params: ScanParams,
  signal?: AbortSignal,
  pageSize = CATALOG_PAGE_SIZE,
): AsyncGenerator<RepositoryPageInScope> {
  const scope = params.scope;
  if (scope.kind === 'repositories') {
    const unique = [...new Set(scope.repositories)];
    for (let i = 0; i < unique.length; i += LIST_PAGE_SIZE)
      yield {
        repositories: unique.slice(i, i + LIST_PAGE_SIZE),
        last: i + LIST_PAGE_SIZE >= unique.length,
        truncated: false,
        dropped: 0,
      };
    if (unique.length === 0) yield { repositories: [], last: true, truncated: false, dropped: 0 };
    return;
  }
  const pages = walkPages(
    async (cursor) => {
      const page = await gate.run(() =>
        client.listRepositories(params.registry, {
          n: pageSize,
          ...(cursor ? { cursor } : {}),
          ...(signal ? { signal } : {}),
        }),
      );
      return { names: page.repositories, next: page.next, dropped: page.dropped };
    },
    signal ? { signal } : {},
  );
  for await (const page of pages)
    yield {
      repositories: page.names.filter((r) => inScope(scope, r)),
      last: page.last,
      truncated: page.truncated,
      dropped: page.dropped,
    };
}

function progressMessage(scanId: string): string {
  const s = getCoverageScan(scanId);
  if (!s) return 'Scanning';
  const of = s.catalogDone ? `${s.repositoriesSeen}` : `${s.repositoriesSeen}+`;
  return `${s.repositoriesDone} of ${of} repositories · ${s.tags} tags · ${s.requests} requests`;
}

interface RunState {
  deps: ScanDeps;
  ctx: JobContext<ScanParams>;
  client: RegistryClient;
  gate: RequestGate;
  /** Aborted by a cancel, or by the first repository that fails, so the others stop too. */
  stop: AbortController;
  repositories: number;
  tags: number;
  counted: number;
}

function flush(st: RunState, extra: Parameters<typeof updateCoverageScan>[1] = {}): void {
  const delta = st.gate.requests - st.counted;
  st.counted = st.gate.requests;
  updateCoverageScan(st.ctx.jobId, { ...extra, requests: delta });
}

async function scanPage(st: RunState, repositories: string[]): Promise<void> {
  const { ctx } = st;
  const done = scannedRepositories(ctx.jobId, repositories);
  const limit = pLimit(ctx.params.concurrency);
  const cache = st.deps.getCache?.();
  const outcomes = await Promise.allSettled(
    repositories
      .filter((r) => !done.has(r))
      .map((repository) =>
        limit(async () => {
          if (st.stop.signal.aborted) return;
          try {
            const record = await scanRepository(
              {
                client: st.client,
                gate: st.gate,
                tagRule: ctx.params.tagRule,
                signal: st.stop.signal,
                ...(cache ? { cache } : {}),
              },
              { registry: ctx.params.registry, repository },
            );
            saveCoverageRepo(ctx.jobId, record);
            st.repositories++;
            st.tags += record.tagCount;
            flush(st);
            ctx.progress.setMessage(progressMessage(ctx.jobId));
          } catch (err) {
            st.stop.abort(err);
            throw err;
          }
        }),
      ),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed || st.stop.signal.aborted) {
    const reason: unknown = st.stop.signal.reason ?? failed?.reason;
    throw isAppError(reason)
      ? reason
      : reason instanceof Error
        ? reason
        : new AppError('ABORTED', 'The scan was cancelled');
  }
}

async function runScan(deps: ScanDeps, ctx: JobContext<ScanParams>): Promise<ScanResult> {
  const started = Date.now();
  const params = ctx.params;
  if (!getCoverageScan(ctx.jobId))
    insertCoverageScan({ id: ctx.jobId, registry: params.registry, params });
  const stop = new AbortController();
  const onCancel = () => stop.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onCancel, { once: true });
  const st: RunState = {
    deps,
    ctx,
    client: deps.getClient(),
    gate: createRequestGate({ concurrency: params.concurrency, signal: stop.signal }),
    stop,
    repositories: 0,
    tags: 0,
    counted: 0,
  };
  ctx.progress.setMessage(progressMessage(ctx.jobId));
  try {
    let seen = 0;
    let dropped = 0;
    for await (const page of repositoryPages(
      st.client,
      st.gate,
      params,
      stop.signal,
      deps.catalogPageSize,
    )) {
      seen += page.repositories.length;
      dropped += page.dropped;
      flush(st, {
        repositoriesSeen: seen,
        ...(page.last ? { catalogDone: true, catalogTruncated: page.truncated } : {}),
        ...(dropped > 0 ? { catalogDropped: dropped } : {}),
      });
      await scanPage(st, page.repositories);
    }
    flush(st, { finished: true });
  } finally {
    flush(st);
    ctx.signal.removeEventListener('abort', onCancel);
    ctx.progress.setMessage(progressMessage(ctx.jobId));
  }
  return {
    repositories: st.repositories,
    tags: st.tags,
    requests: st.gate.requests,
    durationMs: Date.now() - started,
  };
}

/** Returns the coverage scan job handler; what it stores survives a failure, so a retry resumes where it stopped. */
export function createScanHandler(deps: ScanDeps): JobHandler<ScanParams, ScanResult> {
  return (ctx) => runScan(deps, ctx);
}
