import { Skeleton } from '@/components/ui/card';

export default function Loading() {
  return (
    <div className="flex flex-col gap-5" aria-busy="true" aria-label="Loading the tags">
      <Skeleton className="h-4 w-64" />
      <Skeleton className="h-7 w-80" />
      <div className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <div className="flex flex-wrap justify-between gap-3">
          <Skeleton className="h-8 w-full max-w-md" />
          <Skeleton className="h-8 w-64" />
        </div>
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-3">
            <Skeleton className="h-5 w-24" />
            <Skeleton className="h-5 w-24" />
            <Skeleton className="h-5 flex-1" />
          </div>
        ))}
      </div>
    </div>
  );
}
