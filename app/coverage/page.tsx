import type { Metadata } from 'next';

import { getConfig } from '@/lib/config';

import { CoverageReport } from './_components/coverage-report';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Platform coverage' };

type Search = SearchParams;

export default async function CoveragePage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const registries = getConfig().registries.map((r) => r.host);
  const filter = Object.fromEntries(
    (['missing', 'has', 'only', 'q'] as const).flatMap((k) =>
      firstParam(sp[k]) ? [[k, firstParam(sp[k])!]] : [],
    ),
  );
  const scan = firstParam(sp.scan);
  const compare = firstParam(sp.compare);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Platform coverage</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Which repositories of a registry have which platforms, in which tags.
        </p>
      </div>
      <CoverageReport
        registries={registries}
        initial={{
          registry: firstParam(sp.registry) ?? registries[0] ?? '',
          ...(scan ? { scan } : {}),
          ...(compare ? { compare } : {}),
          filter,
        }}
      />
    </div>
  );
}
