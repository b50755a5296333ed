'use client';

import { CopyButton } from '@/components/ui/copy-button';
import type { CliCommand } from '@/lib/actions/cli';

/** The command-line equivalent of an action, one block per tool, each with a copy button. */
export function CliCommands({
  commands,
  summary = 'Equivalent commands',
}: {
  commands: CliCommand[];
  summary?: string;
}) {
  return (
    <details
      className="rounded-md border border-zinc-200 dark:border-zinc-800"
      data-testid="cli-commands"
    >
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium select-none">
        {summary}
      </summary>
      <div className="flex flex-col gap-3 border-t border-zinc-200 px-3 py-3 dark:border-zinc-800">
        {commands.map((c, i) => {
          const text = c.lines.join('\n');
          return (
            <div key={`${i}-${c.tool}`} className="flex flex-col gap-1">
              <div className="flex items-center justify-between gap-2">
                <span className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                  {c.tool}
                </span>
                <CopyButton text={text} label={`Copy ${c.tool} command`} />
              </div>
              <pre className="overflow-x-auto rounded bg-zinc-100 px-2 py-1.5 font-mono text-xs whitespace-pre dark:bg-zinc-950">
                {text}
              </pre>
              {c.note ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{c.note}</p> : null}
            </div>
          );
        })}
      </div>
    </details>
  );
}
