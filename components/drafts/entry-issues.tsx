import { Badge } from '@/components/ui/badge';
import { MediaType } from '@/lib/registry/pure';

import type { DraftView } from './api';

type Entry = DraftView['entries'][number];

/** The entry's format as a small badge (Docker, OCI, index, other). */
export function typeBadge(mediaType: string) {
  switch (mediaType) {
    case MediaType.DockerManifest:
      return <Badge tone="violet">Docker</Badge>;
    case MediaType.OciManifest:
      return <Badge tone="blue">OCI</Badge>;
    case MediaType.OciIndex:
    case MediaType.DockerManifestList:
      return <Badge tone="amber">index</Badge>;
    default:
      return <Badge title={mediaType}>other</Badge>;
  }
}

/** Short names of warnings that repeat on many entries; the banner above the table explains them once. */
const SHORT_WARNING: Record<string, string> = {
  MIXED_MEDIA_TYPES: 'mixed formats',
  UNSUPPORTED_CHILD: 'unusual child type',
  MISSING_PLATFORM: 'no platform',
};

/** An entry's problems: repeated warnings as short badges, the rest in full. */
export function Issues({ entry }: { entry: Entry }) {
  if (entry.issues.length === 0) return null;
  const short = entry.issues.filter((i) => i.severity === 'warning' && SHORT_WARNING[i.code]);
  const full = entry.issues.filter((i) => !short.includes(i));
  return (
    <div className="mt-1 flex flex-col gap-0.5" data-testid="entry-issues">
      {short.length ? (
        <div className="flex flex-wrap gap-1">
          {short.map((i, n) => (
            <Badge key={n} tone="amber" title={i.message}>
              {SHORT_WARNING[i.code]}
            </Badge>
          ))}
        </div>
      ) : null}
      {full.map((i, n) => (
        <p
          key={n}
          className={`text-xs wrap-anywhere ${i.severity === 'error' ? 'text-red-700 dark:text-red-400' : 'text-amber-700 dark:text-amber-400'}`}
        >
          <span className="font-semibold">{i.severity === 'error' ? 'Error' : 'Warning'}:</span>{' '}
          {i.message}
        </p>
      ))}
    </div>
  );
}
