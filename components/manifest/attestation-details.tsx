import Link from 'next/link';

import { Card } from '@/components/ui/card';
import { formatBytes } from '@/lib/format';
import type { InspectedManifest } from '@/lib/registry';

import { predicateName } from '@/lib/browse/attestation';
import type { StatementFacts } from '@/lib/browse/statement';
import { safeHttpUrl } from '@/lib/browse/tag-summary';
import type { AttestationContext } from '@/lib/server/attestation-context';

/** "attestation for linux/amd64 · SBOM (SPDX)", with links to the image and back to its list. */
export function AttestationOf({ attestation }: { attestation: AttestationContext }) {
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="attestation-of">
      <span>
        {attestation.what} attestation
        {attestation.image ? (
          <>
            {' '}
            for{' '}
            <Link
              href={attestation.image.href}
              className="font-mono text-sky-700 hover:underline dark:text-sky-400"
            >
              {attestation.image.label}
            </Link>
          </>
        ) : null}
      </span>
      {attestation.list ? (
        <Link
          href={attestation.list.href}
          className="text-xs text-sky-700 hover:underline dark:text-sky-400"
        >
          ← back to <span className="font-mono">{attestation.list.label}</span>
        </Link>
      ) : null}
    </span>
  );
}

/**
 * The details of a BuildKit attestation manifest: what it attests (its predicate types) and its
 * in-toto statements, instead of a container config that only says unknown/unknown.
 */
export function AttestationDetails({
  image,
  attestation,
}: {
  image: InspectedManifest;
  attestation: AttestationContext;
}) {
  const statements = image.layers ?? [];
  return (
    <div className="flex flex-col gap-4" data-testid="attestation-details">
      <Card title="Attestation">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Attests</dt>
          <dd className="min-w-0">
            <AttestationOf attestation={attestation} />
            {attestation.image ? null : (
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                Opened without its list, so the image it describes is not known here: open it from
                the attestation badge of its list’s Platforms tab.
              </p>
            )}
          </dd>
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Predicate types</dt>
          <dd className="min-w-0">
            <ul className="flex flex-col gap-0.5">
              {attestation.predicateTypes.map((t) => (
                <li key={t}>
                  {predicateName(t)} <code className="font-mono text-xs break-all">{t}</code>
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </Card>
      <Card title={`In-toto statements (${statements.length})`}>
        <ol className="flex flex-col gap-1 text-sm" aria-label="Statements">
          {statements.map((l, i) => (
            <li
              key={`${l.digest}-${i}`}
              className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 pt-1 first:border-t-0 dark:border-zinc-800"
            >
              <span className="font-mono text-xs break-all">
                {i + 1}. {l.digest}
              </span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {predicateName(l.annotations?.['in-toto.io/predicate-type'] ?? 'unknown predicate')}{' '}
                · {formatBytes(l.size)}
              </span>
              <StatementLine facts={attestation.statements?.[i]} />
            </li>
          ))}
        </ol>
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          Each statement is a small JSON blob; Manifold reads the first few to show what they state,
          without checking any signature. Read one in full with{' '}
          <code className="font-mono">regctl blob get</code> or{' '}
          <code className="font-mono">crane blob</code>.
        </p>
      </Card>
    </div>
  );
}

/** What one statement states, read from its JSON: builder, source and commit, package count. */
function StatementLine({ facts }: { facts: StatementFacts | undefined }) {
  if (!facts) return null;
  const source = safeHttpUrl(facts.sourceRepository);
  const parts = [
    facts.builderId ? (
      <span key="b">
        built by <code className="font-mono break-all">{facts.builderId}</code>
      </span>
    ) : null,
    facts.sourceRepository ? (
      <span key="s">
        from{' '}
        {source ? (
          <a
            href={source}
            target="_blank"
            rel="noopener noreferrer"
            className="break-all text-sky-700 hover:underline dark:text-sky-400"
          >
            {facts.sourceRepository}
          </a>
        ) : (
          <code className="font-mono break-all">{facts.sourceRepository}</code>
        )}
      </span>
    ) : null,
    facts.sourceCommit ? (
      <span key="c">
        commit <code className="font-mono">{facts.sourceCommit.slice(0, 12)}</code>
      </span>
    ) : null,
    facts.packageCount !== undefined ? (
      <span key="p">
        {facts.packageCount} {facts.packageCount === 1 ? 'package' : 'packages'}
      </span>
    ) : null,
  ].filter(Boolean);
  if (!parts.length) return null;
  return (
    <span className="flex w-full flex-wrap gap-x-3 text-xs" data-testid="statement-facts">
      {parts}
    </span>
  );
}
