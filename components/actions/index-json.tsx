/** The JSON of a list an action will write, folded away under its summary. */
export function IndexJson({ json }: { json: string }) {
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium">The new list’s JSON</summary>
      <pre className="mt-2 max-h-64 overflow-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-950">
        {json}
      </pre>
    </details>
  );
}
