import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        There is no page at this address.
      </p>
      <Link
        href="/"
        className="mt-4 inline-block text-sm text-sky-700 hover:underline dark:text-sky-400"
      >
        Back to the registries
      </Link>
    </div>
  );
}
