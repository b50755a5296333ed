'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import type { ScanTotals } from './coverage-api';

function pct(n: number, of: number): number {
  return of > 0 ? Math.round((n / of) * 1000) / 10 : 0;
}

/**
 * Coverage per platform: the share of scanned repositories where every chosen tag has it, and the
 * same share in the scan compared with. Loaded only on the coverage page (next/dynamic).
 */
export default function CoverageChart({ totals }: { totals: ScanTotals }) {
  const data = totals.platforms.map((p) => ({
    platform: p.platform,
    now: pct(p.complete, totals.withTags),
    ...(p.previous ? { before: pct(p.previous.complete, p.previous.withTags) } : {}),
  }));
  const height = Math.max(160, 40 + data.length * (totals.previous ? 34 : 24));
  return (
    <div style={{ height }} className="w-full text-xs" data-testid="coverage-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} strokeOpacity={0.3} />
          <XAxis type="number" domain={[0, 100]} unit="%" tickCount={6} />
          <YAxis type="category" dataKey="platform" width={110} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => `${String(v)}%`} />
          {totals.previous ? <Legend /> : null}
          <Bar dataKey="now" name="This scan" fill="#0284c7" isAnimationActive={false} />
          {totals.previous ? (
            <Bar dataKey="before" name="Compared scan" fill="#a1a1aa" isAnimationActive={false} />
          ) : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
