/**
 * The security headers every answer carries, pages, API and static files alike. Plain JavaScript
 * so that next.config.mjs (static files, API answers) and lib/auth/headers.ts (pages, through the
 * proxy) share one list.
 */
export const COMMON_SECURITY_HEADERS = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=(), interest-cohort=()',
});

/** API answers are JSON and never rendered: nothing may load or run from one. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
