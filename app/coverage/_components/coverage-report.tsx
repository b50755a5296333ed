'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';

import { Card, Skeleton } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { buttonClass } from '@/components/ui/button';
import { formatDate } from '@/lib/format';

import { coverageKeys, exportUrl, scansQuery, totalsQuery, type ScanView } from './coverage-api';
import { CoverageFilters } from './coverage-filters';
import { CoverageTable } from './coverage-table';
import { FixPanel } from './fix-panel';
import { ScanForm } from './scan-form';
import { ScanStatus } from './scan-status';
import { TotalsTable } from './totals-table';
import { stateToSearch, useReportState, type ReportState } from './use-report-state';

// The charting library is loaded only here, and only in the browser.
const CoverageChart = dynamic(() => import('./coverage-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-40 w-full" />,
});

// Scan labels are long: a select takes the width it is given, never its longest option's.
const FIELD =
  'w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm sm:w-auto sm:max-w-md dark:border-zinc-700 dark:bg-zinc-900';

function scanLabel(s: ScanView): string {
  return `${formatDate(s.createdAt)} · ${s.repositoriesDone} repositories · ${s.status}`;
}

/** The coverage page's body: start a scan, follow it, and read its report (totals, chart, table, exports). */
export function CoverageReport({
  registries,
  initial,
}: {
  registries: string[];
  initial: ReportState;
}) {
  const queryClient = useQueryClient();
  const [state, setState] = useReportState(initial);
  const [fix, setFix] = useState<{ repository: string; tag: string }>();
  const scans = useQuery(scansQuery(state.registry)).data?.scans ?? [];
  const scanId = state.scan ?? scans[0]?.id;
  const totals = useQuery({ ...totalsQuery(scanId ?? '', state.compare), enabled: !!scanId });
  const platforms = totals.data?.platforms.map((p) => p.platform) ?? [];
  const older = scans.filter((s) => s.id !== scanId);
  const shareUrl =
    typeof window === 'undefined'
      ? ''
      : `${window.location.origin}/coverage?${stateToSearch({ ...state, ...(scanId ? { scan: scanId } : {}) }).toString()}`;

  return (
    <div className="flex flex-col gap-4">
      <Card title="New scan">
        <ScanForm
          registries={registries}
          registry={state.registry}
          onRegistry={(registry) => setState({ registry, filter: {} })}
          onStarted={(scan) => {
            void queryClient.invalidateQueries({ queryKey: coverageKeys.scans(scan.registry) });
            setState({ registry: scan.registry, scan: scan.id, filter: {} });
          }}
        />
      </Card>
      {scanId ? (
        <>
          <Card title="Scan">
            <div className="flex flex-col gap-3">
              {scans.length > 1 ? (
                <label className="flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:gap-2">
                  <span className="font-medium">Showing</span>
                  <select
                    value={scanId}
                    onChange={(e) => setState({ ...state, scan: e.target.value })}
                    className={FIELD}
                  >
                    {scans.map((s) => (
                      <option key={s.id} value={s.id}>
                        {scanLabel(s)}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              <ScanStatus id={scanId} />
            </div>
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title="Totals per platform" className="min-w-0">
              {totals.data ? <TotalsTable totals={totals.data} /> : <Skeleton className="h-24" />}
            </Card>
            <Card
              title="Coverage per platform (repositories with it in every tag)"
              className="min-w-0"
            >
              <div className="flex flex-col gap-2">
                <label className="flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:gap-2">
                  <span className="font-medium">Compare with</span>
                  <select
                    value={state.compare ?? ''}
                    onChange={(e) => {
                      const { compare: _old, ...rest } = state;
                      setState(e.target.value ? { ...rest, compare: e.target.value } : rest);
                    }}
                    className={FIELD}
                    disabled={older.length === 0}
                  >
                    <option value="">
                      {older.length ? 'no other scan' : 'no earlier scan yet'}
                    </option>
                    {older.map((s) => (
                      <option key={s.id} value={s.id}>
                        {scanLabel(s)}
                      </option>
                    ))}
                  </select>
                </label>
                {totals.data ? <CoverageChart totals={totals.data} /> : null}
              </div>
            </Card>
          </div>
          <Card
            title="Repositories"
            actions={
              <div className="flex flex-wrap items-center gap-2">
                <a
                  href={exportUrl(scanId, 'csv', state.filter)}
                  download
                  className={buttonClass('secondary', 'sm')}
                >
                  Export CSV
                </a>
                <a
                  href={exportUrl(scanId, 'json', state.filter)}
                  download
                  className={buttonClass('secondary', 'sm')}
                >
                  Export JSON
                </a>
                {shareUrl ? <CopyButton text={shareUrl} label="Copy link" /> : null}
              </div>
            }
          >
            <div className="flex flex-col gap-4">
              <CoverageFilters
                filter={state.filter}
                platforms={platforms}
                onChange={(filter) => setState({ ...state, scan: scanId, filter })}
              />
              <CoverageTable
                scanId={scanId}
                registry={state.registry}
                filter={state.filter}
                platforms={platforms}
                onFix={(repository, tag) => setFix({ repository, tag })}
              />
            </div>
          </Card>
        </>
      ) : state.registry ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No scan of {state.registry} yet.</p>
      ) : null}
      {fix ? (
        <FixPanel
          registry={state.registry}
          repository={fix.repository}
          tag={fix.tag}
          onClose={() => setFix(undefined)}
        />
      ) : null}
    </div>
  );
}
