import Link from 'next/link';

import { BrowseError } from '@/components/browse/browse-error';
import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import { buttonClass } from '@/components/ui/button';
import type { PublicError } from '@/lib/errors';
import { registryPath, repositoryPath } from '@/lib/paths';
import { parseReference } from '@/lib/registry';

/** The image page when the reference itself cannot be read: what happened, and where to go from here. */
export function ImageError({
  text,
  error,
  href,
}: {
  text: string;
  error: PublicError;
  href: string;
}) {
  let repo: { registry: string; repository: string } | undefined;
  try {
    const ref = parseReference(text);
    repo = { registry: ref.registry, repository: ref.repository };
  } catch {
    repo = undefined;
  }
  // The repository and registry pages of a refused registry fail the same way: no links there.
  if (error.code === 'REGISTRY_NOT_ALLOWED') repo = undefined;
  return (
    <div className="flex flex-col gap-4">
      {repo ? <Breadcrumbs registry={repo.registry} repository={repo.repository} /> : null}
      <h1 className="font-mono text-lg font-semibold break-all">{text}</h1>
      <BrowseError
        title={`Cannot open ${text}`}
        error={error}
        action={
          <div className="flex flex-wrap gap-2">
            {error.retryable ? (
              // A plain link: the page is rendered on the server, so following it asks the registry again.
              <a href={href} className={buttonClass('secondary', 'sm')}>
                Try again
              </a>
            ) : null}
            {repo && error.code !== 'INVALID_REFERENCE' ? (
              <Link
                href={repositoryPath(repo.registry, repo.repository)}
                className={buttonClass('secondary', 'sm')}
              >
                See the tags of {repo.repository}
              </Link>
            ) : null}
            {repo ? (
              <Link href={registryPath(repo.registry)} className={buttonClass('secondary', 'sm')}>
                Browse {repo.registry}
              </Link>
            ) : (
              <Link href="/" className={buttonClass('secondary', 'sm')}>
                Open another reference
              </Link>
            )}
          </div>
        }
      />
    </div>
  );
}
