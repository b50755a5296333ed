'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';

export interface PickOption {
  digest: string;
  label: string;
}

/** Picks two platforms of this list, or one platform here and the same platform in another tag. */
export function ComparePicker({
  basePath,
  options,
  a,
  b,
  otherTag,
}: {
  basePath: string;
  options: PickOption[];
  a?: string;
  b?: string;
  otherTag?: string;
}) {
  const router = useRouter();
  const [left, setLeft] = useState(a ?? options[0]?.digest ?? '');
  const [right, setRight] = useState(b ?? options[1]?.digest ?? options[0]?.digest ?? '');
  const [tag, setTag] = useState(otherTag ?? '');
  const select =
    'w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm sm:w-auto dark:border-zinc-700 dark:bg-zinc-900';
  const field = 'flex w-full min-w-0 flex-col gap-1 text-xs font-medium sm:w-auto';
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const q = new URLSearchParams({ tab: 'compare', a: left });
        if (tag.trim()) q.set('otherTag', tag.trim());
        else q.set('b', right);
        router.push(`${basePath}?${q.toString()}`);
      }}
    >
      <label className={field}>
        Left platform
        <select className={select} value={left} onChange={(e) => setLeft(e.target.value)}>
          {options.map((o) => (
            <option key={o.digest} value={o.digest}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className={field}>
        Right platform
        <select
          className={select}
          value={right}
          onChange={(e) => setRight(e.target.value)}
          disabled={tag.trim() !== ''}
        >
          {options.map((o) => (
            <option key={o.digest} value={o.digest}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className={field}>
        Other tag (same platform)
        <input
          className={select}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          placeholder="e.g. 1.0.0"
        />
      </label>
      <Button type="submit" variant="primary">
        Compare
      </Button>
    </form>
  );
}
