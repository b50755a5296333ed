import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';

import { ImageActions, TagHistory, actionPlatforms } from '@/components/actions/image-actions';
import { AccessDenied } from '@/components/auth/access-denied';
import { AddToDraftButton } from '@/components/drafts/add-to-draft-button';
import { attestationContext } from '@/components/manifest/attestation-context';
import { AttestationDetails } from '@/components/manifest/attestation-details';
import { RememberRepository } from '@/components/home/recent-repositories';
import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import { ComparePicker } from '@/components/manifest/compare-picker';
import { CompareView } from '@/components/manifest/compare-view';
import { ImageDetails } from '@/components/manifest/image-details';
import { platformLabel } from '@/components/manifest/platform-chip';
import { PlatformsTable } from '@/components/manifest/platforms-table';
import { RawView } from '@/components/manifest/raw-view';
import { Referrers } from '@/components/manifest/referrers';
import { Summary } from '@/components/manifest/summary';
import { Tabs, type TabLink } from '@/components/manifest/tabs';
import { Card, ErrorPanel, Skeleton } from '@/components/ui/card';
import { pageDenial } from '@/lib/auth/page-principal';
import { toPublicError } from '@/lib/errors';
import { imagePath, joinSegments } from '@/lib/paths';
import {
  shortDigest,
  platformsEqual,
  type InspectedManifest,
  type InspectResult,
} from '@/lib/registry';
import { isInsecureRegistry } from '@/lib/server/registry';
import { inspectReference } from '@/lib/server/inspect';

import { TruncatedNotice } from '@/components/manifest/truncated-notice';
import { ImageError } from './_components/image-error';

export const dynamic = 'force-dynamic';

type Params = { ref: string[] };
type Search = Record<string, string | string[] | undefined>;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: joinSegments((await params).ref) };
}

/** Flattens a list's entries (nested indexes included) into the images a user can pick. */
function images(result: InspectResult): InspectedManifest[] {
  const out: InspectedManifest[] = [];
  const walk = (ms: InspectedManifest[] | undefined): void => {
    for (const m of ms ?? []) {
      if (m.kind === 'index') walk(m.manifests);
      else out.push(m);
    }
  };
  walk(result.manifests);
  return out;
}

function label(m: InspectedManifest): string {
  return `${m.kind === 'artifact' ? `artifact ${m.artifactType ?? ''}` : platformLabel(m.platform)} (${shortDigest(m.digest)})`;
}

/** A compare column's title: `latest · linux/amd64`. */
function sideTitle(tag: string, m: InspectedManifest): string {
  return `${tag} · ${m.kind === 'artifact' ? 'artifact' : platformLabel(m.platform)}`;
}

export default async function ImagePage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const text = joinSegments((await params).ref);
  const sp = await searchParams;
  let result: InspectResult;
  try {
    result = await inspectReference(text);
  } catch (err) {
    const query = new URLSearchParams(
      Object.entries(sp).flatMap(([k, v]) => (v === undefined ? [] : [[k, one(v) ?? '']])),
    ).toString();
    return (
      <ImageError
        text={text}
        error={toPublicError(err)}
        href={`/image/${(await params).ref.join('/')}${query ? `?${query}` : ''}`}
      />
    );
  }

  const denied = await pageDenial('viewer', {
    registry: result.registry,
    repository: result.repository,
  });
  if (denied) return <AccessDenied message={denied} />;
  const isIndex = result.kind === 'index';
  const base = imagePath(result.registry, result.repository, result.tag ?? result.digest);
  const tab = one(sp.tab) ?? (isIndex ? 'platforms' : 'details');
  const tabs: TabLink[] = [
    ...(isIndex ? [{ id: 'platforms', label: 'Platforms', href: `${base}?tab=platforms` }] : []),
    { id: 'details', label: 'Details', href: `${base}?tab=details` },
    { id: 'compare', label: 'Compare', href: `${base}?tab=compare` },
    { id: 'raw', label: 'Raw', href: `${base}?tab=raw` },
    { id: 'referrers', label: 'Referrers', href: `${base}?tab=referrers` },
    ...(result.tag ? [{ id: 'history', label: 'History', href: `${base}?tab=history` }] : []),
  ];
  const all = isIndex ? images(result) : [result];
  const insecure = isInsecureRegistry(result.registry);
  const attestation = await attestationContext(result, one(sp.list));
  const actions = actionPlatforms(result);
  const refText = `${result.registry}/${result.repository}${result.tag ? `:${result.tag}` : `@${result.digest}`}`;

  let body: React.ReactNode;
  if (tab === 'platforms' && isIndex) {
    body = (
      <PlatformsTable
        result={result}
        remove={
          result.tag
            ? {
                registry: result.registry,
                repository: result.repository,
                tag: result.tag,
                listDigest: result.digest,
                platforms: actions,
                insecure,
              }
            : undefined
        }
      />
    );
  } else if (tab === 'details') {
    const wanted = one(sp.platform);
    const selected = wanted ? all.find((m) => m.digest === wanted) : all[0];
    body = (
      <div className="flex flex-col gap-4">
        {isIndex ? (
          <nav aria-label="Platform" className="flex flex-wrap gap-2">
            {all.map((m) => (
              <a
                key={m.digest}
                href={`${base}?tab=details&platform=${encodeURIComponent(m.digest)}`}
                aria-current={m.digest === selected?.digest ? 'true' : undefined}
                className={`rounded-md px-2 py-1 font-mono text-xs ring-1 ring-zinc-300 dark:ring-zinc-700 ${m.digest === selected?.digest ? 'bg-sky-700 text-white ring-sky-700' : 'hover:bg-zinc-100 dark:hover:bg-zinc-800'}`}
              >
                {m.kind === 'artifact' ? 'artifact' : platformLabel(m.platform)}
              </a>
            ))}
          </nav>
        ) : null}
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
  } else if (tab === 'compare') {
    const options = all.map((m) => ({ digest: m.digest, label: label(m) }));
    // Nothing picked yet: the first two platforms are compared at once (the picker shows them).
    const picked = one(sp.a) !== undefined || one(sp.b) !== undefined;
    const a = picked ? all.find((m) => m.digest === one(sp.a)) : all[0];
    const otherTag = one(sp.otherTag);
    let b: { title: string; image: InspectedManifest } | undefined;
    let compareError: string | undefined;
    if (a && otherTag) {
      try {
        const other = await inspectReference(`${result.registry}/${result.repository}:${otherTag}`);
        const candidates = other.kind === 'index' ? images(other) : [other];
        const match = a.platform
          ? candidates.find((m) => m.platform && platformsEqual(m.platform, a.platform!))
          : candidates[0];
        if (match) b = { title: sideTitle(otherTag, match), image: match };
        else compareError = `Tag ${otherTag} has no ${platformLabel(a.platform)} image.`;
      } catch (err) {
        compareError = toPublicError(err).message;
      }
    } else {
      const found = picked ? all.find((m) => m.digest === one(sp.b)) : all[1];
      if (found)
        b = { title: sideTitle(result.tag ?? shortDigest(result.digest), found), image: found };
    }
    body = (
      <div className="flex flex-col gap-4">
        <Card>
          <ComparePicker
            basePath={base}
            options={options}
            {...(a ? { a: a.digest } : {})}
            {...(b && !otherTag ? { b: b.image.digest } : {})}
            {...(otherTag ? { otherTag } : {})}
          />
        </Card>
        {compareError ? <ErrorPanel title="Cannot compare" message={compareError} /> : null}
        {a && b ? (
          <CompareView
            a={{ title: sideTitle(result.tag ?? shortDigest(result.digest), a), image: a }}
            b={b}
          />
        ) : !compareError ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {all.length < 2
              ? 'This reference holds one image: type another tag above to compare it with the same platform there.'
              : 'Pick the two platforms to compare above.'}
          </p>
        ) : null}
      </div>
    );
  } else if (tab === 'history' && result.tag) {
    body = (
      <TagHistory
        registry={result.registry}
        repository={result.repository}
        tag={result.tag}
        insecure={insecure}
      />
    );
  } else if (tab === 'raw') {
    body = (
      <RawView raw={result.raw} headers={result.headers} reference={refText} insecure={insecure} />
    );
  } else {
    body = (
      <Suspense fallback={<Skeleton className="h-24 w-full" />}>
        <Referrers result={result} />
      </Suspense>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <RememberRepository host={result.registry} repository={result.repository} />
      <Breadcrumbs
        registry={result.registry}
        repository={result.repository}
        last={result.tag ?? shortDigest(result.digest)}
      />
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
                  platforms: all
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
            platforms={actions}
            isIndex={isIndex}
          />
        </div>
      </div>
      <Card>
        <Summary result={result} attestation={attestation} />
      </Card>
      <TruncatedNotice result={result} />
      <Tabs tabs={tabs} current={tab} />
      <div>{body}</div>
    </div>
  );
}
