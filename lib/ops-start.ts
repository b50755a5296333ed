import http from 'node:http';

import type { AppConfig } from '@/lib/config';
import { onShutdown, shutdown } from '@/lib/lifecycle';
import { log } from '@/lib/log';
import { metricsText } from '@/lib/metrics';

const globalForOps = globalThis as unknown as { manifoldOpsStarted?: boolean };

/**
 * Returns the server answering `GET /metrics` (Prometheus text) on `host:port`, and nothing else:
 * a port of its own, so the operator can leave it off the load balancer and firewall it to the
 * scraper, the way Grafana and Argo CD serve theirs. Rejects when the port cannot be bound.
 */
export function startMetricsServer(host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try GET /metrics\n');
      return;
    }
    metricsText().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (err: unknown) => {
        log().error({ err }, 'metrics: collecting failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n');
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Starts what a served process needs besides Next, once per process (Next dev's reloads run
 * instrumentation again): the metrics listener when MANIFOLD_METRICS_PORT is set, and the
 * SIGTERM/SIGINT handling that drains jobs and exits within `shutdownTimeoutMs`. Never throws; a
 * metrics port that cannot be bound stops the process, as a bad setting does.
 */
export function startOperations(cfg: AppConfig): void {
  if (globalForOps.manifoldOpsStarted) return;
  globalForOps.manifoldOpsStarted = true;
  if (cfg.metricsPort !== undefined) {
    startMetricsServer(cfg.metricsHost, cfg.metricsPort).then(
      (server) => {
        log().info({ host: cfg.metricsHost, port: cfg.metricsPort }, 'metrics listening');
        onShutdown(() => new Promise<void>((resolve) => server.close(() => resolve())));
      },
      (err: Error) => {
        console.error(
          `Manifold cannot start. MANIFOLD_METRICS_PORT=${cfg.metricsPort}: ${err.message}`,
        );
        process.exit(1);
      },
    );
  }
  const stop = (signal: string) => {
    log().info({ signal }, 'shutdown requested');
    // The bound holds even if a job or the store hangs: exit anyway when it is up.
    setTimeout(() => {
      log().warn('shutdown: the bound was reached, exiting');
      process.exit(1);
    }, cfg.shutdownTimeoutMs).unref();
    void shutdown(cfg.shutdownTimeoutMs).then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
