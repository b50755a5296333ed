import {
  API_CONTENT_SECURITY_POLICY,
  COMMON_SECURITY_HEADERS,
} from './lib/auth/security-headers.mjs';

/**
 * Security headers of the answers the proxy (proxy.ts) does not see. It runs for pages, where each
 * answer needs its own CSP nonce; running it for every API request and every static file as well
 * cost about 2 ms of CPU and latency each. API answers are JSON, never rendered, so they get the
 * strictest policy, the same for all; the API door adds HSTS over HTTPS (lib/http/route.ts).
 */
export const API_SECURITY_HEADERS = {
  ...COMMON_SECURITY_HEADERS,
  'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
};

const list = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The image runs .next/standalone/server.js: the server and only the node_modules it needs
  // (Dockerfile). `next start` and scripts/start.mjs keep working on the same build.
  output: 'standalone',
  // better-sqlite3 is a native addon: keep it out of the server bundle. pino and prom-client keep
  // process-wide state and load optional modules at run time: bundling them breaks both.
  serverExternalPackages: ['better-sqlite3', 'pino', 'prom-client'],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: '/api/:path*', headers: list(API_SECURITY_HEADERS) },
      { source: '/_next/static/:path*', headers: list(COMMON_SECURITY_HEADERS) },
    ];
  },
};

export default nextConfig;
