import { Skeleton } from '@/components/ui/card';

export default function Loading() {
  return (
    <div className="flex flex-col gap-5" aria-busy="true" aria-label="Loading the repositories">
      <Skeleton className="h-4 w-48" />
      <Skeleton className="h-7 w-72" />
      <Skeleton className="h-20 w-full" />
      <div className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <Skeleton className="h-8 w-full max-w-md" />
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className={`h-6 ${i % 4 === 0 ? 'w-40' : 'ml-5 w-64'}`} />
        ))}
      </div>
    </div>
  );
}
