import Link from 'next/link';

import { AttestationDetails } from '@/components/manifest/attestation-details';
import { ImageDetails } from '@/components/manifest/image-details';
import { platformLabel } from '@/components/manifest/platform-chip';
import { ErrorPanel } from '@/components/ui/card';
import { imagePath } from '@/lib/paths';
import type { InspectedManifest, InspectResult } from '@/lib/registry';
import type { AttestationContext } from '@/lib/server/attestation-context';

function PlatformNav({
  base,
  images,
  selected,
}: {
  base: string;
  images: InspectedManifest[];
  selected: string | undefined;
}) {
  return (
    <nav aria-label="Platform" className="flex flex-wrap gap-2">
      {images.map((m) => (
        <a
          key={m.digest}
          href={`${base}?tab=details&platform=${encodeURIComponent(m.digest)}`}
          aria-current={m.digest === selected ? 'true' : undefined}
          className={`rounded-md px-2 py-1 font-mono text-xs ring-1 ring-zinc-300 dark:ring-zinc-700 ${m.digest === selected ? 'bg-sky-700 text-white ring-sky-700' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
        >
          {m.kind === 'artifact' ? 'artifact' : platformLabel(m.platform)}
        </a>
      ))}
    </nav>
  );
}

/** The Details tab: a list's platforms to pick from, then the chosen image's (or attestation's) details. */
export function DetailsTab({
  result,
  base,
  images,
  wanted,
  attestation,
}: {
  result: InspectResult;
  base: string;
  images: InspectedManifest[];
  /** The `?platform=` digest asked for; the first image without one. */
  wanted: string | undefined;
  attestation: AttestationContext | undefined;
}) {
  const isIndex = result.kind === 'index';
  const selected = wanted ? images.find((m) => m.digest === wanted) : images[0];
  return (
    <div className="flex flex-col gap-4">
      {isIndex ? <PlatformNav base={base} images={images} selected={selected?.digest} /> : null}
      {attestation ? (
        <AttestationDetails image={result} attestation={attestation} />
      ) : selected ? (
        <ImageDetails
          image={selected}
          subjectHref={
            selected.subject
              ? imagePath(result.registry, result.repository, selected.subject.digest)
              : undefined
          }
        />
      ) : (
        <ErrorPanel
          title="No such platform"
          message={`This list has no entry ${wanted ?? ''}.`}
          hint={
            <Link
              href={isIndex ? `${base}?tab=platforms` : `${base}?tab=details`}
              className="underline"
            >
              Pick one from the list
            </Link>
          }
        />
      )}
    </div>
  );
}
