import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Manifold's Prometheus metrics: one prom-client Registry per process, kept on globalThis so the
 * separately bundled route handlers, instrumentation and the jobs runner (and Next dev's hot
 * reload, which evaluates this module again) all record into the same series.
 */

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_SECONDS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const queue: { read?: () => { running: number; queued: number } } = {};
  const m = {
    registry,
    queue,
    httpDuration: new Histogram({
      name: 'manifold_http_request_duration_seconds',
      help: 'API requests by route pattern, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    registryRequests: new Counter({
      name: 'manifold_registry_requests_total',
      help: 'Requests to registries (token servers included) by registry, method and status',
      labelNames: ['registry', 'method', 'status'] as const,
      registers: [registry],
    }),
    registryDuration: new Histogram({
      name: 'manifold_registry_request_duration_seconds',
      help: 'Time to the response headers of registry requests',
      labelNames: ['registry', 'method'] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    tokenFetches: new Counter({
      name: 'manifold_registry_token_fetches_total',
      help: 'Bearer token requests to token servers by registry and status',
      labelNames: ['registry', 'status'] as const,
      registers: [registry],
    }),
    cacheLookups: new Counter({
      name: 'manifold_content_cache_lookups_total',
      help: 'Content cache lookups by kind (manifest, blob) and result (hit, miss)',
      labelNames: ['kind', 'result'] as const,
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'manifold_jobs_total',
      help: 'Finished jobs by kind and outcome (succeeded, failed)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'manifold_job_duration_seconds',
      help: 'Run time of finished jobs by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      buckets: JOB_SECONDS,
      registers: [registry],
    }),
  };
  new Gauge({
    name: 'manifold_jobs_running',
    help: 'Jobs running in this process',
    registers: [registry],
    collect() {
      this.set(queue.read?.().running ?? 0);
    },
  });
  new Gauge({
    name: 'manifold_jobs_queued',
    help: 'Jobs queued in this process, waiting for a free slot',
    registers: [registry],
    collect() {
      this.set(queue.read?.().queued ?? 0);
    },
  });
  return m;
}

export type Metrics = ReturnType<typeof build>;

const globalForMetrics = globalThis as unknown as { manifoldMetrics?: Metrics };

/** Returns the process-wide metrics (created, with the default process metrics, on first use). */
export function metrics(): Metrics {
  globalForMetrics.manifoldMetrics ??= build();
  return globalForMetrics.manifoldMetrics;
}

/** Returns the text exposition of every metric, as Prometheus scrapes it; never throws. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
