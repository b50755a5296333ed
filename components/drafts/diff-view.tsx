/** A unified diff with added lines green, removed lines red and hunk headers muted. */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  // The first four lines are the ===/---/+++ headers of createTwoFilesPatch; the UI says what they say.
  const lines = diff
    .split('\n')
    .filter(
      (l, i) =>
        !(
          i < 4 &&
          (l.startsWith('===') ||
            l.startsWith('---') ||
            l.startsWith('+++') ||
            l.startsWith('Index:'))
        ),
    );
  return (
    <pre
      aria-label={label}
      className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs leading-5 dark:border-zinc-800 dark:bg-zinc-950"
    >
      {lines.map((line, i) => {
        const tone = line.startsWith('+')
          ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200'
          : line.startsWith('-')
            ? 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200'
            : line.startsWith('@@')
              ? 'text-sky-700 dark:text-sky-400'
              : line.startsWith('\\')
                ? 'text-zinc-500 dark:text-zinc-400'
                : '';
        return (
          <span key={i} className={`block whitespace-pre ${tone}`}>
            {line || ' '}
          </span>
        );
      })}
    </pre>
  );
}
