import { Suspense } from 'react';

import { TagHistory, actionPlatforms } from '@/components/actions/image-actions';
import { PlatformsTable } from '@/components/manifest/platforms-table';
import { RawView } from '@/components/manifest/raw-view';
import { Referrers } from '@/components/manifest/referrers';
import { Skeleton } from '@/components/ui/card';
import { param, type ImagePageData, type Search } from '@/lib/server/image-page';

import { CompareTab } from './compare-tab';
import { DetailsTab } from './details-tab';

/** What the image page shows under its tabs, for the tab in the URL. */
export function TabBody({ page, search }: { page: ImagePageData; search: Search }) {
  const { result, base, insecure } = page;
  switch (page.body) {
    case 'platforms':
      return (
        <PlatformsTable
          result={result}
          remove={
            result.tag
              ? {
                  registry: result.registry,
                  repository: result.repository,
                  tag: result.tag,
                  listDigest: result.digest,
                  platforms: actionPlatforms(result),
                  insecure,
                }
              : undefined
          }
        />
      );
    case 'details':
      return (
        <DetailsTab
          result={result}
          base={base}
          images={page.images}
          wanted={param(search, 'platform')}
          attestation={page.attestation}
        />
      );
    case 'compare':
      return (
        <CompareTab
          result={result}
          base={base}
          query={{
            a: param(search, 'a'),
            b: param(search, 'b'),
            otherTag: param(search, 'otherTag'),
          }}
        />
      );
    case 'history':
      return (
        <TagHistory
          registry={result.registry}
          repository={result.repository}
          tag={result.tag ?? ''}
          insecure={insecure}
        />
      );
    case 'raw':
      return (
        <RawView
          raw={result.raw}
          headers={result.headers}
          reference={page.refText}
          insecure={insecure}
        />
      );
    case 'referrers':
      return (
        <Suspense fallback={<Skeleton className="h-24 w-full" />}>
          <Referrers result={result} />
        </Suspense>
      );
  }
}
