'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';
import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';

import type { ScanEstimate, ScanParamsInput, ScanView } from './coverage-api';

type ScopeKind = 'registry' | 'namespace' | 'repositories';
type RuleKind = 'all' | 'newest-version' | 'newest-date' | 'pattern';

const FIELD =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

function toParams(
  registry: string,
  scope: ScopeKind,
  scopeText: string,
  rule: RuleKind,
  n: number,
  patterns: string,
): ScanParamsInput {
  const words = (s: string) => s.split(/[\s,]+/).filter(Boolean);
  return {
    registry,
    scope:
      scope === 'namespace'
        ? { kind: 'namespace', namespace: scopeText.trim() }
        : scope === 'repositories'
          ? { kind: 'repositories', repositories: words(scopeText) }
          : { kind: 'registry' },
    tagRule:
      rule === 'all'
        ? { kind: 'all' }
        : rule === 'pattern'
          ? { kind: 'pattern', patterns: words(patterns) }
          : { kind: 'newest', n, by: rule === 'newest-date' ? 'date' : 'version' },
  };
}

/** The form that starts a scan: what to scan, which tags, the request budget first, then Start. */
export function ScanForm({
  registries,
  registry,
  onRegistry,
  onStarted,
}: {
  registries: string[];
  registry: string;
  onRegistry: (host: string) => void;
  onStarted: (scan: ScanView) => void;
}) {
  const [scope, setScope] = useState<ScopeKind>('registry');
  const [scopeText, setScopeText] = useState('');
  const [rule, setRule] = useState<RuleKind>('all');
  const [n, setN] = useState(3);
  const [patterns, setPatterns] = useState('latest');
  const params = toParams(registry, scope, scopeText, rule, n, patterns);
  const key = JSON.stringify(params);

  const estimate = useMutation({
    mutationFn: () =>
      apiFetch<ScanEstimate & { key: string }>('/api/coverage/estimate', {
        method: 'POST',
        body: params,
      }).then((e) => ({ ...e, key })),
  });
  const start = useMutation({
    mutationFn: () => apiFetch<ScanView>('/api/coverage/scans', { method: 'POST', body: params }),
    onSuccess: (scan) => {
      estimate.reset();
      onStarted(scan);
    },
  });
  const budget = estimate.data?.key === key ? estimate.data : undefined;
  // The budget is checked by itself once the form stops changing: Start needs it, and asking
  // for it by hand before every scan was a click nobody wanted.
  const { mutate: checkBudget } = estimate;
  useEffect(() => {
    if (!registry || (scope !== 'registry' && !scopeText.trim())) return;
    const t = setTimeout(() => checkBudget(), 800);
    return () => clearTimeout(t);
  }, [key, registry, scope, scopeText, checkBudget]);
  const error = estimate.error ?? start.error;

  return (
    <form
      className="flex flex-col gap-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        estimate.mutate();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <label className="flex flex-col gap-1">
          <span className="font-medium">Registry</span>
          <input
            list="coverage-registries"
            value={registry}
            onChange={(e) => onRegistry(e.target.value.trim())}
            placeholder="localhost:5000"
            className={`${FIELD} font-mono`}
            required
          />
          <datalist id="coverage-registries">
            {registries.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Repositories</span>
          <select
            value={scope}
            onChange={(e) => setScope(e.target.value as ScopeKind)}
            className={FIELD}
          >
            <option value="registry">Whole registry</option>
            <option value="namespace">One namespace</option>
            <option value="repositories">A list of repositories</option>
          </select>
        </label>
        {scope !== 'registry' ? (
          <label className="flex flex-col gap-1">
            <span className="font-medium">
              {scope === 'namespace' ? 'Namespace' : 'Repository names'}
            </span>
            <input
              value={scopeText}
              onChange={(e) => setScopeText(e.target.value)}
              placeholder={scope === 'namespace' ? 'team' : 'team/api, team/web'}
              className={`${FIELD} font-mono`}
              required
            />
          </label>
        ) : null}
        <label className="flex flex-col gap-1">
          <span className="font-medium">Tags</span>
          <select
            value={rule}
            onChange={(e) => setRule(e.target.value as RuleKind)}
            className={FIELD}
          >
            <option value="all">All tags</option>
            <option value="newest-version">Newest by version</option>
            <option value="newest-date">Newest by date</option>
            <option value="pattern">Matching a pattern</option>
          </select>
        </label>
        {rule === 'newest-version' || rule === 'newest-date' ? (
          <label className="flex flex-col gap-1">
            <span className="font-medium">How many</span>
            <input
              type="number"
              min={1}
              max={1000}
              value={n}
              onChange={(e) => setN(Math.max(1, Number(e.target.value) || 1))}
              className={FIELD}
            />
          </label>
        ) : null}
        {rule === 'pattern' ? (
          <label className="flex flex-col gap-1">
            <span className="font-medium">Patterns</span>
            <input
              value={patterns}
              onChange={(e) => setPatterns(e.target.value)}
              placeholder="latest, v*"
              className={`${FIELD} font-mono`}
              required
            />
          </label>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          variant={budget ? 'secondary' : 'primary'}
          disabled={estimate.isPending || !registry}
        >
          {estimate.isPending ? 'Checking…' : 'Check budget'}
        </Button>
        <RoleGate role="editor" target={{ registry }} action="Starting a scan" note>
          <Button
            variant="primary"
            disabled={!budget || start.isPending}
            onClick={() => start.mutate()}
          >
            {start.isPending ? 'Starting…' : 'Start scan'}
          </Button>
        </RoleGate>
        {budget ? (
          <p role="status" className="text-zinc-700 dark:text-zinc-300">
            {budget.repositories} repositories, about {budget.tags} tags: up to{' '}
            <strong>{budget.requests.firstScan.toLocaleString('en')}</strong> requests the first
            time, {budget.requests.unchanged.toLocaleString('en')} when nothing changed.
            {budget.truncated
              ? ` Showing the first ${budget.repositories} repositories; the registry lists more, and a scan stops there too.`
              : ''}
            {budget.dropped > 0
              ? ` ${budget.dropped} names the registry listed are not valid repository names and are left out.`
              : ''}
          </p>
        ) : (
          <p className="text-zinc-500 dark:text-zinc-400">
            The request budget is shown before the scan starts.
          </p>
        )}
      </div>
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
