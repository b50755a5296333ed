import { Badge } from '@/components/ui/badge';
import type { Platform } from '@/lib/registry';

/** `linux/arm64/v8`, with the Windows build (os.version) when there is one. */
export function platformLabel(p: Platform | undefined): string {
  if (!p) return 'no platform';
  const base = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
  return p['os.version'] ? `${base} ${p['os.version']}` : base;
}

export function PlatformChip({ platform }: { platform: Platform | undefined }) {
  return (
    <Badge tone={platform ? 'blue' : 'neutral'}>
      <span className="font-mono">{platformLabel(platform)}</span>
    </Badge>
  );
}
