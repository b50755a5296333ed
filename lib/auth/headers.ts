import { COMMON_SECURITY_HEADERS } from './security-headers.mjs';

/** Strict-Transport-Security over HTTPS: a year, subdomains included. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The security headers every response carries; the CSP allows only scripts with this request's nonce. */
export function securityHeaders(opts: {
  nonce: string;
  https: boolean;
  dev: boolean;
}): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next loads from a nonced script run too; nothing inline without the nonce.
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    // React sets style attributes (virtual lists, widths): styles may be inline, scripts never.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    ...COMMON_SECURITY_HEADERS,
    ...(opts.https ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}
