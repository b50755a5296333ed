/**
 * Security headers of the answers the proxy (proxy.ts) does not see. It runs for pages, where each
 * answer needs its own CSP nonce; running it for every API request and every static file as well
 * cost about 2 ms of CPU and latency each. API answers are JSON, never rendered, so they get the
 * strictest policy, the same for all; the API door adds HSTS over HTTPS (lib/http/route.ts).
 */
const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=(), interest-cohort=()',
};

export const API_SECURITY_HEADERS = {
  ...COMMON,
  'Content-Security-Policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

export const ASSET_SECURITY_HEADERS = COMMON;

const list = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: keep it out of the server bundle.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: '/api/:path*', headers: list(API_SECURITY_HEADERS) },
      { source: '/_next/static/:path*', headers: list(ASSET_SECURITY_HEADERS) },
    ];
  },
};

export default nextConfig;
