'use client';

export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-semibold">This page failed to load.</p>
      <p className="mt-1">
        {error.digest ? `Error reference ${error.digest}: see the server log.` : error.message}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded-md bg-white px-3 py-1 text-sm ring-1 ring-red-300 dark:bg-zinc-900"
      >
        Try again
      </button>
    </div>
  );
}
