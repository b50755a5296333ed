import type { Metadata } from 'next';

import { AccessDenied } from '@/components/auth/access-denied';
import { RememberRepository } from '@/components/home/recent-repositories';
import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import { Summary } from '@/components/manifest/summary';
import { Tabs } from '@/components/manifest/tabs';
import { TruncatedNotice } from '@/components/manifest/truncated-notice';
import { Card } from '@/components/ui/card';
import { joinSegments } from '@/lib/paths';
import { shortDigest } from '@/lib/registry';
import { loadImagePage, type Search } from '@/lib/server/image-page';

import { DeletedTag } from './_components/deleted-tag';
import { ImageError } from './_components/image-error';
import { ImageHeader } from './_components/image-header';
import { TabBody } from './_components/tab-body';

export const dynamic = 'force-dynamic';

type Params = { ref: string[] };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: joinSegments((await params).ref) };
}

export default async function ImagePage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const search = await searchParams;
  const page = await loadImagePage((await params).ref, search);
  if (page.kind === 'error')
    return <ImageError text={page.text} error={page.error} href={page.href} />;
  if (page.kind === 'denied') return <AccessDenied message={page.message} />;
  if (page.kind === 'deleted')
    return <DeletedTag deleted={page.deleted} insecure={page.insecure} />;
  const { result } = page;
  return (
    <div className="flex flex-col gap-5">
      <RememberRepository host={result.registry} repository={result.repository} />
      <Breadcrumbs
        registry={result.registry}
        repository={result.repository}
        last={result.tag ?? shortDigest(result.digest)}
      />
      <ImageHeader result={result} images={page.images} refText={page.refText} />
      <Card>
        <Summary result={result} attestation={page.attestation} />
      </Card>
      <TruncatedNotice result={result} />
      <Tabs tabs={page.tabs} current={page.tab} />
      <div>
        <TabBody page={page} search={search} />
      </div>
    </div>
  );
}
