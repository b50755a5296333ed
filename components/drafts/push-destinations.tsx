'use client';

import { Button } from '@/components/ui/button';

import type { usePush } from './use-push';

/** The destination tags of a push (one or more), and the button that previews the push to them. */
export function PushDestinations({ push: p }: { push: ReturnType<typeof usePush> }) {
  const { destinations, setDestinations, runPreview } = p;
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        p.refresh();
      }}
    >
      {destinations.map((d, i) => (
        <div key={i} className="flex flex-col gap-1">
          <label htmlFor={`destination-${i}`} className="text-sm font-medium">
            {i === 0 ? 'Destination tag' : `Destination tag ${i + 1}`}
          </label>
          <div className="flex gap-2">
            <input
              id={`destination-${i}`}
              value={d}
              onChange={(e) =>
                setDestinations(destinations.map((x, j) => (j === i ? e.target.value : x)))
              }
              placeholder="registry/repository:tag"
              className="w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
              spellCheck={false}
              autoComplete="off"
            />
            {destinations.length > 1 ? (
              <Button
                variant="ghost"
                aria-label={`Remove destination ${i + 1}`}
                onClick={() => setDestinations(destinations.filter((_, j) => j !== i))}
              >
                ✕
              </Button>
            ) : null}
          </div>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button variant="ghost" size="sm" onClick={() => setDestinations([...destinations, ''])}>
          + Another tag
        </Button>
        <Button
          type="submit"
          variant="secondary"
          disabled={runPreview.isPending || p.cleaned.length === 0}
        >
          {runPreview.isPending ? 'Checking…' : p.preview ? 'Refresh preview' : 'Preview push'}
        </Button>
      </div>
      {runPreview.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {runPreview.error.message}
        </p>
      ) : null}
    </form>
  );
}
