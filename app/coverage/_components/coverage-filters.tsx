'use client';

import { Button } from '@/components/ui/button';

import type { CoverageFilter } from './coverage-api';

const FIELD =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';
const COMMON = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/ppc64le', 'linux/s390x'];

function PlatformSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: string[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="font-medium">{label}</span>
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || undefined)}
        className={`${FIELD} font-mono`}
      >
        <option value="">any</option>
        {options.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The report's filters; they live in the URL, so a filtered view can be shared as a link. */
export function CoverageFilters({
  filter,
  platforms,
  onChange,
}: {
  filter: CoverageFilter;
  platforms: string[];
  onChange: (next: CoverageFilter) => void;
}) {
  const options = [...new Set([...platforms, ...COMMON])];
  const set = (key: keyof CoverageFilter) => (v: string | undefined) => {
    const next = { ...filter };
    if (v) next[key] = v;
    else delete next[key];
    onChange(next);
  };
  const active = Object.values(filter).some(Boolean);
  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={() => onChange({ missing: 'linux/arm64' })}>
          Missing linux/arm64
        </Button>
        <Button size="sm" variant="secondary" onClick={() => onChange({ only: 'linux/amd64' })}>
          Only linux/amd64
        </Button>
        {active ? (
          <Button size="sm" variant="ghost" onClick={() => onChange({})}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <PlatformSelect
          label="Missing"
          value={filter.missing}
          options={options}
          onChange={set('missing')}
        />
        <PlatformSelect
          label="Has platform"
          value={filter.has}
          options={options}
          onChange={set('has')}
        />
        <PlatformSelect label="Only" value={filter.only} options={options} onChange={set('only')} />
        <label className="flex flex-col gap-1">
          <span className="font-medium">Repository contains</span>
          <input
            value={filter.q ?? ''}
            onChange={(e) => set('q')(e.target.value || undefined)}
            placeholder="team/"
            className={`${FIELD} font-mono`}
          />
        </label>
      </div>
    </div>
  );
}
