import { ComparePicker } from '@/components/manifest/compare-picker';
import { CompareView } from '@/components/manifest/compare-view';
import { Card, ErrorPanel } from '@/components/ui/card';
import type { InspectResult } from '@/lib/registry';
import { compareImages } from '@/lib/server/image-compare';

/** The Compare tab: pick two images of the list (or the same platform under another tag), side by side. */
export async function CompareTab({
  result,
  base,
  query,
}: {
  result: InspectResult;
  base: string;
  query: { a?: string | undefined; b?: string | undefined; otherTag?: string | undefined };
}) {
  const { options, a, b, otherTag, error } = await compareImages(result, query);
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <ComparePicker
          basePath={base}
          options={options}
          {...(a ? { a: a.image.digest } : {})}
          {...(b && !otherTag ? { b: b.image.digest } : {})}
          {...(otherTag ? { otherTag } : {})}
        />
      </Card>
      {error ? <ErrorPanel title="Cannot compare" message={error} /> : null}
      {a && b ? (
        <CompareView a={a} b={b} />
      ) : !error ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {options.length < 2
            ? 'This reference holds one image: type another tag above to compare it with the same platform there.'
            : 'Pick the two platforms to compare above.'}
        </p>
      ) : null}
    </div>
  );
}
