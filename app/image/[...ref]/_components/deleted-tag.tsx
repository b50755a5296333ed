import Link from 'next/link';

import { TagHistory } from '@/components/actions/image-actions';
import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { DeletedTag as Deleted } from '@/lib/events/tag-timeline';
import { formatDate } from '@/lib/format';
import { repositoryPath } from '@/lib/paths';

const HOW = { manifold: 'through Manifold', event: 'registry event', check: 'seen by a check' };

/** The page of a tag the registry no longer has but Manifold recorded: when it went, its history, Restore. */
export function DeletedTag({ deleted: d, insecure }: { deleted: Deleted; insecure: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      <Breadcrumbs registry={d.registry} repository={d.repository} last={d.tag} />
      <h1 className="font-mono text-lg font-semibold break-all">
        {d.registry}/{d.repository}:{d.tag}
      </h1>
      <Card>
        <p className="text-sm" data-testid="tag-deleted">
          {d.at ? (
            <>
              This tag was deleted on {formatDate(d.at)}
              {d.by ? ` by ${d.by}` : ''} ({d.how ? HOW[d.how] : 'unknown'}).
            </>
          ) : (
            <>This tag is no longer in the registry; the records do not say when it went.</>
          )}{' '}
          Its history is kept below: restore any digest the repository still has.
        </p>
        <div className="mt-3">
          <Link
            href={repositoryPath(d.registry, d.repository)}
            className={buttonClass('secondary', 'sm')}
          >
            See the tags of {d.repository}
          </Link>
        </div>
      </Card>
      <TagHistory registry={d.registry} repository={d.repository} tag={d.tag} insecure={insecure} />
    </div>
  );
}
