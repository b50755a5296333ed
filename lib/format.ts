import type { Platform } from '@/lib/registry';

/** Returns a byte count for people: 1.2 MB, 512 B (decimal units, like registries' UIs). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 1000 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}

/** Returns an ISO timestamp as `2026-01-15 10:00 UTC`, or '—' when missing or unparseable. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Returns `linux/arm64/v8`, with the Windows build (os.version) when there is one; 'no platform' without one. */
export function platformLabel(p: Platform | undefined): string {
  if (!p) return 'no platform';
  const base = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
  return p['os.version'] ? `${base} ${p['os.version']}` : base;
}
