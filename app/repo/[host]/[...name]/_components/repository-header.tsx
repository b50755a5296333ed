import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import { CopyButton } from '@/components/ui/copy-button';

/** The repository page's title: its name, with a button to copy `host/name`. */
export function RepositoryHeader({ host, repository }: { host: string; repository: string }) {
  return (
    <>
      <Breadcrumbs registry={host} repository={repository} />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="font-mono text-xl font-semibold break-all">{repository}</h1>
        <CopyButton text={`${host}/${repository}`} label="Copy name" />
      </div>
    </>
  );
}
