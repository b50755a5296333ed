import { Suspense } from 'react';

import { RecentActivity, RecentDrafts } from '@/components/home/recent-lists';
import { RecentRepositories } from '@/components/home/recent-repositories';
import { ReferenceBox } from '@/components/reference/reference-box';
import { RegistryStatus, RegistryStatusSkeleton } from '@/components/registries/registry-status';
import { Card } from '@/components/ui/card';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  const { registries, allowUnconfigured } = getConfig();
  // A name without a registry goes to Docker Hub: say so up front when Manifold may not go there.
  const hubAllowed =
    allowUnconfigured === 'public' ||
    (Array.isArray(allowUnconfigured) && allowUnconfigured.includes('docker.io')) ||
    registries.some((r) => r.host === 'docker.io');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-6" data-testid="home-overview">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            Manifest lists, by point and click
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            See which platforms an image supports, assemble per-architecture images into one list,
            and retag, copy, push or delete lists without touching their contents.
          </p>
        </div>
        <Card>
          <ReferenceBox
            autoFocus
            registries={registries.map((r) => r.host)}
            hubAllowed={hubAllowed}
          />
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Registries">
            {registries.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                No registries are configured. Set{' '}
                <code className="font-mono break-all">
                  MANIFOLD_REGISTRIES=localhost:5000,quay.io
                </code>{' '}
                or point <code className="font-mono">MANIFOLD_CONFIG</code> at a config file, then
                restart Manifold. You can still open any reference above.
              </p>
            ) : (
              <ul
                className="-m-4 divide-y divide-zinc-200 dark:divide-zinc-800"
                aria-label="Configured registries"
              >
                {registries.map((r) => (
                  <Suspense
                    key={r.host}
                    fallback={<RegistryStatusSkeleton host={r.host} name={r.name} />}
                  >
                    <RegistryStatus host={r.host} name={r.name} />
                  </Suspense>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Repositories you opened">
            <RecentRepositories />
          </Card>
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-2" data-testid="home-recent">
        <Card title="Recent drafts">
          <RecentDrafts />
        </Card>
        <Card title="Recent activity">
          <RecentActivity />
        </Card>
      </div>
    </div>
  );
}
