import type { ScanTotals } from './coverage-api';

function delta(now: number, before: number | undefined): string {
  if (before === undefined) return '';
  const d = now - before;
  return d === 0 ? '±0' : d > 0 ? `+${d}` : String(d);
}

/** Totals per platform: repositories with it in some tag, in every tag, and the change since the compared scan. */
export function TotalsTable({ totals }: { totals: ScanTotals }) {
  const compared = totals.previous !== undefined;
  return (
    <table className="w-full text-sm">
      <caption className="pb-2 text-left text-zinc-600 dark:text-zinc-400">
        {totals.withTags} repositories with tags · {totals.tags} tags · {totals.broken} broken
        children · {totals.errors} not readable
      </caption>
      <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
        <tr>
          <th className="py-1 font-medium">Platform</th>
          <th className="py-1 text-right font-medium">Some tags</th>
          <th className="py-1 text-right font-medium">All tags</th>
          {compared ? <th className="py-1 text-right font-medium">Change</th> : null}
        </tr>
      </thead>
      <tbody>
        {totals.platforms.map((p) => (
          <tr key={p.platform} className="border-t border-zinc-100 dark:border-zinc-800">
            <td className="py-1 font-mono">{p.platform}</td>
            <td className="py-1 text-right tabular-nums">{p.repositories}</td>
            <td className="py-1 text-right tabular-nums">{p.complete}</td>
            {compared ? (
              <td className="py-1 text-right tabular-nums">
                {delta(p.complete, p.previous?.complete)}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
