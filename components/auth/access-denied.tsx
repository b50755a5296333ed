/** What a page shows instead of its content to a user without the role for it. */
export function AccessDenied({ message }: { message: string }) {
  return (
    <div className="py-16 text-center" data-testid="access-denied">
      <h1 className="text-xl font-semibold">Not for you</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{message}</p>
    </div>
  );
}
