import { Badge } from '@/components/ui/badge';
import { platformLabel } from '@/lib/format';
import type { Platform } from '@/lib/registry';

export { platformLabel };

export function PlatformChip({ platform }: { platform: Platform | undefined }) {
  return (
    <Badge tone={platform ? 'blue' : 'neutral'}>
      <span className="font-mono">{platformLabel(platform)}</span>
    </Badge>
  );
}
