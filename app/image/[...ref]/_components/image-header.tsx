import { ImageActions, actionPlatforms } from '@/components/actions/image-actions';
import { AddToDraftButton } from '@/components/drafts/add-to-draft-button';
import { shortDigest, type InspectedManifest, type InspectResult } from '@/lib/registry';

/** The image page's title (repository and tag or digest) with its actions: add to a draft, retag, copy, delete. */
export function ImageHeader({
  result,
  images,
  refText,
}: {
  result: InspectResult;
  images: InspectedManifest[];
  refText: string;
}) {
  const isIndex = result.kind === 'index';
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <h1 className="font-mono text-xl font-semibold break-all">
        {result.repository}
        <span className="text-zinc-500 dark:text-zinc-400">
          {result.tag ? `:${result.tag}` : `@${shortDigest(result.digest)}`}
        </span>
      </h1>
      <div className="flex flex-wrap gap-2" data-testid="image-actions">
        <AddToDraftButton
          reference={refText}
          {...(isIndex
            ? {
                platforms: images
                  .filter((m) => !m.error)
                  .map((m) => ({
                    digest: m.digest,
                    ...(m.platform ? { platform: m.platform } : {}),
                    attestations: m.attestations?.length ?? 0,
                  })),
              }
            : {})}
        />
        <ImageActions
          registry={result.registry}
          repository={result.repository}
          {...(result.tag ? { tag: result.tag } : {})}
          digest={result.digest}
          mediaType={result.mediaType}
          platforms={actionPlatforms(result)}
          isIndex={isIndex}
        />
      </div>
    </div>
  );
}
