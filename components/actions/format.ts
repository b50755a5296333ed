import type { Platform } from '@/lib/registry';

/** Returns 'sha256:0123456789ab' (no crypto import: safe in the browser). */
export function short(digest: string | null | undefined, length = 12): string {
  if (!digest) return '—';
  const [algo, hex] = digest.split(':');
  return hex ? `${algo}:${hex.slice(0, length)}` : digest;
}

/** Returns 'os/arch[/variant]' for regctl's --platform, or undefined without a platform. */
export function platformArg(p: Platform | undefined): string | undefined {
  if (!p?.os || !p.architecture) return undefined;
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
