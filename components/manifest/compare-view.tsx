import { Card } from '@/components/ui/card';
import { formatBytes } from '@/lib/format';
import { shortDigest, type InspectedManifest } from '@/lib/registry';

import { envPairs } from './image-details';

interface Side {
  title: string;
  image: InspectedManifest;
}

type Row = { key: string; a: string; b: string };

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Returns the rows of two images' configs, one per field, label and env variable. */
export function compareRows(
  a: InspectedManifest,
  b: InspectedManifest,
): { fields: Row[]; labels: Row[]; env: Row[] } {
  const ca = a.config;
  const cb = b.config;
  const field = (key: string, get: (m: InspectedManifest) => unknown): Row => ({
    key,
    a: str(get(a)),
    b: str(get(b)),
  });
  const fields: Row[] = [
    field('platform', (m) =>
      [m.config?.os, m.config?.architecture, m.config?.variant].filter(Boolean).join('/'),
    ),
    field('os.version', (m) => m.config?.['os.version']),
    field('created', (m) => m.config?.created),
    field('author', (m) => m.config?.author),
    field('entrypoint', (m) => m.config?.config?.Entrypoint),
    field('cmd', (m) => m.config?.config?.Cmd),
    field('working dir', (m) => m.config?.config?.WorkingDir),
    field('user', (m) => m.config?.config?.User),
    field('exposed ports', (m) => Object.keys(m.config?.config?.ExposedPorts ?? {})),
    field('volumes', (m) => Object.keys(m.config?.config?.Volumes ?? {})),
    field('stop signal', (m) => m.config?.config?.StopSignal),
    field('size', (m) => formatBytes(m.totalSize)),
    field('layers', (m) => m.layers?.length ?? 0),
  ];
  const union = (x: Record<string, string>, y: Record<string, string>): Row[] =>
    [...new Set([...Object.keys(x), ...Object.keys(y)])]
      .sort()
      .map((key) => ({ key, a: x[key] ?? '', b: y[key] ?? '' }));
  const labels = union(ca?.config?.Labels ?? {}, cb?.config?.Labels ?? {});
  const env = union(
    Object.fromEntries(envPairs(ca?.config?.Env)),
    Object.fromEntries(envPairs(cb?.config?.Env)),
  );
  return { fields, labels, env };
}

function RowsTable({
  label,
  rows,
  titles,
}: {
  label: string;
  rows: Row[];
  titles: [string, string];
}) {
  return (
    <table className="w-full table-fixed text-left text-sm" aria-label={label}>
      <thead className="text-xs text-zinc-500 dark:text-zinc-400">
        <tr>
          <th className="w-1/4 py-1 pr-2 font-medium">{label}</th>
          <th className="py-1 pr-2 font-medium wrap-anywhere">{titles[0]}</th>
          <th className="py-1 font-medium wrap-anywhere">{titles[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const differs = r.a !== r.b;
          return (
            <tr
              key={r.key}
              data-differs={differs ? 'true' : 'false'}
              className={`border-t border-zinc-200 align-top dark:border-zinc-800 ${differs ? 'bg-amber-50 dark:bg-amber-950/50' : ''}`}
            >
              <th scope="row" className="py-1.5 pr-2 font-mono text-xs font-medium wrap-anywhere">
                {differs ? <span className="sr-only">differs: </span> : null}
                {r.key}
              </th>
              <td
                className={`py-1.5 pr-2 font-mono text-xs wrap-anywhere ${differs && !r.a ? 'text-zinc-500 dark:text-zinc-400' : ''}`}
              >
                {r.a || '(none)'}
              </td>
              <td
                className={`py-1.5 font-mono text-xs wrap-anywhere ${differs && !r.b ? 'text-zinc-500 dark:text-zinc-400' : ''}`}
              >
                {r.b || '(none)'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Two images side by side, differences highlighted: config fields, labels, env, layers shared and not. */
export function CompareView({ a, b }: { a: Side; b: Side }) {
  const { fields, labels, env } = compareRows(a.image, b.image);
  const titles: [string, string] = [a.title, b.title];
  const layersA = new Set((a.image.layers ?? []).map((l) => l.digest));
  const layersB = new Set((b.image.layers ?? []).map((l) => l.digest));
  const allLayers = [
    ...new Map(
      [...(a.image.layers ?? []), ...(b.image.layers ?? [])].map((l) => [l.digest, l]),
    ).values(),
  ];
  const differences = [...fields, ...labels, ...env].filter((r) => r.a !== r.b).length;
  return (
    <div className="flex flex-col gap-4" data-testid="compare-view">
      <p className="text-sm" data-testid="difference-count">
        {differences === 0
          ? 'No differences in config, labels or environment.'
          : `${differences} difference${differences === 1 ? '' : 's'} in config, labels and environment (highlighted).`}
      </p>
      <Card title="Config">
        <RowsTable label="Field" rows={fields} titles={titles} />
      </Card>
      <Card title="Labels">
        <RowsTable label="Label" rows={labels} titles={titles} />
      </Card>
      <Card title="Environment">
        <RowsTable label="Variable" rows={env} titles={titles} />
      </Card>
      <Card title="Layers">
        <table className="w-full text-left text-sm" aria-label="Layers compared">
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 pr-2 font-medium">Layer</th>
              <th className="py-1 pr-2 font-medium">Size</th>
              <th className="py-1 pr-2 font-medium wrap-anywhere">{titles[0]}</th>
              <th className="py-1 font-medium wrap-anywhere">{titles[1]}</th>
            </tr>
          </thead>
          <tbody>
            {allLayers.map((l) => {
              const inA = layersA.has(l.digest);
              const inB = layersB.has(l.digest);
              return (
                <tr
                  key={l.digest}
                  data-shared={inA && inB ? 'true' : 'false'}
                  className={`border-t border-zinc-200 dark:border-zinc-800 ${inA && inB ? '' : 'bg-amber-50 dark:bg-amber-950/50'}`}
                >
                  <td className="py-1.5 pr-2 font-mono text-xs whitespace-nowrap" title={l.digest}>
                    {shortDigest(l.digest)}
                  </td>
                  <td className="py-1.5 pr-2 text-xs whitespace-nowrap">{formatBytes(l.size)}</td>
                  <td className="py-1.5 pr-2 text-xs">{inA ? 'yes' : '—'}</td>
                  <td className="py-1.5 text-xs">{inB ? 'yes' : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          {allLayers.filter((l) => layersA.has(l.digest) && layersB.has(l.digest)).length} shared,{' '}
          {allLayers.filter((l) => !(layersA.has(l.digest) && layersB.has(l.digest))).length} not
          shared.
        </p>
      </Card>
    </div>
  );
}
